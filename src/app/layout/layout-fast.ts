// The fast layered engine: layering, dummy nodes for long edges, crossing reduction, coordinate
// assignment and polyline routes through the dummies. Roughly O((V + D + E) * sweeps) where D is
// the number of dummies; no step is worse than O(n log n) per sweep.

import { assignLayers } from "./assign-layers";
import type { EngineOutput, EngineSettings, PhaseTimes } from "./engine-types";
import { addPhaseTime } from "./engine-types";
import { buildAdjacency } from "./index-graph";
import type { IndexedGraph } from "./index-graph";
import { orderAroundAnchors, orderByDepthFirst, reduceCrossings } from "./order-layers";
import type { ProperGraph } from "./order-layers";
import { placeNodes } from "./place-nodes";
import type { LayoutPoint } from "./types";

/** Anchors: earlier top-left corners by node index (undefined for new nodes). */
export type Anchors = readonly (LayoutPoint | undefined)[];

/** Placement weights of proper edges: dummy-dummy segments pull hardest, so long edges straighten. */
const DUMMY_EDGE_WEIGHT = 8;
const HALF_DUMMY_EDGE_WEIGHT = 2;
/** Node+edge visits allowed for crossing reduction sweeps (see reduceCrossings). */
const ORDER_WORK_BUDGET = 3_000_000;
/** Same for coordinate-assignment sweeps (8,771 ops: 5 sweeps instead of 8, +0.7% edge length). */
const PLACE_WORK_BUDGET = 4_000_000;

/** Ranks distinct earlier main-axis coordinates (within half a pixel) to earlier layers. */
function rankPreviousLayers(anchorMain: Float64Array): Int32Array {
  const n = anchorMain.length;
  const preferred = new Int32Array(n).fill(-1);
  const known: number[] = [];
  for (let v = 0; v < n; v++) if (!Number.isNaN(anchorMain[v]!)) known.push(v);
  known.sort((a, b) => anchorMain[a]! - anchorMain[b]! || a - b);
  let rank = -1;
  let last = -Infinity;
  for (const v of known) {
    if (anchorMain[v]! - last > 0.5) {
      rank++;
      last = anchorMain[v]!;
    }
    preferred[v] = rank;
  }
  return preferred;
}

