// Editor markers from a compile: the error (upstream's message and ranges) and the lint warnings.
// Ranges are 1-based lines with 0-based characters (0..0 meaning the whole line); markers use
// 1-based columns, as Monaco does.
import type { LintWarning, SourceRange } from "../../../dockerfile/index";
import type { CompileError } from "./compile";

export type MarkerSeverity = "error" | "warning";

export interface EditorMarker {
  severity: MarkerSeverity;
  message: string;
  /** Lint rule name or error kind. */
  source: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function lineLength(lines: readonly string[], line: number): number {
  return (lines[line - 1] ?? "").length;
}

function spanOf(ranges: readonly SourceRange[], lines: readonly string[]): Pick<EditorMarker, "startLine" | "startColumn" | "endLine" | "endColumn"> {
  const count = Math.max(1, lines.length);
  const clamp = (line: number) => Math.min(Math.max(1, line), count);
  if (ranges.length === 0) return { startLine: 1, startColumn: 1, endLine: 1, endColumn: lineLength(lines, 1) + 1 };
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  const startLine = clamp(first.start.line);
  const endLine = clamp(last.end.line);
  const wholeLine = first.start.character === 0 && last.end.character <= first.start.character;
  if (wholeLine) return { startLine, startColumn: 1, endLine, endColumn: lineLength(lines, endLine) + 1 };
  return { startLine, startColumn: first.start.character + 1, endLine, endColumn: Math.max(last.end.character + 1, endLine === startLine ? first.start.character + 2 : 1) };
}

export function markersOf(error: CompileError | null, warnings: readonly LintWarning[], text: string): EditorMarker[] {
  const lines = text.split("\n");
  const out: EditorMarker[] = [];
  if (error) out.push({ severity: "error", message: error.message, source: error.kind, ...spanOf(error.ranges, lines) });
  for (const w of warnings) out.push({ severity: "warning", message: w.message, source: w.rule, ...spanOf(w.ranges, lines) });
  return out;
}
