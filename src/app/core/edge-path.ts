// SVG path data for an edge: through the layout's route when there is one (rounded bends), else a
// cubic curve between the two anchor points along the layout direction.
export interface Point {
  x: number;
  y: number;
}

/** Where a route is traced to: SVG path data (routedPath) or a canvas path (CanvasPath fits). */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void;
}

/**
 * Traces a route through `points[from..to]` (inclusive) into `sink`, its bends rounded with up to
 * `radius` units (0: straight corners). A bend's rounding depends only on its two neighbours, so a
 * stretch traces the same curve as the whole route except at its two end points.
 */
export function traceRoute(points: readonly Point[], sink: PathSink, radius = 10, from = 0, to = points.length - 1): void {
  if (to < from) return;
  const first = points[from]!;
  sink.moveTo(first.x, first.y);
  for (let i = from + 1; i < to; i++) {
    const p = points[i - 1]!;
    const c = points[i]!;
    const n = points[i + 1]!;
    const inLen = Math.hypot(c.x - p.x, c.y - p.y);
    const outLen = Math.hypot(n.x - c.x, n.y - c.y);
    const k = Math.min(radius, inLen / 2, outLen / 2);
    if (k < 0.5) {
      sink.lineTo(c.x, c.y);
      continue;
    }
    sink.lineTo(c.x - ((c.x - p.x) / inLen) * k, c.y - ((c.y - p.y) / inLen) * k);
    sink.quadraticCurveTo(c.x, c.y, c.x + ((n.x - c.x) / outLen) * k, c.y + ((n.y - c.y) / outLen) * k);
  }
  if (to > from) sink.lineTo(points[to]!.x, points[to]!.y);
}

/**
 * Traces `points[from..to]` as a plain polyline, leaving out points within `step` units (in both
 * axes) of the last one kept: for routes drawn so small that bends and short legs are under a pixel.
 * The last point is always kept.
 */
export function tracePolyline(points: readonly Point[], sink: PathSink, step: number, from = 0, to = points.length - 1): void {
  if (to < from) return;
  let last = points[from]!;
  sink.moveTo(last.x, last.y);
  for (let i = from + 1; i <= to; i++) {
    const p = points[i]!;
    if (i < to && Math.abs(p.x - last.x) < step && Math.abs(p.y - last.y) < step) continue;
    sink.lineTo(p.x, p.y);
    last = p;
  }
}

export function routedPath(points: readonly Point[], radius = 10): string {
  if (points.length === 0) return "";
  let d = "";
  traceRoute(points, {
    moveTo: (x, y) => (d += `M${r(x)},${r(y)}`),
    lineTo: (x, y) => (d += ` L${r(x)},${r(y)}`),
    quadraticCurveTo: (cx, cy, x, y) => (d += ` Q${r(cx)},${r(cy)} ${r(x)},${r(y)}`),
  }, radius);
  return d;
}

export function curvePath(from: Point, to: Point, direction: "LR" | "TB"): string {
  if (direction === "LR") {
    const dx = Math.max(30, Math.abs(to.x - from.x) / 2);
    return `M${r(from.x)},${r(from.y)} C${r(from.x + dx)},${r(from.y)} ${r(to.x - dx)},${r(to.y)} ${r(to.x)},${r(to.y)}`;
  }
  const dy = Math.max(30, Math.abs(to.y - from.y) / 2);
  return `M${r(from.x)},${r(from.y)} C${r(from.x)},${r(from.y + dy)} ${r(to.x)},${r(to.y - dy)} ${r(to.x)},${r(to.y)}`;
}

/** Middle of a polyline by length: where the label goes. */
export function midpoint(points: readonly Point[]): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len >= left && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return points[points.length - 1]!;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}
