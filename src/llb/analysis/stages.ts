// Dockerfile stage of every op: from the `[name N/M]` customname prefix that the Dockerfile frontend
// writes, else from the op's first source location (the last FROM at or above that line).
import type { Digest } from "../codec";
import type { LlbGraph, OpNode } from "../graph";

export interface StageInfo {
  /** Group id: the stage name. */
  id: string;
  /** Ops in the stage. */
  size: number;
  /** 1-based line of its FROM, when known. */
  line?: number;
}

export interface StageGrouping {
  stageOf: Map<Digest, string>;
  /** Stages in order of first appearance in the definition. */
  stages: StageInfo[];
}

const STEP = /^\[([^\]\s]+) (\d+)\/(\d+)\]/;
const FROM = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i;

/** The stage name from a `[name 2/5] RUN ...` customname, if any. */
export function stageFromCustomName(name: string | undefined): string | undefined {
  const m = name === undefined ? null : STEP.exec(name);
  return m?.[1];
}

interface FromLine {
  line: number;
  name: string;
}

/** FROM lines of a Dockerfile with the name of the stage each starts. */
export function dockerfileStages(text: string): FromLine[] {
  const out: FromLine[] = [];
  text.split("\n").forEach((raw, i) => {
    const m = FROM.exec(raw);
    if (m) out.push({ line: i + 1, name: m[2] ?? `stage-${out.length}` });
  });
  return out;
}

function stageFromLocation(node: OpNode, fromLines: FromLine[][]): { name: string; line: number } | undefined {
  const loc = node.locations[0];
  const line = loc?.ranges[0]?.start.line;
  const froms = loc === undefined ? undefined : fromLines[loc.sourceIndex];
  if (line === undefined || froms === undefined) return undefined;
  let found: FromLine | undefined;
  for (const f of froms) if (f.line <= line) found = f;
  return found && { name: found.name, line: found.line };
}

export function groupStages(graph: LlbGraph): StageGrouping {
  const fromLines = graph.sources.map((s) => (/dockerfile/i.test(s.language) || /dockerfile/i.test(s.filename) ? dockerfileStages(s.text) : []));
  const stageOf = new Map<Digest, string>();
  const stages = new Map<string, StageInfo>();
  for (const node of graph.nodes) {
    const custom = node.metadata.description?.["llb.customname"];
    const byLocation = stageFromLocation(node, fromLines);
    const name = stageFromCustomName(custom) ?? (custom?.startsWith("[internal]") ? undefined : byLocation?.name);
    if (name === undefined) continue;
    stageOf.set(node.digest, name);
    const info = stages.get(name);
    if (info) info.size++;
    else {
      const line = fromLines.flat().find((f) => f.name === name)?.line;
      stages.set(name, line === undefined ? { id: name, size: 1 } : { id: name, size: 1, line });
    }
  }
  return { stageOf, stages: [...stages.values()] };
}
