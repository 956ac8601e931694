import { describe, expect, it } from "vitest";
import type { LintWarning } from "../../../dockerfile/index";
import { makeCompileError } from "./compile";
import { markersOf } from "./markers";

const TEXT = "FROM alpine\nRUNN echo hi\nrun true\n";
const line = (l: number, a = 0, b = 0) => ({ start: { line: l, character: a }, end: { line: l, character: b } });

describe("markersOf", () => {
  it.each([
    ["whole-line error", makeCompileError("instruction", "unknown instruction: RUNN", [line(2)]), { startLine: 2, startColumn: 1, endLine: 2, endColumn: 13 }],
    ["error with columns", makeCompileError("convert", "bad", [line(2, 5, 9)]), { startLine: 2, startColumn: 6, endLine: 2, endColumn: 10 }],
    ["multi-line error spans first to last", makeCompileError("syntax", "bad", [line(1), line(2)]), { startLine: 1, startColumn: 1, endLine: 2, endColumn: 13 }],
    ["error without ranges lands on line 1", makeCompileError("input", "no stages", []), { startLine: 1, startColumn: 1, endLine: 1, endColumn: 12 }],
    ["error past the end is clamped", makeCompileError("syntax", "eof", [line(99)]), { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 }],
  ])("%s", (_name, error, span) => {
    const [marker] = markersOf(error, [], TEXT);
    expect(marker).toEqual({ severity: "error", message: error.message, source: error.kind, ...span });
  });

  it("turns lint warnings into warning markers with their rule", () => {
    const warning: LintWarning = { rule: "ConsistentInstructionCasing", description: "", url: "", message: "Command 'run' should match the case of the command majority (uppercase)", ranges: [line(3)] };
    expect(markersOf(null, [warning], TEXT)).toEqual([
      { severity: "warning", message: warning.message, source: "ConsistentInstructionCasing", startLine: 3, startColumn: 1, endLine: 3, endColumn: 9 },
    ]);
  });
});
