// Cross-axis coordinates for an ordered proper layered graph. Each sweep gives every node a wish
// (the weighted mean of its neighbours in the adjacent layer, or its anchor from an earlier layout)
// and then solves, per layer, "closest to the wishes in weighted least squares while keeping the
// order and the minimum separations" exactly, by pool-adjacent-violators (isotonic regression).
// Linear per sweep; long edges (dummy chains) weigh more, so they straighten first.

import type { Adjacency } from "./index-graph";
import type { LayerOrder, ProperGraph } from "./order-layers";

export interface PlacementInput {
  graph: ProperGraph;
  order: LayerOrder;
  /** Cross-axis size of every node (0 for dummies). */
  crossSize: Float64Array;
  /** Number of real nodes; indices at or above are dummies. */
  realCount: number;
  /** Weight of every proper edge, indexed like the edge indices in graph.down / graph.up. */
  edgeWeight: Float64Array;
  nodeGap: number;
  edgeGap: number;
  /** Wished centre from an earlier layout, NaN where none. Anchored nodes ignore their neighbours. */
  anchor: Float64Array | null;
  sweeps: number;
  /** Finish with a pass that aligns nodes with a neighbour where there is room. */
  straighten: boolean;
}

const ANCHOR_WEIGHT = 1;
const LONELY_WEIGHT = 1e-3;

function separation(input: PlacementInput, a: number, b: number): number {
  const gap = a < input.realCount && b < input.realCount ? input.nodeGap : input.edgeGap;
  return (input.crossSize[a]! + input.crossSize[b]!) / 2 + gap;
}

/**
 * Solves one layer: x[i] closest to wish[i] (weights w) with x[i+1] - x[i] >= sep(i, i+1).
 * Anchored nodes are hard: a block that contains one sits at its anchors' mean (the limit of an
 * infinite weight), so free nodes never drag anchored ones.
 */
function fitLayer(input: PlacementInput, layer: Int32Array, wish: Float64Array, weight: Float64Array, x: Float64Array, blocks: BlockStack): void {
  const k = layer.length;
  if (k === 0) return;
  const anchor = input.anchor;
  // Offsets turn the separations into a plain monotonicity constraint.
  blocks.offset[0] = 0;
  for (let i = 1; i < k; i++) blocks.offset[i] = blocks.offset[i - 1]! + separation(input, layer[i - 1]!, layer[i]!);
  const mean = (b: number): number => (blocks.hardW[b]! > 0 ? blocks.hardWT[b]! / blocks.hardW[b]! : blocks.sumWT[b]! / blocks.sumW[b]!);
  let top = 0;
  for (let i = 0; i < k; i++) {
    const v = layer[i]!;
    const target = wish[v]! - blocks.offset[i]!;
    const hard = anchor !== null && !Number.isNaN(anchor[v]!);
    blocks.sumW[top] = hard ? 0 : weight[v]!;
    blocks.sumWT[top] = hard ? 0 : weight[v]! * target;
    blocks.hardW[top] = hard ? 1 : 0;
    blocks.hardWT[top] = hard ? target : 0;
    blocks.first[top] = i;
    top++;
    while (top > 1 && mean(top - 2) >= mean(top - 1)) {
      blocks.sumW[top - 2]! += blocks.sumW[top - 1]!;
      blocks.sumWT[top - 2]! += blocks.sumWT[top - 1]!;
      blocks.hardW[top - 2]! += blocks.hardW[top - 1]!;
      blocks.hardWT[top - 2]! += blocks.hardWT[top - 1]!;
      top--;
    }
  }
  for (let b = 0; b < top; b++) {
    const m = mean(b);
    const end = b + 1 < top ? blocks.first[b + 1]! : k;
    for (let i = blocks.first[b]!; i < end; i++) x[layer[i]!] = m + blocks.offset[i]!;
  }
}

interface BlockStack {
  offset: Float64Array;
  sumW: Float64Array;
  sumWT: Float64Array;
  hardW: Float64Array;
  hardWT: Float64Array;
  first: Int32Array;
}

function computeWishes(input: PlacementInput, layer: Int32Array, sides: readonly Adjacency[], x: Float64Array, wish: Float64Array, weight: Float64Array): void {
  const anchor = input.anchor;
  for (let i = 0; i < layer.length; i++) {
    const v = layer[i]!;
    if (anchor !== null && !Number.isNaN(anchor[v]!)) {
      wish[v] = anchor[v]!;
      weight[v] = ANCHOR_WEIGHT;
      continue;
    }
    let sum = 0;
    let total = 0;
    for (const side of sides) {
      for (let p = side.start[v]!; p < side.start[v + 1]!; p++) {
        const w = input.edgeWeight[side.edge[p]!]!;
        sum += w * x[side.adj[p]!]!;
        total += w;
      }
    }
    if (total > 0) {
      wish[v] = sum / total;
      weight[v] = total;
    } else {
      wish[v] = x[v]!;
      weight[v] = LONELY_WEIGHT;
    }
  }
}

