// SVG path data for an edge: through the layout's route when there is one (rounded bends), else a
// cubic curve between the two anchor points along the layout direction.
export interface Point {
  x: number;
  y: number;
}

export function routedPath(points: readonly Point[], radius = 10): string {
  if (points.length === 0) return "";
  const first = points[0]!;
  let d = `M${r(first.x)},${r(first.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1]!;
    const c = points[i]!;
    const n = points[i + 1]!;
    const inLen = Math.hypot(c.x - p.x, c.y - p.y);
    const outLen = Math.hypot(n.x - c.x, n.y - c.y);
    const k = Math.min(radius, inLen / 2, outLen / 2);
    if (k < 0.5) {
      d += ` L${r(c.x)},${r(c.y)}`;
      continue;
    }
    const a = { x: c.x - ((c.x - p.x) / inLen) * k, y: c.y - ((c.y - p.y) / inLen) * k };
    const b = { x: c.x + ((n.x - c.x) / outLen) * k, y: c.y + ((n.y - c.y) / outLen) * k };
    d += ` L${r(a.x)},${r(a.y)} Q${r(c.x)},${r(c.y)} ${r(b.x)},${r(b.y)}`;
  }
  const last = points[points.length - 1]!;
  if (points.length > 1) d += ` L${r(last.x)},${r(last.y)}`;
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
