// Turns a LayoutInput into an index-based graph: nodes numbered in input order, edges with unknown
// endpoints or self-loops dropped, and cycles broken by reversing DFS back edges so that every later
// stage can assume a DAG. Deterministic: only input order decides.

import type { LayoutInput } from "./types";

/** Compressed adjacency: neighbours of v are `adj[start[v]] .. adj[start[v+1]-1]`; `edge` maps each entry to its edge index. */
export interface Adjacency {
  start: Int32Array;
  adj: Int32Array;
  edge: Int32Array;
}

export interface IndexedGraph {
  ids: string[];
  index: Map<string, number>;
  width: Float64Array;
  height: Float64Array;
  group: (string | undefined)[];
  /** Kept edges, oriented so that the graph is acyclic. */
  edgeIds: string[];
  from: Int32Array;
  to: Int32Array;
  /** 1 where the edge was reversed to break a cycle (input target is `from`, input source is `to`). */
  reversed: Uint8Array;
}

export function buildAdjacency(n: number, from: Int32Array, to: Int32Array): Adjacency {
  const m = from.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[from[k]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const adj = new Int32Array(m);
  const edge = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const p = fill[from[k]!]!++;
    adj[p] = to[k]!;
    edge[p] = k;
  }
  return { start, adj, edge };
}

function sanitizeSize(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 1;
}

export function indexGraph(input: LayoutInput): IndexedGraph {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const widths: number[] = [];
  const heights: number[] = [];
  const group: (string | undefined)[] = [];
  for (const node of input.nodes) {
    if (index.has(node.id)) continue;
    index.set(node.id, ids.length);
    ids.push(node.id);
    widths.push(sanitizeSize(node.width));
    heights.push(sanitizeSize(node.height));
    group.push(node.group);
  }
  const n = ids.length;

  const edgeIds: string[] = [];
  const fromList: number[] = [];
  const toList: number[] = [];
  const seenEdgeIds = new Set<string>();
  for (const edge of input.edges) {
    const s = index.get(edge.source);
    const t = index.get(edge.target);
    if (s === undefined || t === undefined || s === t || seenEdgeIds.has(edge.id)) continue;
    seenEdgeIds.add(edge.id);
    edgeIds.push(edge.id);
    fromList.push(s);
    toList.push(t);
  }
  const from = Int32Array.from(fromList);
  const to = Int32Array.from(toList);
  const reversed = breakCycles(n, from, to);
  return {
    ids,
    index,
    width: Float64Array.from(widths),
    height: Float64Array.from(heights),
    group,
    edgeIds,
    from,
    to,
    reversed,
  };
}

/**
 * Reverses the back edges of an iterative DFS (roots and children in input order), in place.
 * Returns the flags of reversed edges. Linear time; never recurses, so deep chains cannot overflow.
 */
export function breakCycles(n: number, from: Int32Array, to: Int32Array): Uint8Array {
  const m = from.length;
  const reversed = new Uint8Array(m);
  const { start, adj, edge } = buildAdjacency(n, from, to);
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    let sp = 0;
    stack[sp++] = root;
    state[root] = 1;
    cursor[root] = start[root]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      const p = cursor[v]!;
      if (p < start[v + 1]!) {
        cursor[v] = p + 1;
        const w = adj[p]!;
        if (state[w] === 0) {
          state[w] = 1;
          cursor[w] = start[w]!;
          stack[sp++] = w;
        } else if (state[w] === 1) {
          reversed[edge[p]!] = 1;
        }
      } else {
        state[v] = 2;
        sp--;
      }
    }
  }
  for (let k = 0; k < m; k++) {
    if (reversed[k] === 1) {
      const s = from[k]!;
      from[k] = to[k]!;
      to[k] = s;
    }
  }
  return reversed;
}
