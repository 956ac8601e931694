// Who feeds whom: consumers of every op, and the ancestors/descendants of one op. Inputs naming ops
// the graph does not hold (fragments) are ignored.
import type { Digest } from "../codec";
import type { LlbGraph } from "../graph";

/** For every op, the ops consuming one of its outputs (each consumer once, in def order). */
export function consumersOf(graph: LlbGraph): Map<Digest, Digest[]> {
  const consumers = new Map<Digest, Digest[]>();
  for (const node of graph.nodes) consumers.set(node.digest, []);
  for (const node of graph.nodes) {
    const seen = new Set<Digest>();
    for (const input of node.inputs) {
      if (seen.has(input.digest)) continue;
      seen.add(input.digest);
      consumers.get(input.digest)?.push(node.digest);
    }
  }
  return consumers;
}

/** Every op `digest` depends on, directly or not (itself excluded). */
export function ancestorsOf(graph: LlbGraph, digest: Digest): Set<Digest> {
  return walk(digest, (d) => (graph.byDigest.get(d)?.inputs ?? []).map((i) => i.digest).filter((i) => graph.byDigest.has(i)));
}

/** Every op depending on `digest`, directly or not (itself excluded). */
export function descendantsOf(consumers: ReadonlyMap<Digest, readonly Digest[]>, digest: Digest): Set<Digest> {
  return walk(digest, (d) => consumers.get(d) ?? []);
}

/** The op, its ancestors and its descendants: what "focus" shows. */
export function lineageOf(graph: LlbGraph, consumers: ReadonlyMap<Digest, readonly Digest[]>, digest: Digest): Set<Digest> {
  const all = new Set<Digest>([digest]);
  for (const d of ancestorsOf(graph, digest)) all.add(d);
  for (const d of descendantsOf(consumers, digest)) all.add(d);
  return all;
}

function walk(start: Digest, next: (d: Digest) => readonly Digest[]): Set<Digest> {
  const seen = new Set<Digest>();
  const stack = [...next(start)];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (d === start || seen.has(d)) continue;
    seen.add(d);
    for (const n of next(d)) if (!seen.has(n)) stack.push(n);
  }
  return seen;
}
