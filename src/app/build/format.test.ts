import { describe, expect, it } from "vitest";
import { formatDuration, formatSize } from "./format";

describe("format", () => {
  it.each([
    [null, "–"],
    [400, "0.4s"],
    [12_345, "12s"],
    [125_000, "2m 05s"],
    [3_720_000, "1h 02m"],
  ])("formatDuration(%s) = %s", (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });

  it.each([
    [512, "512 B"],
    [1536, "1.5 KiB"],
    [3 * 1024 * 1024, "3.0 MiB"],
  ])("formatSize(%i) = %s", (n, want) => {
    expect(formatSize(n)).toBe(want);
  });
});
