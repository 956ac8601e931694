// Which part of each routed edge the canvas needs to draw. Long routes (thousands of units, dozens
// of bends) cross the screen in large graphs; drawing them whole makes every pan frame repaint
// megabytes of path data. The canvas draws only edges whose route passes through a render window
// around the viewport, and of each only the stretch of the route near that window. The window is
// snapped to a coarse grid so it changes only now and then while panning, not on every frame.
import type { LayoutRect } from "../layout/index";
import type { Point } from "./edge-path";

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Key of the render window for a viewport (`transform` = [x, y, zoom], pane size in pixels): the
 * visible flow area grown to whole grid cells plus one cell on each side. Cells are a quarter of a
 * screen wide and high at the zoom rounded to quarter octaves, so the margin is ≥ 0.2 of a screen
 * (plus `WINDOW_PAD` flow units, see renderWindowOf). A small margin matters: every edge in the
 * window is painted on every pan frame, visible or not.
 */
export function renderWindowKey(transform: readonly [number, number, number], width: number, height: number): string {
  const [tx, ty, zoom] = transform;
  const w = width > 0 ? width : 1920;
  const h = height > 0 ? height : 1080;
  const z = zoom > 0 ? zoom : 1;
  const level = Math.round(Math.log2(z) * 4);
  const s = 2 ** (level / 4);
  const cw = w / s / 4;
  const ch = h / s / 4;
  const x0 = -tx / z;
  const y0 = -ty / z;
  const i0 = Math.floor(x0 / cw) - 1;
  const j0 = Math.floor(y0 / ch) - 1;
  const i1 = Math.floor((x0 + w / z) / cw) + 2;
  const j1 = Math.floor((y0 + h / z) / ch) + 2;
  // i1, j1 are exclusive cell indices: the window ends where cell i1 starts.
  return `${cw} ${ch} ${i0} ${j0} ${i1} ${j1}`;
}

/** Flow units added around the window: room for an edge label (≤ 44 characters) centred just outside it. */
export const WINDOW_PAD = 160;

export function renderWindowOf(key: string): Rect {
  const [cw, ch, i0, j0, i1, j1] = key.split(" ").map(Number) as [number, number, number, number, number, number];
  return { x0: i0 * cw - WINDOW_PAD, y0: j0 * ch - WINDOW_PAD, x1: i1 * cw + WINDOW_PAD, y1: j1 * ch + WINDOW_PAD };
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
