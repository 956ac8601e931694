// Rectangles in the flow plane and which part of each routed edge a canvas tile needs to draw.
// Long routes (thousands of units, dozens of bends) cross many tiles in large graphs; each tile
// traces only the stretch of a route near it, not the whole path.
import type { LayoutRect } from "../layout/index";
import type { Point } from "./edge-path";

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boundsOf(points: readonly Point[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.y > y1) y1 = p.y;
  }
  return { x0, y0, x1, y1 };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x1 >= b.x0 && a.x0 <= b.x1 && a.y1 >= b.y0 && a.y0 <= b.y1;
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x0 && p.x <= r.x1 && p.y >= r.y0 && p.y <= r.y1;
}

export function rectOf(r: LayoutRect): Rect {
  return { x0: r.x, y0: r.y, x1: r.x + r.width, y1: r.y + r.height };
}

/**
 * The stretch of a route to draw for a window: from one point before the first segment touching the
 * window to one point after the last, so every bend near the window keeps its rounded corner and the
 * cut ends lie well outside it. `null` when no segment touches the window. `from`/`to` index the
 * kept points (inclusive); the whole route when from = 0 and to = points.length - 1.
 */
export function clipRoute(points: readonly Point[], window: Rect): { from: number; to: number } | null {
  const n = points.length;
  if (n === 0) return null;
  if (n === 1) return containsPoint(window, points[0]!) ? { from: 0, to: 0 } : null;
  let first = -1;
  let last = -1;
  for (let i = 0; i < n - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (Math.max(a.x, b.x) >= window.x0 && Math.min(a.x, b.x) <= window.x1 && Math.max(a.y, b.y) >= window.y0 && Math.min(a.y, b.y) <= window.y1) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return null;
  return { from: Math.max(0, first - 1), to: Math.min(n - 1, last + 2) };
}
