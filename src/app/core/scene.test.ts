import { describe, expect, it } from "vitest";
import { initialViewport } from "./scene";

const screen = { width: 1000, height: 800 };
const opts = { padding: 20, minZoom: 0.6, maxZoom: 1.2 };

describe("initialViewport", () => {
  it.each([
    ["small graph: capped zoom, centred", { x: 0, y: 0, width: 300, height: 200 }, "TB", { x: 320, y: 280, zoom: 1.2 }],
    ["fits: whole graph", { x: 0, y: 0, width: 1200, height: 400 }, "LR", { x: 20, y: 240, zoom: 0.8 }],
    ["tall TB graph: top at min zoom", { x: 0, y: 0, width: 500, height: 4000 }, "TB", { x: 350, y: 20, zoom: 0.6 }],
    ["wide LR graph: left at min zoom", { x: 100, y: 0, width: 5000, height: 300 }, "LR", { x: -40, y: 310, zoom: 0.6 }],
  ] as const)("%s", (_name, bounds, direction, expected) => {
    const v = initialViewport(bounds, screen, direction, opts);
    expect(v.zoom).toBeCloseTo(expected.zoom);
    expect(v.x).toBeCloseTo(expected.x);
    expect(v.y).toBeCloseTo(expected.y);
  });
  it.each([
    ["TB: anchor at the top, centred across", { x: 0, y: 0, width: 9000, height: 4000 }, "TB", { x: 3000, y: 100, width: 200, height: 50 }, { x: 500 - 3100 * 0.6, y: 20 - 60, zoom: 0.6 }],
    ["LR: anchor at the left, centred across", { x: 0, y: 0, width: 9000, height: 4000 }, "LR", { x: 100, y: 2000, width: 200, height: 50 }, { x: 20 - 60, y: 400 - 2025 * 0.6, zoom: 0.6 }],
    ["fitting graphs ignore the anchor", { x: 0, y: 0, width: 300, height: 200 }, "TB", { x: 0, y: 0, width: 10, height: 10 }, { x: 320, y: 280, zoom: 1.2 }],
  ] as const)("%s", (_name, bounds, direction, anchor, expected) => {
    const v = initialViewport(bounds, screen, direction, opts, anchor);
    expect(v.zoom).toBeCloseTo(expected.zoom);
    expect(v.x).toBeCloseTo(expected.x);
    expect(v.y).toBeCloseTo(expected.y);
  });
});
