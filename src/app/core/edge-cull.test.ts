import { describe, expect, it } from "vitest";
import { clipRoute } from "./edge-cull";

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
