import { describe, expect, it } from "vitest";
import { clipRoute, renderWindowKey, renderWindowOf, WINDOW_PAD } from "./edge-cull";

describe("render window", () => {
  it("covers the viewport with a margin and stays put for small pans", () => {
    const w = renderWindowOf(renderWindowKey([-1000, -500, 1], 1440, 900));
    expect(w.x0).toBeLessThanOrEqual(1000 - 360 - WINDOW_PAD);
    expect(w.y0).toBeLessThanOrEqual(500 - 225 - WINDOW_PAD);
    expect(w.x1).toBeGreaterThanOrEqual(1000 + 1440 + 360 + WINDOW_PAD);
    expect(w.y1).toBeGreaterThanOrEqual(500 + 900 + 225 + WINDOW_PAD);
    expect(renderWindowKey([-1001, -501, 1], 1440, 900)).toBe(renderWindowKey([-1000, -500, 1], 1440, 900));
  });

  it("covers the viewport at any zoom", () => {
    for (const zoom of [0.02, 0.13, 0.6, 1, 1.7, 2.5]) {
      const w = renderWindowOf(renderWindowKey([-300, 200, zoom], 1440, 900));
      expect(w.x0).toBeLessThan(300 / zoom);
      expect(w.y0).toBeLessThan(-200 / zoom);
      expect(w.x1).toBeGreaterThan((300 + 1440) / zoom);
      expect(w.y1).toBeGreaterThan((-200 + 900) / zoom);
    }
  });
});

describe("clipRoute", () => {
  const window = { x0: 0, y0: 0, x1: 100, y1: 100 };
  const route = [
    { x: -500, y: 50 },
    { x: -300, y: 50 },
    { x: -100, y: 50 },
    { x: 50, y: 50 },
    { x: 50, y: 300 },
    { x: 50, y: 600 },
    { x: 80, y: 900 },
  ];

  it("keeps the stretch through the window and one point either side", () => {
    expect(clipRoute(route, window)).toEqual({ from: 1, to: 5 });
  });

  it("keeps whole routes inside the window and drops routes outside it", () => {
    expect(clipRoute([{ x: 10, y: 10 }, { x: 90, y: 90 }], window)).toEqual({ from: 0, to: 1 });
    expect(clipRoute([{ x: 200, y: 10 }, { x: 300, y: 90 }], window)).toBeNull();
  });
});
