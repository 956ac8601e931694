// Layering: longest path from the sources, then a few greedy passes that move a node along its slack
// towards the side with more edges (a cheap stand-in for network simplex: sources hug their
// consumers, fan-in nodes hug their inputs). Every edge ends up at least one layer forward.

import type { Adjacency } from "./index-graph";
import { refineLayersBySimplex } from "./network-simplex";

const FAR = 1 << 20;
/**
 * Cap on network simplex relabelling work (node visits). ops1059 needs 0.2M and ops4001 2.9M to reach
 * the optimum; ops8771 needs ~15M, and stopping at 10M costs ~5% more total span for ~30% less time.
 */
const SIMPLEX_WORK_BUDGET = 10_000_000;

/** Kahn's order; ties broken by node index, so the order is deterministic. Input must be a DAG. */
export function sortTopologically(n: number, out: Adjacency, inDegree: Int32Array): Int32Array {
  const remaining = inDegree.slice();
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (remaining[v] === 0) order[tail++] = v;
  while (head < tail) {
    const v = order[head++]!;
    for (let p = out.start[v]!; p < out.start[v + 1]!; p++) {
      const w = out.adj[p]!;
      if (--remaining[w]! === 0) order[tail++] = w;
    }
  }
  if (tail !== n) throw new Error("layout: graph still has a cycle after cycle breaking");
  return order;
}

export interface LayeringSettings {
  /** Network simplex pivots after the greedy passes (0: greedy only). Not used with `preferred`. */
  simplexPivots: number;
  balancePasses: number;
}

/**
 * Assigns a layer to every node. `preferred[v] >= 0` asks for at least that layer and pins the node
 * there against balancing moves (used to keep earlier layers stable). Returns dense layers from 0.
 */
export function assignLayers(
  n: number,
  edges: { from: Int32Array; to: Int32Array },
  out: Adjacency,
  inn: Adjacency,
  preferred: Int32Array | null,
  settings: LayeringSettings,
): Int32Array {
  const balancePasses = settings.balancePasses;
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    inDegree[v] = inn.start[v + 1]! - inn.start[v]!;
    outDegree[v] = out.start[v + 1]! - out.start[v]!;
  }
  const order = sortTopologically(n, out, inDegree);
  const layer = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    // With pinned nodes, new sources start far left so they never push a pinned consumer; the
    // backward pass below brings them next to their consumers and compaction removes the gap.
    let l = preferred === null ? 0 : preferred[v]! >= 0 ? preferred[v]! : inDegree[v] === 0 && outDegree[v]! > 0 ? -FAR : 0;
    for (let p = inn.start[v]!; p < inn.start[v + 1]!; p++) l = Math.max(l, layer[inn.adj[p]!]! + 1);
    layer[v] = l;
  }

  for (let pass = 0; pass < balancePasses; pass++) {
    let moved = false;
    // Backward: nodes with more outputs than inputs move as late as their consumers allow.
    for (let i = n - 1; i >= 0; i--) {
      const v = order[i]!;
      if (preferred !== null && preferred[v]! >= 0) continue;
      if (outDegree[v]! === 0 || outDegree[v]! <= inDegree[v]!) continue;
      let l = Infinity;
      for (let p = out.start[v]!; p < out.start[v + 1]!; p++) l = Math.min(l, layer[out.adj[p]!]! - 1);
      if (l > layer[v]!) {
        layer[v] = l;
        moved = true;
      }
    }
    // Forward: nodes with more inputs than outputs move as early as their inputs allow.
    for (let i = 0; i < n; i++) {
      const v = order[i]!;
      if (preferred !== null && preferred[v]! >= 0) continue;
      if (inDegree[v]! === 0 || inDegree[v]! <= outDegree[v]!) continue;
      let l = -Infinity;
      for (let p = inn.start[v]!; p < inn.start[v + 1]!; p++) l = Math.max(l, layer[inn.adj[p]!]! + 1);
      if (l < layer[v]!) {
        layer[v] = l;
        moved = true;
      }
    }
    if (!moved) break;
  }
  if (preferred === null && settings.simplexPivots > 0) refineLayersBySimplex(n, edges.from, edges.to, layer, settings.simplexPivots, SIMPLEX_WORK_BUDGET);
  return compactLayers(layer);
}

/** Renumbers layers densely (0, 1, 2, ...) keeping their order. */
function compactLayers(layer: Int32Array): Int32Array {
  let min = Infinity;
  for (let v = 0; v < layer.length; v++) min = Math.min(min, layer[v]!);
  if (min !== 0) for (let v = 0; v < layer.length; v++) layer[v]! -= min;
  let max = 0;
  for (let v = 0; v < layer.length; v++) max = Math.max(max, layer[v]!);
  const used = new Uint8Array(max + 1);
  for (let v = 0; v < layer.length; v++) used[layer[v]!] = 1;
  const rank = new Int32Array(max + 1);
  let next = 0;
  for (let l = 0; l <= max; l++) if (used[l] === 1) rank[l] = next++;
  const result = new Int32Array(layer.length);
  for (let v = 0; v < layer.length; v++) result[v] = rank[layer[v]!]!;
  return result;
}
