import { describe, expect, it } from "vitest";
import { ANSI_PALETTE, PLAIN_STYLE } from "./ansi";
import { LogRing } from "./log-ring";
import { toLogLines } from "./log-lines";

const enc = (s: string) => new TextEncoder().encode(s);

function ring(chunks: [number, number, string | Uint8Array][]): LogRing {
  const r = new LogRing(1 << 16);
  for (const [stream, time, data] of chunks) r.append(stream, time, typeof data === "string" ? enc(data) : data);
  return r;
}

const text = (lines: ReturnType<typeof toLogLines>) => lines.map((l) => [l.stream, l.time, l.spans.map((s) => s.text).join("")]);

describe("toLogLines", () => {
  it.each<[string, [number, number, string | Uint8Array][], number, [number, number, string][]]>([
    ["lines split across chunks join, keeping the first chunk's time", [[1, 10, "hel"], [1, 20, "lo\nworld\n"]], Infinity, [[1, 10, "hello"], [1, 20, "world"]]],
    ["stdout and stderr tagged", [[1, 1, "out\n"], [2, 2, "err\n"]], Infinity, [[1, 1, "out"], [2, 2, "err"]]],
    ["a UTF-8 character split between chunks", [[1, 1, enc("é").subarray(0, 1)], [1, 2, enc("é\n").subarray(1)]], Infinity, [[1, 1, "é"]]],
    ["only the newest lines", [[1, 1, "a\nb\nc\n"]], 2, [[1, 1, "b"], [1, 1, "c"]]],
  ])("%s", (_n, chunks, max, want) => {
    expect(text(toLogLines(ring(chunks).chunks(), max))).toEqual(want);
  });

  it("a colour set on a dropped line still applies to the kept ones", () => {
    const lines = toLogLines(ring([[1, 1, "\u001b[31ma\nb\n"]]).chunks(), 1);
    expect(lines[0]?.spans).toEqual([{ text: "b", style: { ...PLAIN_STYLE, fg: ANSI_PALETTE[1] } }]);
  });
});
