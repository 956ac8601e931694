// The combined `--progress=plain`-like text of a build, derived on demand from the build state:
// one block per started op in start order (`#N name`, progress lines, `#N 0.123 log line`, then
// `#N DONE 0.4s` / `#N CACHED` / `#N ERROR: …` / `#N CANCELED`), and buildctl's `------ > op:`
// block with the last log lines of each failed op. Unlike buildctl (which interleaves running
// steps as their output arrives), each op's block is contiguous. Block texts are memoized per
// vertex revision, so re-deriving while a build streams only redoes the ops that changed.
// The number formatting is buildctl's, shared with the bridge's plain printer.
import { formatBytes, goFixed } from "../../solver-client/protocol/index";
import type { BuildState, VertexState } from "./types";

export interface PlainViewOptions {
  /** Log lines shown per op (the newest). Default 500. */
  maxLinesPerOp: number;
  /** Lines in the error block of a failed op. Default 10 (as buildctl). */
  errorLines: number;
}

function logPrefix(seconds: number): string {
  return goFixed(seconds, seconds < 10 ? 3 : seconds < 100 ? 2 : 1);
}

/** The op's log as `0.123 line` strings (time since the op started), oldest first. */
export function prefixedLogLines(v: VertexState): string[] {
  const start = v.started ?? 0;
  const decoder = new TextDecoder();
  const lines: string[] = [];
  let partial = false;
  for (const c of v.logs.chunks()) {
    const text = decoder.decode(c.bytes, { stream: true });
    const parts = text.split("\n");
    const complete = parts[parts.length - 1] === "";
    if (complete) parts.pop();
    parts.forEach((p, i) => {
      if (i === 0 && partial && lines.length > 0) lines[lines.length - 1] += p;
      else lines.push(`${logPrefix(Math.max(0, c.time - start) / 1000)} ${p}`);
    });
    if (parts.length > 0) partial = !complete;
  }
  return lines;
}

function progressLine(v: VertexState, n: number): string[] {
  const out: string[] = [];
  for (const p of v.progress) {
    let bytes = "";
    if (p.total !== 0) bytes = ` ${formatBytes(p.current)} / ${formatBytes(p.total)}`;
    else if (p.current !== 0) bytes = ` ${formatBytes(p.current)}`;
    let tm = "";
    if (p.started !== null) {
      const diff = ((p.completed ?? p.timestamp) - p.started) / 1000;
      if (diff > 0.01) tm = ` ${goFixed(diff, 1)}s`;
    }
    if (p.completed !== null) tm += " done";
    out.push(`#${n} ${p.id}${bytes}${tm}`);
  }
  return out;
}

function block(v: VertexState, n: number, maxLines: number, warnings: readonly string[]): string {
  const lines = [`#${n} ${v.name}`, ...progressLine(v, n), ...warnings.map((w) => `#${n} WARN: ${w}`)];
  const logs = prefixedLogLines(v);
  if (v.logs.dropped > 0) lines.push(`#${n} [${formatBytes(v.logs.dropped)} of earlier output not kept]`);
  if (logs.length > maxLines) lines.push(`#${n} [${logs.length - maxLines} earlier lines not shown]`);
  for (const l of logs.slice(-maxLines)) lines.push(`#${n} ${l}`);
  if (v.state === "canceled") lines.push(`#${n} CANCELED`);
  else if (v.state === "failed") lines.push(`#${n} ERROR: ${v.error ?? "failed"}`);
  else if (v.state === "cached") lines.push(`#${n} CACHED`);
  else if (v.state === "done") lines.push(`#${n} DONE ${goFixed((v.durationMs ?? 0) / 1000, 1)}s`);
  return `${lines.join("\n")}\n`;
}

const memo = new WeakMap<VertexState, { key: string; text: string }>();

/** Started ops in start order (ties: first seen). */
export function startedInOrder(s: BuildState): VertexState[] {
  const out: VertexState[] = [];
  for (const d of s.order) {
    const v = s.vertexes.get(d);
    if (v && v.started !== null) out.push(v);
  }
  return out.sort((a, b) => (a.started ?? 0) - (b.started ?? 0) || a.order - b.order);
}

export function plainView(s: BuildState, options: Partial<PlainViewOptions> = {}): string {
  const maxLines = options.maxLinesPerOp ?? 500;
  const errorLines = options.errorLines ?? 10;
  const ops = startedInOrder(s);
  const warnings = new Map<string, string[]>();
  for (const w of s.warnings) if (w.vertex !== null) warnings.set(w.vertex, [...(warnings.get(w.vertex) ?? []), w.short]);
  const blocks: string[] = [];
  ops.forEach((v, i) => {
    const ws = warnings.get(v.digest) ?? [];
    const key = `${i + 1}:${v.rev}:${v.state}:${maxLines}:${ws.length}`;
    let m = memo.get(v);
    if (!m || m.key !== key) {
      m = { key, text: block(v, i + 1, maxLines, ws) };
      memo.set(v, m);
    }
    blocks.push(m.text);
  });
  let text = blocks.join("\n");
  for (const v of ops) {
    if (v.state !== "failed") continue;
    text += `------\n > ${v.name}:\n`;
    for (const l of prefixedLogLines(v).slice(-errorLines)) text += `${l}\n`;
    text += "------\n";
  }
  return text;
}