/** Returns the cross-axis centre of every node. */
export function placeNodes(input: PlacementInput): Float64Array {
  const { graph, order } = input;
  const x = new Float64Array(graph.size);
  const wish = new Float64Array(graph.size);
  const weight = new Float64Array(graph.size);
  let widest = 1;
  for (const layer of order.layers) widest = Math.max(widest, layer.length);
  const blocks: BlockStack = {
    offset: new Float64Array(widest),
    sumW: new Float64Array(widest),
    sumWT: new Float64Array(widest),
    hardW: new Float64Array(widest),
    hardWT: new Float64Array(widest),
    first: new Int32Array(widest),
  };
  // Start: every layer packed and centred on 0 (anchored layers solved against their anchors).
  for (const layer of order.layers) {
    let pos = 0;
    for (let i = 0; i < layer.length; i++) {
      if (i > 0) pos += separation(input, layer[i - 1]!, layer[i]!);
      x[layer[i]!] = pos;
    }
    const shift = pos / 2;
    for (let i = 0; i < layer.length; i++) x[layer[i]!]! -= shift;
    if (input.anchor !== null) {
      computeWishes(input, layer, [], x, wish, weight);
      fitLayer(input, layer, wish, weight, x, blocks);
    }
  }
  const downSides = [graph.up];
  const upSides = [graph.down];
  const bothSides = [graph.up, graph.down];
  const layerCount = order.layers.length;
  for (let sweep = 0; sweep < input.sweeps; sweep++) {
    const last = sweep === input.sweeps - 1;
    if (sweep % 2 === 0) {
      for (let l = 1; l < layerCount; l++) {
        const layer = order.layers[l]!;
        computeWishes(input, layer, last ? bothSides : downSides, x, wish, weight);
        fitLayer(input, layer, wish, weight, x, blocks);
      }
    } else {
      for (let l = layerCount - 2; l >= 0; l--) {
        const layer = order.layers[l]!;
        computeWishes(input, layer, last ? bothSides : upSides, x, wish, weight);
        fitLayer(input, layer, wish, weight, x, blocks);
      }
    }
  }
  if (input.straighten) straightenEdges(input, x);
  return x;
}

/**
 * Post-pass that makes edges straight where there is room: a node moves onto its (median) upper
 * neighbour, or, without upper neighbours, onto its median lower neighbour, if that keeps the
 * minimum separations to both neighbours in its layer. Anchored nodes stay.
 */
function straightenEdges(input: PlacementInput, x: Float64Array): void {
  const { graph, order, anchor } = input;
  const candidates: number[] = [];
  const tryMove = (layer: Int32Array, i: number, side: Adjacency): void => {
    const v = layer[i]!;
    if (anchor !== null && !Number.isNaN(anchor[v]!)) return;
    candidates.length = 0;
    for (let p = side.start[v]!; p < side.start[v + 1]!; p++) candidates.push(x[side.adj[p]!]!);
    if (candidates.length === 0) return;
    candidates.sort((a, b) => a - b);
    const mid = candidates.length >> 1;
    let target = candidates[mid]!;
    if (candidates.length % 2 === 0 && Math.abs(candidates[mid - 1]! - x[v]!) < Math.abs(target - x[v]!)) target = candidates[mid - 1]!;
    const low = i > 0 ? x[layer[i - 1]!]! + separation(input, layer[i - 1]!, v) : -Infinity;
    const high = i + 1 < layer.length ? x[layer[i + 1]!]! - separation(input, v, layer[i + 1]!) : Infinity;
    if (target >= low && target <= high) x[v] = target;
  };
  for (let l = 1; l < order.layers.length; l++) {
    const layer = order.layers[l]!;
    for (let i = 0; i < layer.length; i++) tryMove(layer, i, graph.up);
  }
  for (let l = order.layers.length - 2; l >= 0; l--) {
    const layer = order.layers[l]!;
    for (let i = 0; i < layer.length; i++) {
      const v = layer[i]!;
      if (graph.up.start[v + 1]! === graph.up.start[v]!) tryMove(layer, i, graph.down);
    }
  }
}
