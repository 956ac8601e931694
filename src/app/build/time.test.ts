import { describe, expect, it } from "vitest";
import { statusTimeToMillis } from "../../solver-client/protocol/index";
import { parseStatusTime } from "./time";

describe("parseStatusTime", () => {
  it.each([
    ["nanoseconds", "2026-11-22T12:57:37.649968727Z"],
    ["milliseconds", "2026-11-22T12:57:37.649Z"],
    ["whole seconds", "2026-11-22T12:57:37Z"],
    ["another minute (cache refresh)", "2026-11-22T12:58:00.000000001Z"],
    ["a day boundary", "2026-12-31T23:59:59.999999999Z"],
    ["an offset (slow path)", "2026-11-22T13:57:37.5+01:00"],
  ])("%s agrees with the protocol's parser", (_n, t) => {
    expect(parseStatusTime(t)).toBeCloseTo(statusTimeToMillis(t), 6);
  });

  it.each([
    ["empty", ""],
    ["undefined", undefined],
    ["garbage", "yesterday"],
    ["bad seconds", "2026-11-22T12:57:3xZ"],
  ])("%s -> null", (_n, t) => {
    expect(parseStatusTime(t)).toBeNull();
  });
});
