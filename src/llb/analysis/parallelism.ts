// Levels and parallelism: an op's level is the longest path (in ops) from a source op; the ops of
// one level have no dependencies between them and can run at once. The critical path is the longest
// chain by op count. The terminal op is levelled (for drawing) but not counted as work.
import type { Digest } from "../codec";
import type { LlbGraph } from "../graph";

export interface Parallelism {
  /** Level of every op (0 for ops without inputs). */
  levels: Map<Digest, number>;
  /** How many ops (terminal excluded) sit on each level. */
  widths: number[];
  /** Longest chain by op count, from a source to the last op (terminal included when it ends it). */
  criticalPath: Digest[];
  /** Ops on the critical path, terminal excluded. */
  criticalLength: number;
  /** Most ops on one level. */
  maxWidth: number;
}

export function analyzeParallelism(graph: LlbGraph): Parallelism {
  const levels = new Map<Digest, number>();
  const inputsOf = new Map<Digest, Digest[]>();
  const indegree = new Map<Digest, number>();
  const consumers = new Map<Digest, Digest[]>();
  for (const node of graph.nodes) {
    const ins = [...new Set(node.inputs.map((i) => i.digest))].filter((d) => graph.byDigest.has(d) && d !== node.digest);
    inputsOf.set(node.digest, ins);
    indegree.set(node.digest, ins.length);
    consumers.set(node.digest, []);
  }
  for (const [d, ins] of inputsOf) for (const i of ins) consumers.get(i)!.push(d);
  // Kahn's algorithm; ops left on a cycle are levelled after everything else.
  const queue: Digest[] = graph.nodes.filter((n) => indegree.get(n.digest) === 0).map((n) => n.digest);
  for (let head = 0; head < queue.length; head++) {
    const d = queue[head]!;
    let level = 0;
    for (const i of inputsOf.get(d)!) level = Math.max(level, (levels.get(i) ?? -1) + 1);
    levels.set(d, level);
    for (const c of consumers.get(d)!) {
      const left = indegree.get(c)! - 1;
      indegree.set(c, left);
      if (left === 0) queue.push(c);
    }
  }
  for (const node of graph.nodes) {
    if (levels.has(node.digest)) continue;
    let level = 0;
    for (const i of inputsOf.get(node.digest)!) level = Math.max(level, (levels.get(i) ?? -1) + 1);
    levels.set(node.digest, level);
  }

  const widths: number[] = [];
  for (const node of graph.nodes) {
    if (node.kind === "terminal") continue;
    const l = levels.get(node.digest)!;
    while (widths.length <= l) widths.push(0);
    widths[l]!++;
  }

  // End at the deepest op (the terminal wins ties); walk back through an input one level lower.
  let end: Digest | undefined;
  let endLevel = -1;
  for (const node of graph.nodes) {
    const l = levels.get(node.digest)!;
    if (l > endLevel || (l === endLevel && node.kind === "terminal")) {
      end = node.digest;
      endLevel = l;
    }
  }
  const criticalPath: Digest[] = [];
  const onPath = new Set<Digest>();
  while (end !== undefined && !onPath.has(end)) {
    criticalPath.push(end);
    onPath.add(end);
    const want = levels.get(end)! - 1;
    end = inputsOf.get(end)!.find((i) => levels.get(i) === want);
  }
  criticalPath.reverse();
  const criticalLength = criticalPath.filter((d) => graph.byDigest.get(d)?.kind !== "terminal").length;
  return { levels, widths, criticalPath, criticalLength, maxWidth: Math.max(0, ...widths) };
}
