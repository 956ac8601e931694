// Crossing reduction on a proper layered graph (every edge spans one layer): DFS initial order,
// then alternating barycenter sweeps, keeping the best order seen by exact bilayer crossing counts
// (Barth, Jünger, Mutzel accumulator tree). Bounded number of sweeps; stops early when stuck.

import type { Adjacency } from "./index-graph";

export interface ProperGraph {
  /** Node count including dummies. */
  size: number;
  layer: Int32Array;
  layerCount: number;
  /** Edges to the next layer and from the previous layer. */
  down: Adjacency;
  up: Adjacency;
}

/** Node lists per layer, in order, plus each node's index within its layer. */
export interface LayerOrder {
  layers: Int32Array[];
  position: Int32Array;
}

function makeOrder(g: ProperGraph, sequence: Int32Array): LayerOrder {
  const counts = new Int32Array(g.layerCount);
  for (let v = 0; v < g.size; v++) counts[g.layer[v]!]!++;
  const layers: Int32Array[] = [];
  for (let l = 0; l < g.layerCount; l++) layers.push(new Int32Array(counts[l]!));
  const fill = new Int32Array(g.layerCount);
  const position = new Int32Array(g.size);
  for (let i = 0; i < sequence.length; i++) {
    const v = sequence[i]!;
    const l = g.layer[v]!;
    const p = fill[l]!++;
    layers[l]![p] = v;
    position[v] = p;
  }
  return { layers, position };
}

/** Initial order: nodes appended to their layer in the order an iterative DFS (downwards, roots in index order) reaches them. */
export function orderByDepthFirst(g: ProperGraph): LayerOrder {
  const visited = new Uint8Array(g.size);
  const sequence = new Int32Array(g.size);
  let count = 0;
  const stack = new Int32Array(g.size);
  const cursor = new Int32Array(g.size);
  // Roots: nodes with nothing above them, by index; then anything left (cannot happen in a proper DAG).
  for (let pass = 0; pass < 2; pass++) {
    for (let root = 0; root < g.size; root++) {
      if (visited[root] === 1) continue;
      if (pass === 0 && g.up.start[root + 1]! > g.up.start[root]!) continue;
      let sp = 0;
      stack[sp++] = root;
      visited[root] = 1;
      sequence[count++] = root;
      cursor[root] = g.down.start[root]!;
      while (sp > 0) {
        const v = stack[sp - 1]!;
        const p = cursor[v]!;
        if (p < g.down.start[v + 1]!) {
          cursor[v] = p + 1;
          const w = g.down.adj[p]!;
          if (visited[w] === 0) {
            visited[w] = 1;
            sequence[count++] = w;
            cursor[w] = g.down.start[w]!;
            stack[sp++] = w;
          }
        } else {
          sp--;
        }
      }
    }
  }
  return makeOrder(g, sequence);
}

/**
 * Incremental order, used when earlier positions exist. Anchored nodes keep their earlier order
 * (by `anchor`, the earlier centre). Every other node (new nodes, dummies) goes into the gap between
 * anchored nodes nearest to its `estimate` that still has room for it, so that the anchored nodes
 * need not move; the outer gaps always have room.
 */
export function orderAroundAnchors(g: ProperGraph, anchor: Float64Array, estimate: Float64Array, crossSize: Float64Array, gap: number): LayerOrder {
  const fixed: number[][] = Array.from({ length: g.layerCount }, () => []);
  const free: number[][] = Array.from({ length: g.layerCount }, () => []);
  for (let v = 0; v < g.size; v++) (Number.isNaN(anchor[v]!) ? free : fixed)[g.layer[v]!]!.push(v);
  const sequence: number[] = [];
  for (let l = 0; l < g.layerCount; l++) {
    const anchored = fixed[l]!.sort((a, b) => anchor[a]! - anchor[b]! || a - b);
    const others = free[l]!.sort((a, b) => estimate[a]! - estimate[b]! || a - b);
    const a = anchored.length;
    // gaps[j] holds the free nodes between anchored[j-1] and anchored[j]; room[j] is what is left.
    const gaps: number[][] = Array.from({ length: a + 1 }, () => []);
    const room = new Float64Array(a + 1);
    room[0] = Infinity;
    room[a] = Infinity;
    for (let j = 1; j < a; j++) {
      const left = anchored[j - 1]!;
      const right = anchored[j]!;
      room[j] = anchor[right]! - crossSize[right]! / 2 - (anchor[left]! + crossSize[left]! / 2) - gap;
    }
    for (const v of others) {
      const e = estimate[v]!;
      // First anchored node at or after the estimate: the estimate falls into gap `home`.
      let lo = 0;
      let hi = a;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (anchor[anchored[mid]!]! < e) lo = mid + 1;
        else hi = mid;
      }
      const need = crossSize[v]! + gap;
      let chosen = -1;
      for (let step = 0; chosen < 0; step++) {
        const left = lo - step;
        const right = lo + step;
        if (left < 0 && right > a) break;
        // Prefer the side the estimate is nearer to.
        const leftFirst = left >= 0 && right <= a && lo > 0 && lo < a && e - anchor[anchored[lo - 1]!]! < anchor[anchored[lo]!]! - e;
        const candidates = leftFirst ? [left, right] : [right, left];
        for (const j of candidates) {
          if (j >= 0 && j <= a && room[j]! >= need) {
            chosen = j;
            break;
          }
        }
      }
      if (chosen < 0) chosen = a;
      room[chosen]! -= need;
      gaps[chosen]!.push(v);
    }
    for (let j = 0; j <= a; j++) {
      for (const v of gaps[j]!.sort((x, y) => estimate[x]! - estimate[y]! || x - y)) sequence.push(v);
      if (j < a) sequence.push(anchored[j]!);
    }
  }
  return makeOrder(g, Int32Array.from(sequence));
}