export function layoutFast(g: IndexedGraph, settings: EngineSettings, anchors: Anchors | null, phases: PhaseTimes): EngineOutput {
  let t = performance.now();
  const n = g.ids.length;
  const m = g.edgeIds.length;
  const lr = settings.direction === "LR";
  const mainSize = lr ? g.width : g.height;
  const crossSizeReal = lr ? g.height : g.width;

  let anchorMain: Float64Array | null = null;
  let anchorCross: Float64Array | null = null;
  if (anchors !== null) {
    anchorMain = new Float64Array(n).fill(Number.NaN);
    anchorCross = new Float64Array(n).fill(Number.NaN);
    for (let v = 0; v < n; v++) {
      const a = anchors[v];
      if (a === undefined) continue;
      anchorMain[v] = lr ? a.x : a.y;
      anchorCross[v] = (lr ? a.y : a.x) + crossSizeReal[v]! / 2;
    }
  }

  // 1. Layers.
  const out = buildAdjacency(n, g.from, g.to);
  const inn = buildAdjacency(n, g.to, g.from);
  const realLayer = assignLayers(n, g, out, inn, anchorMain === null ? null : rankPreviousLayers(anchorMain), {
    simplexPivots: settings.simplexPivots,
    balancePasses: 2,
  });
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, realLayer[v]! + 1);
  t = addPhaseTime(phases, "layers", t);

  // 2. Proper graph: a chain of dummies for every edge spanning more than one layer.
  let dummies = 0;
  for (let k = 0; k < m; k++) dummies += realLayer[g.to[k]!]! - realLayer[g.from[k]!]! - 1;
  const size = n + dummies;
  const layer = new Int32Array(size);
  layer.set(realLayer);
  const chainStart = new Int32Array(m + 1); // chain of edge k: chainNodes[chainStart[k] .. chainStart[k+1]-1]
  const chainNodes = new Int32Array(m * 2 + dummies);
  const properCount = m + dummies;
  const pf = new Int32Array(properCount);
  const pt = new Int32Array(properCount);
  const weight = new Float64Array(properCount);
  let nextDummy = n;
  let c = 0;
  let e = 0;
  for (let k = 0; k < m; k++) {
    chainStart[k] = c;
    const s = g.from[k]!;
    const d = g.to[k]!;
    chainNodes[c++] = s;
    let prev = s;
    for (let l = realLayer[s]! + 1; l < realLayer[d]!; l++) {
      const dummy = nextDummy++;
      layer[dummy] = l;
      chainNodes[c++] = dummy;
      pf[e] = prev;
      pt[e] = dummy;
      weight[e] = prev < n ? HALF_DUMMY_EDGE_WEIGHT : DUMMY_EDGE_WEIGHT;
      e++;
      prev = dummy;
    }
    chainNodes[c++] = d;
    pf[e] = prev;
    pt[e] = d;
    weight[e] = prev < n ? 1 : HALF_DUMMY_EDGE_WEIGHT;
    e++;
  }
  chainStart[m] = c;
  const graph: ProperGraph = {
    size,
    layer,
    layerCount,
    down: buildAdjacency(size, pf, pt),
    up: buildAdjacency(size, pt, pf),
  };
  t = addPhaseTime(phases, "dummies", t);

  // 3. Order within layers.
  const crossSize = new Float64Array(size);
  crossSize.set(crossSizeReal);
  let anchor: Float64Array | null = null;
  let order;
  if (anchorCross === null) {
    order = orderByDepthFirst(graph);
    // Sweeps are bounded by a work budget: on huge proper graphs (hundreds of thousands of dummies)
    // later sweeps gain well under 1% fewer crossings for seconds of time.
    const sweeps = Math.max(2, Math.min(settings.orderSweeps, Math.floor(ORDER_WORK_BUDGET / (size + properCount))));
    reduceCrossings(graph, order, sweeps);
  } else {
    anchor = new Float64Array(size).fill(Number.NaN);
    anchor.set(anchorCross);
    order = orderAroundAnchors(graph, anchor, estimateCrossPositions(graph, anchorCross, n), crossSize, settings.nodeGap);
  }
  t = addPhaseTime(phases, "order", t);

  // 4. Cross-axis coordinates.
  const cross = placeNodes({
    graph,
    order,
    crossSize,
    realCount: n,
    edgeWeight: weight,
    nodeGap: settings.nodeGap,
    edgeGap: Math.max(4, settings.nodeGap / 2),
    anchor,
    sweeps: Math.max(3, Math.min(settings.placeSweeps, Math.floor(PLACE_WORK_BUDGET / (size + properCount)))),
    straighten: true,
  });
  t = addPhaseTime(phases, "place", t);

  // 5. Main-axis coordinates: layers side by side; with anchors, layers stay where they were when possible.
  const layerSize = new Float64Array(layerCount);
  const wanted = new Float64Array(layerCount).fill(Number.NaN);
  for (let v = 0; v < n; v++) {
    const l = realLayer[v]!;
    layerSize[l] = Math.max(layerSize[l]!, mainSize[v]!);
    if (anchorMain !== null && !Number.isNaN(anchorMain[v]!)) {
      const w = wanted[l]!;
      wanted[l] = Number.isNaN(w) ? anchorMain[v]! : Math.min(w, anchorMain[v]!);
    }
  }
  const layerStart = new Float64Array(layerCount);
  let firstWanted = -1;
  for (let l = 0; l < layerCount; l++) {
    if (!Number.isNaN(wanted[l]!)) {
      firstWanted = l;
      break;
    }
  }
  if (firstWanted > 0) {
    // Layers before the first anchored one are packed backwards from it.
    let pos = wanted[firstWanted]!;
    for (let l = firstWanted - 1; l >= 0; l--) {
      pos -= layerSize[l]! + settings.layerGap;
      wanted[l] = pos;
    }
  }
  for (let l = 0; l < layerCount; l++) {
    const packed = l === 0 ? 0 : layerStart[l - 1]! + layerSize[l - 1]! + settings.layerGap;
    const w = wanted[l]!;
    layerStart[l] = Number.isNaN(w) ? packed : l === 0 ? w : Math.max(w, packed);
  }

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const main = layerStart[realLayer[v]!]!;
    const crossCorner = cross[v]! - crossSizeReal[v]! / 2;
    x[v] = lr ? main : crossCorner;
    y[v] = lr ? crossCorner : main;
  }

  // 6. Routes: source exit, through each dummy's layer band, target entry.
  const point = (main: number, crossPos: number): LayoutPoint => (lr ? { x: main, y: crossPos } : { x: crossPos, y: main });
  const routes: (LayoutPoint[] | null)[] = new Array<LayoutPoint[] | null>(m);
  for (let k = 0; k < m; k++) {
    const first = chainStart[k]!;
    const last = chainStart[k + 1]! - 1;
    const s = chainNodes[first]!;
    const d = chainNodes[last]!;
    const points: LayoutPoint[] = [point(layerStart[realLayer[s]!]! + mainSize[s]!, cross[s]!)];
    for (let i = first + 1; i < last; i++) {
      const dummy = chainNodes[i]!;
      const l = layer[dummy]!;
      points.push(point(layerStart[l]!, cross[dummy]!), point(layerStart[l]! + layerSize[l]!, cross[dummy]!));
    }
    points.push(point(layerStart[realLayer[d]!]!, cross[d]!));
    if (g.reversed[k] === 1) points.reverse();
    routes[k] = dropCollinearPoints(points);
  }
  addPhaseTime(phases, "route", t);
  return { x, y, routes };
}

