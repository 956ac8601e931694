import { describe, expect, it } from "vitest";
import { boundsOf } from "./edge-cull";
import { heldTileScale, parseTileGrid, routesInRect, routeTouches, TILE_PX, tileGridKey, tileGridOf, tileRect, tileScaleOf } from "./edge-tiles";

describe("tile grid", () => {
  it.each([
    ["zoom 1", [-1000, -500, 1]],
    ["zoom 0.6", [300, -200, 0.6]],
    ["zoom 0.02 (whole graph)", [165, -275, 0.02]],
    ["zoom 2.5", [-5000, -3000, 2.5]],
  ] as const)("covers the viewport and no more: %s", (_, transform) => {
    const g = tileGridOf(transform, 1440, 900);
    const [tx, ty, z] = transform;
    const [x0, y0, x1, y1] = [-tx / z, -ty / z, (-tx + 1440) / z, (-ty + 900) / z];
    expect(g.i0 * g.size).toBeLessThanOrEqual(x0);
    expect(g.j0 * g.size).toBeLessThanOrEqual(y0);
    expect(g.i1 * g.size).toBeGreaterThanOrEqual(x1);
    expect(g.j1 * g.size).toBeGreaterThanOrEqual(y1);
    expect((g.i0 + 1) * g.size).toBeGreaterThan(x0);
    expect((g.i1 - 1) * g.size).toBeLessThanOrEqual(x1);
    // Drawn at a scale within a quarter octave of the zoom: tiles stay sharp.
    expect(Math.abs(Math.log2(g.scale / z))).toBeLessThanOrEqual(0.25 + 1e-9);
    expect(g.size * g.scale).toBeCloseTo(TILE_PX);
  });

  it("stays the same for small pans, so no tile is redrawn", () => {
    const a = tileGridKey(tileGridOf([-1000, -500, 1], 1440, 900));
    expect(tileGridKey(tileGridOf([-1003, -498, 1], 1440, 900))).toBe(a);
    expect(tileGridKey(tileGridOf([-1600, -500, 1], 1440, 900))).not.toBe(a);
  });

  it("round-trips through its key", () => {
    const g = tileGridOf([-1234, 567, 0.37], 1440, 900);
    expect(parseTileGrid(tileGridKey(g))).toEqual(g);
  });
});

describe("routes in a tile", () => {
  const rect = tileRect(100, 1, 1); // 100..200 × 100..200
  it.each([
    ["segment through the tile", [{ x: 0, y: 150 }, { x: 300, y: 150 }], true],
    ["bent route round the tile (its box covers the tile)", [{ x: 0, y: 0 }, { x: 300, y: 0 }, { x: 300, y: 300 }], false],
    ["route ending inside", [{ x: 150, y: 0 }, { x: 150, y: 120 }], true],
    ["single point outside", [{ x: 50, y: 50 }], false],
  ])("%s", (_, points, expected) => {
    expect(routeTouches(points, rect)).toBe(expected);
    expect(routesInRect([points], [boundsOf(points)], rect)).toEqual(expected ? [0] : []);
  });
});

describe("heldTileScale", () => {
  it("keeps the scale a zoom-in started from, up to twice it, then draws at the zoom reached", () => {
    const held = tileScaleOf(0.05);
    expect(heldTileScale(0.05, null)).toBe(held);
    expect(heldTileScale(0.07, held)).toBe(held);
    expect(heldTileScale(held * 2, held)).toBe(held);
    expect(heldTileScale(held * 3, held)).toBe(tileScaleOf(held * 3));
  });
  it("zooming out draws at the new zoom at once (held tiles would leave the view uncovered)", () => {
    const held = tileScaleOf(0.2);
    expect(heldTileScale(0.1, held)).toBe(tileScaleOf(0.1));
  });
});
