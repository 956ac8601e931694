// Successive graphs compared by digest: an op whose digest survives is the same op (same node id,
// so it keeps its place on the canvas); a new digest is a new or changed op, marked for a moment.
import type { Digest, LlbGraph } from "../../../llb/index";

export interface GraphDiff {
  added: Set<Digest>;
  removed: Set<Digest>;
  kept: Set<Digest>;
}

export function diffGraphs(previous: LlbGraph | null, next: LlbGraph): GraphDiff {
  const added = new Set<Digest>();
  const kept = new Set<Digest>();
  const removed = new Set<Digest>();
  for (const n of next.nodes) (previous?.byDigest.has(n.digest) ? kept : added).add(n.digest);
  for (const n of previous?.nodes ?? []) if (!next.byDigest.has(n.digest)) removed.add(n.digest);
  return { added, removed, kept };
}

/** What to mark as changed: nothing on the first graph (everything would be "new"). */
export function changedOps(previous: LlbGraph | null, diff: GraphDiff): Set<Digest> {
  return previous === null ? new Set() : diff.added;
}

/**
 * Earlier positions still valid for `next`: those of ops it keeps. Pass them to the layout as
 * `previous` so unchanged ops stay where they were.
 */
export function carryPositions<P>(previous: ReadonlyMap<string, P>, next: LlbGraph): Map<string, P> {
  const out = new Map<string, P>();
  for (const [id, p] of previous) if (next.byDigest.has(id as Digest)) out.set(id, p);
  return out;
}

/** Positions of a laid-out view (e.g. the Explorer's scene nodes), keyed by node id. */
export function positionsOf(nodes: readonly { id: string; x: number; y: number }[]): Map<string, { x: number; y: number }> {
  return new Map(nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
}