/**
 * Incremental ordering keys: anchored nodes keep their earlier centre; others take the mean of their
 * placed neighbours above, then below; anything still unknown goes to the end of its layer.
 */
function estimateCrossPositions(g: ProperGraph, anchorCross: Float64Array, realCount: number): Float64Array {
  const est = new Float64Array(g.size).fill(Number.NaN);
  for (let v = 0; v < realCount; v++) est[v] = anchorCross[v]!;
  const byLayer: number[][] = Array.from({ length: g.layerCount }, () => []);
  for (let v = 0; v < g.size; v++) byLayer[g.layer[v]!]!.push(v);
  const fill = (side: ProperGraph["up"], layers: readonly number[][]): void => {
    for (const nodes of layers) {
      for (const v of nodes) {
        if (!Number.isNaN(est[v]!)) continue;
        let sum = 0;
        let count = 0;
        for (let p = side.start[v]!; p < side.start[v + 1]!; p++) {
          const u = est[side.adj[p]!]!;
          if (!Number.isNaN(u)) {
            sum += u;
            count++;
          }
        }
        if (count > 0) est[v] = sum / count;
      }
    }
  };
  fill(g.up, byLayer);
  fill(g.down, [...byLayer].reverse());
  for (let v = 0; v < g.size; v++) if (Number.isNaN(est[v]!)) est[v] = Number.MAX_VALUE;
  return est;
}

/** Removes inner points that lie on the straight line between their neighbours (straight dummy chains). */
function dropCollinearPoints(points: LayoutPoint[]): LayoutPoint[] {
  if (points.length < 3) return points;
  const kept: LayoutPoint[] = [points[0]!];
  for (let i = 1; i < points.length - 1; i++) {
    const a = kept[kept.length - 1]!;
    const b = points[i]!;
    const c = points[i + 1]!;
    const cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    const scale = Math.abs(c.x - a.x) + Math.abs(c.y - a.y) + 1;
    if (Math.abs(cross) / scale > 0.01) kept.push(b);
  }
  kept.push(points[points.length - 1]!);
  return kept;
}
