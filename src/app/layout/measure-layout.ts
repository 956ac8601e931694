// Quality measures of a finished layout, engine-independent (computed from geometry): edge
// crossings between routes, total route length, overlapping node pairs and backward edges.

import type { LayoutDirection, LayoutInput, LayoutResult } from "./types";

export interface LayoutQuality {
  /** Pairs of route segments that properly cross (segments of the same edge or sharing an end node are skipped). */
  crossings: number;
  /** Sum of route lengths (straight source-to-target distance for edges without a route). */
  edgeLength: number;
  /** Pairs of nodes whose boxes overlap by more than 0.5 px. */
  overlaps: number;
  /** Edges whose target does not start after the end of its source along the main axis. */
  backwardEdges: number;
  width: number;
  height: number;
}

interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  edge: number;
  source: string;
  target: string;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return Math.abs(v) < 1e-9 ? 0 : v > 0 ? 1 : -1;
}

function crossProperly(a: Segment, b: Segment): boolean {
  const o1 = orient(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const o2 = orient(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  const o3 = orient(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const o4 = orient(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** Counts sweep-line candidates by x-extent; exact for the segment pairs it tests. */
function countSegmentCrossings(segments: Segment[]): number {
  segments.sort((a, b) => a.minX - b.minX);
  let crossings = 0;
  const active: Segment[] = [];
  for (const s of segments) {
    let w = 0;
    for (let i = 0; i < active.length; i++) {
      const a = active[i]!;
      if (a.maxX < s.minX) continue;
      active[w++] = a;
      if (a.edge === s.edge || a.maxY < s.minY || s.maxY < a.minY) continue;
      if (a.source === s.source || a.target === s.target || a.source === s.target || a.target === s.source) continue;
      if (crossProperly(a, s)) crossings++;
    }
    active.length = w;
    active.push(s);
  }
  return crossings;
}

export function measureLayout(input: LayoutInput, result: LayoutResult, direction: LayoutDirection): LayoutQuality {
  const size = new Map<string, { width: number; height: number }>();
  for (const node of input.nodes) if (!size.has(node.id)) size.set(node.id, node);
  const segments: Segment[] = [];
  let edgeLength = 0;
  let backwardEdges = 0;
  input.edges.forEach((edge, index) => {
    const s = result.nodes.get(edge.source);
    const t = result.nodes.get(edge.target);
    const ss = size.get(edge.source);
    if (s === undefined || t === undefined || ss === undefined || edge.source === edge.target) return;
    if (direction === "LR" ? t.x < s.x + ss.width - 0.5 : t.y < s.y + ss.height - 0.5) backwardEdges++;
    const route = result.edges.get(edge.id);
    if (route === undefined || route.length < 2) {
      edgeLength += Math.hypot(t.x - s.x, t.y - s.y);
      return;
    }
    for (let i = 1; i < route.length; i++) {
      const a = route[i - 1]!;
      const b = route[i]!;
      edgeLength += Math.hypot(b.x - a.x, b.y - a.y);
      segments.push({
        x1: a.x,
        y1: a.y,
        x2: b.x,
        y2: b.y,
        minX: Math.min(a.x, b.x),
        maxX: Math.max(a.x, b.x),
        minY: Math.min(a.y, b.y),
        maxY: Math.max(a.y, b.y),
        edge: index,
        source: edge.source,
        target: edge.target,
      });
    }
  });
  return {
    crossings: countSegmentCrossings(segments),
    edgeLength,
    overlaps: countOverlaps(input, result),
    backwardEdges,
    width: result.bounds.width,
    height: result.bounds.height,
  };
}

/** Overlapping node pairs, by a sweep over x. */
export function countOverlaps(input: LayoutInput, result: LayoutResult): number {
  const boxes: { x: number; y: number; r: number; b: number }[] = [];
  const seen = new Set<string>();
  for (const node of input.nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    const p = result.nodes.get(node.id);
    if (p === undefined) continue;
    boxes.push({ x: p.x, y: p.y, r: p.x + node.width, b: p.y + node.height });
  }
  boxes.sort((a, b) => a.x - b.x);
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      if (b.x >= a.r - 0.5) break;
      if (Math.min(a.b, b.b) - Math.max(a.y, b.y) > 0.5) overlaps++;
    }
  }
  return overlaps;
}
