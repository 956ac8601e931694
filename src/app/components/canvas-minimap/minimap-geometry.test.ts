import { describe, expect, it } from "vitest";
import { fitMinimap, minimapToFlow } from "./minimap-geometry";

describe("minimap geometry", () => {
  it.each([
    ["wide", { x: 0, y: 0, width: 1000, height: 100 }],
    ["tall", { x: -50, y: 20, width: 100, height: 5000 }],
  ])("%s graphs fit and map back", (_name, bounds) => {
    const fit = fitMinimap(bounds, 180, 120);
    const corner = { x: fit.offsetX + bounds.x * fit.scale, y: fit.offsetY + bounds.y * fit.scale };
    expect(corner.x).toBeGreaterThanOrEqual(5.99);
    expect(corner.y).toBeGreaterThanOrEqual(5.99);
    expect(bounds.width * fit.scale).toBeLessThanOrEqual(168.01);
    const back = minimapToFlow(fit, corner.x, corner.y);
    expect(back.x).toBeCloseTo(bounds.x);
    expect(back.y).toBeCloseTo(bounds.y);
  });
});