/** Exact number of crossings between layer `l` and `l + 1`. */
function countLayerCrossings(g: ProperGraph, order: LayerOrder, l: number, tree: Int32Array, targets: number[]): number {
  const upper = order.layers[l]!;
  const lowerSize = order.layers[l + 1]!.length;
  if (upper.length < 2 || lowerSize < 2) return 0;
  let firstIndex = 1;
  while (firstIndex < lowerSize) firstIndex *= 2;
  const treeSize = 2 * firstIndex - 1;
  tree.fill(0, 0, treeSize);
  firstIndex -= 1;
  let crossings = 0;
  for (let i = 0; i < upper.length; i++) {
    const v = upper[i]!;
    targets.length = 0;
    for (let p = g.down.start[v]!; p < g.down.start[v + 1]!; p++) targets.push(order.position[g.down.adj[p]!]!);
    if (targets.length > 1) targets.sort((a, b) => a - b);
    for (const t of targets) {
      let index = t + firstIndex;
      tree[index]!++;
      while (index > 0) {
        if (index % 2 === 1) crossings += tree[index + 1]!;
        index = (index - 1) >> 1;
        tree[index]!++;
      }
    }
  }
  return crossings;
}

export function countCrossings(g: ProperGraph, order: LayerOrder): number {
  let widest = 1;
  for (const layer of order.layers) widest = Math.max(widest, layer.length);
  const tree = new Int32Array(4 * widest + 4);
  const targets: number[] = [];
  let total = 0;
  for (let l = 0; l + 1 < g.layerCount; l++) total += countLayerCrossings(g, order, l, tree, targets);
  return total;
}

interface SortScratch {
  /** Packed sort keys: quantised barycenter * SLOT_RANGE + current slot (sorted natively). */
  packed: Float64Array;
  /** Copy of the layer before sorting. */
  before: Int32Array;
  fixedSlots: Uint8Array;
}

const SLOT_RANGE = 65536;
const KEY_STEPS = 1024;

/**
 * Reorders one layer by the barycenter of its neighbours in the fixed adjacent layer; nodes without
 * neighbours keep their slot. Ties keep the current order. Keys are packed with the slot into one
 * float and sorted by the native typed-array sort (several times faster than a comparator).
 */
function sortLayerByBarycenter(layer: Int32Array, side: Adjacency, order: LayerOrder, scratch: SortScratch): void {
  const k = layer.length;
  if (k < 2) return;
  const { packed, before, fixedSlots } = scratch;
  const exact = k >= SLOT_RANGE; // fall back to a comparator for absurdly wide layers
  const keys: number[] = [];
  let count = 0;
  for (let i = 0; i < k; i++) {
    const v = layer[i]!;
    before[i] = v;
    const s = side.start[v]!;
    const e = side.start[v + 1]!;
    if (e === s) {
      fixedSlots[i] = 1;
      continue;
    }
    fixedSlots[i] = 0;
    let sum = 0;
    for (let p = s; p < e; p++) sum += order.position[side.adj[p]!]!;
    const barycenter = sum / (e - s);
    if (exact) keys.push(barycenter, i);
    else packed[count] = Math.round(barycenter * KEY_STEPS) * SLOT_RANGE + i;
    count++;
  }
  let slots: ArrayLike<number>;
  if (exact) {
    const pairs = Array.from({ length: count }, (_, j) => j).sort((a, b) => keys[2 * a]! - keys[2 * b]! || keys[2 * a + 1]! - keys[2 * b + 1]!);
    slots = pairs.map((j) => keys[2 * j + 1]!);
  } else {
    const view = packed.subarray(0, count);
    view.sort();
    for (let j = 0; j < count; j++) view[j] = view[j]! % SLOT_RANGE;
    slots = view;
  }
  let next = 0;
  for (let i = 0; i < k; i++) {
    if (fixedSlots[i] === 1) continue;
    layer[i] = before[slots[next++]!]!;
  }
  for (let i = 0; i < k; i++) order.position[layer[i]!] = i;
}

function copyOrder(order: LayerOrder): LayerOrder {
  return { layers: order.layers.map((layer) => layer.slice()), position: order.position.slice() };
}

export interface OrderStats {
  sweeps: number;
  crossings: number;
}

/** Improves `order` in place with at most `maxSweeps` down+up barycenter sweeps. */
export function reduceCrossings(g: ProperGraph, order: LayerOrder, maxSweeps: number): OrderStats {
  let best = copyOrder(order);
  let bestCrossings = countCrossings(g, order);
  let widest = 1;
  for (const layer of order.layers) widest = Math.max(widest, layer.length);
  const scratch: SortScratch = { packed: new Float64Array(widest), before: new Int32Array(widest), fixedSlots: new Uint8Array(widest) };
  let sweeps = 0;
  let stale = 0;
  while (sweeps < maxSweeps && bestCrossings > 0) {
    sweeps++;
    for (let l = 1; l < g.layerCount; l++) sortLayerByBarycenter(order.layers[l]!, g.up, order, scratch);
    for (let l = g.layerCount - 2; l >= 0; l--) sortLayerByBarycenter(order.layers[l]!, g.down, order, scratch);
    const crossings = countCrossings(g, order);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = copyOrder(order);
      stale = 0;
    } else if (++stale >= 2) {
      break;
    }
  }
  order.layers = best.layers;
  order.position = best.position;
  return { sweeps, crossings: bestCrossings };
}
