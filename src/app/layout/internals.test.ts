import { describe, expect, it } from "vitest";
import { assignLayers } from "./assign-layers";
import { breakCycles, buildAdjacency } from "./index-graph";
import { refineLayersBySimplex } from "./network-simplex";
import { countCrossings, orderByDepthFirst } from "./order-layers";
import type { ProperGraph } from "./order-layers";

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Random proper layered graph: edges only between consecutive layers. */
function makeProperGraph(layers: number, width: number, edges: number, seed: number): ProperGraph {
  const rnd = random(seed);
  const size = layers * width;
  const layer = new Int32Array(size);
  for (let v = 0; v < size; v++) layer[v] = Math.floor(v / width);
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < edges; i++) {
    const l = Math.floor(rnd() * (layers - 1));
    from.push(l * width + Math.floor(rnd() * width));
    to.push((l + 1) * width + Math.floor(rnd() * width));
  }
  const f = Int32Array.from(from);
  const t = Int32Array.from(to);
  return { size, layer, layerCount: layers, down: buildAdjacency(size, f, t), up: buildAdjacency(size, t, f) };
}

function countCrossingsNaively(g: ProperGraph, position: Int32Array): number {
  const segments: [number, number, number][] = [];
  for (let v = 0; v < g.size; v++) {
    for (let p = g.down.start[v]!; p < g.down.start[v + 1]!; p++) segments.push([g.layer[v]!, position[v]!, position[g.down.adj[p]!]!]);
  }
  let crossings = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const [la, a1, a2] = segments[i]!;
      const [lb, b1, b2] = segments[j]!;
      if (la === lb && (a1 - b1) * (a2 - b2) < 0) crossings++;
    }
  }
  return crossings;
}

describe("countCrossings", () => {
  it.each([
    ["tiny", 2, 3, 4, 1],
    ["two layers, dense", 2, 12, 60, 2],
    ["many layers", 6, 8, 50, 3],
    ["with parallel edges", 3, 3, 30, 4],
  ])("%s: matches the pairwise count", (_name, layers, width, edges, seed) => {
    const g = makeProperGraph(layers, width, edges, seed);
    const order = orderByDepthFirst(g);
    expect(countCrossings(g, order)).toBe(countCrossingsNaively(g, order.position));
  });
});

function span(from: Int32Array, to: Int32Array, layer: Int32Array): number {
  let total = 0;
  for (let k = 0; k < from.length; k++) total += layer[to[k]!]! - layer[from[k]!]!;
  return total;
}

function layerEdges(n: number, pairs: [number, number][], pivots: number): { layer: Int32Array; from: Int32Array; to: Int32Array } {
  const from = Int32Array.from(pairs.map((p) => p[0]));
  const to = Int32Array.from(pairs.map((p) => p[1]));
  breakCycles(n, from, to);
  const layer = assignLayers(n, { from, to }, buildAdjacency(n, from, to), buildAdjacency(n, to, from), null, { simplexPivots: pivots, balancePasses: 2 });
  return { layer, from, to };
}

describe("layering", () => {
  it.each([
    // 0->1->2->3 and 4->3: the side input sits right before its consumer.
    ["side input", 5, [[0, 1], [1, 2], [2, 3], [4, 3]] as [number, number][], 4],
    // A chain that greedy single-node moves cannot shift: 0->1->2->3->4 and 5->6->4 (6 must follow 5).
    ["side chain", 7, [[0, 1], [1, 2], [2, 3], [3, 4], [5, 6], [6, 4]] as [number, number][], 6],
    // Two sources feeding one consumer and one later node.
    ["diamond with tail", 5, [[0, 1], [0, 2], [1, 3], [2, 3], [3, 4]] as [number, number][], 5],
  ])("%s: network simplex reaches the minimal total span", (_name, n, pairs, optimum) => {
    const { layer, from, to } = layerEdges(n, pairs, 1000);
    for (let k = 0; k < from.length; k++) expect(layer[to[k]!]! - layer[from[k]!]!).toBeGreaterThanOrEqual(1);
    expect(span(from, to, layer)).toBe(optimum);
  });

  it.each([
    [200, 1],
    [500, 2],
    [1000, 3],
  ])("random DAG with %i nodes: simplex is feasible and never worse than greedy", (n, seed) => {
    const rnd = random(seed);
    const pairs: [number, number][] = [];
    for (let i = 0; i < n * 1.5; i++) {
      const a = Math.floor(rnd() * n);
      const b = Math.floor(rnd() * n);
      if (a !== b) pairs.push([Math.min(a, b), Math.max(a, b)]);
    }
    const greedy = layerEdges(n, pairs, 0);
    const simplex = layerEdges(n, pairs, 100_000);
    for (let k = 0; k < simplex.from.length; k++) expect(simplex.layer[simplex.to[k]!]! - simplex.layer[simplex.from[k]!]!).toBeGreaterThanOrEqual(1);
    expect(span(simplex.from, simplex.to, simplex.layer)).toBeLessThanOrEqual(span(greedy.from, greedy.to, greedy.layer));
  });

  it("the pivot cap keeps the layering feasible", () => {
    const n = 300;
    const rnd = random(9);
    const from: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < 600; i++) {
      const a = Math.floor(rnd() * n);
      const b = Math.floor(rnd() * n);
      if (a < b) {
        from.push(a);
        to.push(b);
      }
    }
    const f = Int32Array.from(from);
    const t = Int32Array.from(to);
    const layer = new Int32Array(n);
    for (let v = 0; v < n; v++) layer[v] = v; // feasible: every edge goes to a higher index
    const stats = refineLayersBySimplex(n, f, t, layer, 5);
    expect(stats.pivots).toBeLessThanOrEqual(5);
    for (let k = 0; k < f.length; k++) expect(layer[t[k]!]! - layer[f[k]!]!).toBeGreaterThanOrEqual(1);
  });
});
