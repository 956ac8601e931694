// Which tiles of edge drawing the canvas needs. Edges are drawn into fixed tiles of the flow plane
// (a few hundred screen pixels square at a zoom level), not into one layer cut to the view: when the
// view moves, the tiles already drawn stay as they are and only the newly exposed ones are drawn, so
// a pan frame never repaints routes it has already painted.
import { intersects, type Rect } from "./edge-cull";
import type { Point } from "./edge-path";

/** Side of a tile in screen pixels at its level's scale. */
export const TILE_PX = 512;

/**
 * Tiles covering a viewport (`transform` = [x, y, zoom], pane size in pixels). No margin: a tile is
 * drawn in the same frame it comes into view (the canvas renders synchronously on a viewport change),
 * and drawing ahead saves nothing while panning but doubles the tiles to draw at a new zoom. `scale` is the zoom rounded to half octaves, the scale tiles are drawn at; `size` is
 * a tile's side in flow units; i0..i1, j0..j1 (exclusive ends) index the tiles.
 */
export interface TileGrid {
  scale: number;
  size: number;
  i0: number;
  j0: number;
  i1: number;
  j1: number;
}

/** The scale tiles are drawn at for a zoom: the zoom rounded to half octaves. */
export function tileScaleOf(zoom: number): number {
  return 2 ** (Math.round(Math.log2(zoom > 0 ? zoom : 1) * 2) / 2);
}

/**
 * While zooming in, tiles already drawn at `held` stay on screen, scaled up (up to twice: a little
 * soft) instead of every visible tile being drawn again at each half-octave step: the scale to draw
 * at for a zoom, given the scale held since the gesture began (null: none).
 */
export function heldTileScale(zoom: number, held: number | null): number {
  const natural = tileScaleOf(zoom);
  return held !== null && natural > held && natural <= held * 2 ? held : natural;
}

export function tileGridOf(transform: readonly [number, number, number], width: number, height: number, drawScale?: number): TileGrid {
  const [tx, ty, zoom] = transform;
  const w = width > 0 ? width : 1920;
  const h = height > 0 ? height : 1080;
  const z = zoom > 0 ? zoom : 1;
  const scale = drawScale ?? tileScaleOf(z);
  const size = TILE_PX / scale;
  const x0 = -tx / z;
  const y0 = -ty / z;
  return {
    scale,
    size,
    i0: Math.floor(x0 / size),
    j0: Math.floor(y0 / size),
    i1: Math.floor((x0 + w / z) / size) + 1,
    j1: Math.floor((y0 + h / z) / size) + 1,
  };
}

/** A string that changes exactly when the grid does (for selectors and memo keys). */
export function tileGridKey(g: TileGrid): string {
  return `${g.scale} ${g.i0} ${g.j0} ${g.i1} ${g.j1}`;
}

export function parseTileGrid(key: string): TileGrid {
  const [scale, i0, j0, i1, j1] = key.split(" ").map(Number) as [number, number, number, number, number];
  return { scale, size: TILE_PX / scale, i0, j0, i1, j1 };
}

export function tileRect(size: number, i: number, j: number): Rect {
  return { x0: i * size, y0: j * size, x1: (i + 1) * size, y1: (j + 1) * size };
}

export function grow(r: Rect, dx: number, dy: number): Rect {
  return { x0: r.x0 - dx, y0: r.y0 - dy, x1: r.x1 + dx, y1: r.y1 + dy };
}

/** Whether any segment of a route comes within the rect (a route's box alone says too little for long bent routes). */
export function routeTouches(points: readonly Point[], r: Rect): boolean {
  if (points.length === 1) return points[0]!.x >= r.x0 && points[0]!.x <= r.x1 && points[0]!.y >= r.y0 && points[0]!.y <= r.y1;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (Math.max(a.x, b.x) >= r.x0 && Math.min(a.x, b.x) <= r.x1 && Math.max(a.y, b.y) >= r.y0 && Math.min(a.y, b.y) <= r.y1) return true;
  }
  return false;
}

/** Indices of the routes (with precomputed bounds) that pass through `r`. */
export function routesInRect(routes: readonly (readonly Point[])[], bounds: readonly Rect[], r: Rect): number[] {
  const out: number[] = [];
  for (let i = 0; i < routes.length; i++) if (intersects(bounds[i]!, r) && routeTouches(routes[i]!, r)) out.push(i);
  return out;
}
