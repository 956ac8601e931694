import { describe, expect, it } from "vitest";
import * as bridge from "../../solver-client/bridge/progress-plain";
import { formatBytes, goFixed } from "./go-format";

describe("go-format matches the bridge's plain printer", () => {
  it.each([
    [0.05, 1],
    [0.25, 1],
    [0.35, 1],
    [2.0785, 3],
    [12.345, 2],
    [1234.5, 0],
  ])("goFixed(%d, %i)", (x, prec) => {
    expect(goFixed(x, prec)).toBe(bridge.goFixed(x, prec));
  });

  it.each([0, 498, 999, 1000, 1234, 1_080_000, 5e12])("formatBytes(%d)", (n) => {
    expect(formatBytes(n)).toBe(bridge.formatBytes(n));
  });
});
