// Both directions between Dockerfile lines and ops, from the ops' source locations (`node.locations`
// pointing into the Dockerfile entry of `graph.sources`).
import type { Digest, LlbGraph } from "../../../llb/index";

/** Inclusive 1-based line span. */
export interface LineSpan {
  start: number;
  end: number;
}

export interface SourceIndex {
  opsByLine: Map<number, Digest[]>;
  linesByOp: Map<Digest, LineSpan[]>;
}

function dockerfileSources(graph: LlbGraph): Set<number> {
  const out = new Set<number>();
  graph.sources.forEach((s, i) => {
    if (s.language.toLowerCase() === "dockerfile" || graph.sources.length === 1) out.add(i);
  });
  return out;
}

export function buildSourceIndex(graph: LlbGraph): SourceIndex {
  const wanted = dockerfileSources(graph);
  const opsByLine = new Map<number, Digest[]>();
  const linesByOp = new Map<Digest, LineSpan[]>();
  for (const node of graph.nodes) {
    const spans: LineSpan[] = [];
    for (const loc of node.locations) {
      if (!wanted.has(loc.sourceIndex) || loc.ranges.length === 0) continue;
      const start = Math.min(...loc.ranges.map((r) => r.start.line));
      const end = Math.max(...loc.ranges.map((r) => r.end.line));
      spans.push({ start, end });
      for (let line = start; line <= end; line++) {
        const list = opsByLine.get(line);
        if (list === undefined) opsByLine.set(line, [node.digest]);
        else if (!list.includes(node.digest)) list.push(node.digest);
      }
    }
    if (spans.length > 0) linesByOp.set(node.digest, spans);
  }
  return { opsByLine, linesByOp };
}

/** Ops produced by any of these lines. */
export function opsAtLines(index: SourceIndex, span: LineSpan): Set<Digest> {
  const out = new Set<Digest>();
  for (let line = span.start; line <= span.end; line++) for (const d of index.opsByLine.get(line) ?? []) out.add(d);
  return out;
}

/** The lines an op came from (empty when it has no Dockerfile location). */
export function linesOfOp(index: SourceIndex, digest: Digest): LineSpan[] {
  return index.linesByOp.get(digest) ?? [];
}
