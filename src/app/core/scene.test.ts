import { describe, expect, it } from "vitest";
import { fitViewport, initialViewport, sceneNodeAt, type Scene } from "./scene";

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

describe("fitViewport", () => {
  it.each([
    ["a huge graph fits below any fixed minimum zoom", { x: 0, y: 0, width: 80_000, height: 75_000 }, 1.2],
    ["a small graph stops at maxZoom", { x: 100, y: 50, width: 300, height: 200 }, 1.2],
    ["a wide graph, offset", { x: -5_000, y: 200, width: 40_000, height: 900 }, 1.2],
  ])("%s", (_, bounds, maxZoom) => {
    const screen = { width: 1440, height: 900 };
    const v = fitViewport(bounds, screen, { padding: 0.08, maxZoom });
    expect(v.zoom).toBeLessThanOrEqual(maxZoom);
    // Every corner of the bounds is on screen, and the centre is in the middle.
    for (const [x, y] of [[bounds.x, bounds.y], [bounds.x + bounds.width, bounds.y + bounds.height]] as const) {
      expect(x * v.zoom + v.x).toBeGreaterThanOrEqual(0);
      expect(x * v.zoom + v.x).toBeLessThanOrEqual(screen.width);
      expect(y * v.zoom + v.y).toBeGreaterThanOrEqual(0);
      expect(y * v.zoom + v.y).toBeLessThanOrEqual(screen.height);
    }
    expect((bounds.x + bounds.width / 2) * v.zoom + v.x).toBeCloseTo(720);
    expect((bounds.y + bounds.height / 2) * v.zoom + v.y).toBeCloseTo(450);
  });
});

describe("sceneNodeAt", () => {
  const node = (id: string, x: number, y: number) => ({ id, x, y, width: 100, height: 40 }) as Scene["nodes"][number];
  const scene = { nodes: [node("a", 0, 0), node("b", 50, 20)] } as Scene;
  it.each([
    ["inside one node", { x: 10, y: 10 }, "a"],
    ["where two overlap: the later (drawn on top)", { x: 60, y: 30 }, "b"],
    ["on an edge of the box", { x: 150, y: 60 }, "b"],
    ["between nodes", { x: 10, y: 50 }, undefined],
  ])("%s", (_, p, id) => {
    expect(sceneNodeAt(scene, p)?.id).toBe(id);
  });
});
