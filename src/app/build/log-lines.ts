// An op's kept output as display lines: text decoded across chunk boundaries, split on newlines,
// each line tagged with the stream (1 stdout, 2 stderr) and daemon time of the chunk it began in,
// and its ANSI colours turned into spans.
import { ansiLines, PLAIN_STYLE } from "./ansi";
import type { AnsiSpan, AnsiStyle } from "./ansi";
import type { LogChunk } from "./log-ring";

export interface LogLine {
  stream: number;
  /** Daemon time, ms since the epoch. */
  time: number;
  spans: AnsiSpan[];
}

/** Display lines of a log (oldest first); `max` keeps only the newest lines. */
export function toLogLines(chunks: readonly LogChunk[], max = Infinity): LogLine[] {
  const decoder = new TextDecoder();
  const raw: { stream: number; time: number; text: string }[] = [];
  let partial = false;
  /** A chunk that decoded to nothing (the start of a split character) starts the next line. */
  let carry: LogChunk | null = null;
  for (const c of chunks) {
    const decoded = decoder.decode(c.bytes, { stream: true });
    if (decoded === "") {
      if (!partial && !carry) carry = c;
      continue;
    }
    const parts = decoded.split("\n");
    const complete = parts[parts.length - 1] === "";
    if (complete) parts.pop();
    parts.forEach((p, i) => {
      const last = raw[raw.length - 1];
      if (i === 0 && partial && last) last.text += p;
      else {
        const from = i === 0 && carry ? carry : c;
        raw.push({ stream: from.stream, time: from.time, text: p });
      }
    });
    carry = null;
    if (parts.length > 0) partial = !complete;
  }
  // styles carry on within a stream; only the kept lines are converted
  const start = Math.max(0, raw.length - max);
  const styles = new Map<number, AnsiStyle>();
  const out: LogLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] as { stream: number; time: number; text: string };
    if (i < start && !r.text.includes("\u001b")) continue;
    const { lines, end } = ansiLines(r.text, styles.get(r.stream) ?? PLAIN_STYLE);
    styles.set(r.stream, end);
    if (i >= start) out.push({ stream: r.stream, time: r.time, spans: lines[0] ?? [] });
  }
  return out;
}
