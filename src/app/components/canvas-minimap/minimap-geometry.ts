// Pure geometry of the minimap: how the scene's bounds fit into the minimap box, and back.
import type { LayoutRect } from "../../layout/index";

export interface MinimapFit {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export function fitMinimap(bounds: LayoutRect, width: number, height: number, pad = 6): MinimapFit {
  const scale = Math.min((width - 2 * pad) / Math.max(1, bounds.width), (height - 2 * pad) / Math.max(1, bounds.height));
  return {
    scale,
    offsetX: (width - bounds.width * scale) / 2 - bounds.x * scale,
    offsetY: (height - bounds.height * scale) / 2 - bounds.y * scale,
  };
}

/** The flow-space point under a minimap pixel. */
export function minimapToFlow(fit: MinimapFit, px: number, py: number): { x: number; y: number } {
  return { x: (px - fit.offsetX) / fit.scale, y: (py - fit.offsetY) / fit.scale };
}
