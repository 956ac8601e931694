import { describe, expect, it } from "vitest";
import { LogRing, lastLines } from "./log-ring";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe("LogRing", () => {
  it.each([
    ["fits", 16, ["abc", "def"], "abcdef", 0],
    ["wraps", 8, ["abcdef", "ghij"], "cdefghij", 2],
    ["one chunk bigger than the ring", 4, ["abcdefgh"], "efgh", 4],
    ["grows past its first buffer", 5000, ["x".repeat(3000), "y".repeat(1500)], `${"x".repeat(3000)}${"y".repeat(1500)}`, 0],
    ["grows then wraps", 3000, ["x".repeat(2000), "y".repeat(2000)], `${"x".repeat(1000)}${"y".repeat(2000)}`, 1000],
  ])("%s", (_n, cap, chunks, kept, dropped) => {
    const r = new LogRing(cap);
    for (const c of chunks) r.append(1, 0, enc(c));
    expect(dec(r.bytes())).toBe(kept);
    expect(r.dropped).toBe(dropped);
  });

  it.each([
    ["interleaved", 64, [[1, "out1\n"], [2, "err1\n"], [1, "out2\n"]], [[1, "out1\n"], [2, "err1\n"], [1, "out2\n"]]],
    ["same stream merges", 64, [[1, "a"], [1, "b"], [2, "c"]], [[1, "ab"], [2, "c"]]],
    ["oldest runs dropped", 4, [[1, "aaaa"], [2, "bb"], [1, "cc"]], [[2, "bb"], [1, "cc"]]],
    ["a run cut by the ring", 5, [[1, "aaaa"], [2, "bb"], [1, "cc"]], [[1, "a"], [2, "bb"], [1, "cc"]]],
  ] as const)("chunks by stream: %s", (_n, cap, input, want) => {
    const r = new LogRing(cap);
    for (const [s, t] of input) r.append(s, 0, enc(t));
    expect(r.chunks().map((c) => [c.stream, dec(c.bytes)])).toEqual(want);
  });

  it("streamBytes and per-stream totals", () => {
    const r = new LogRing(64);
    r.append(1, 0, enc("o1 "));
    r.append(2, 0, enc("e1 "));
    r.append(1, 0, enc("o2"));
    expect(dec(r.streamBytes(1))).toBe("o1 o2");
    expect(dec(r.streamBytes(2))).toBe("e1 ");
    expect([...r.perStream]).toEqual([
      [1, 5],
      [2, 3],
    ]);
  });

  it.each([
    ["complete lines", "a\nb\nc\n", 2, ["b", "c"]],
    ["partial last line", "a\nb\nc", 2, ["b", "c"]],
    ["fewer than asked", "a\n", 5, ["a"]],
  ])("lastLines: %s", (_n, text, n, want) => {
    const r = new LogRing(100);
    r.append(1, 0, enc(text));
    expect(lastLines(r, n)).toEqual(want);
  });
});
