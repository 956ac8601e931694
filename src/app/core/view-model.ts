// What the canvas draws: the visible ops (focus scope applied, collapsed stages folded into one
// node each), the edges labelled with how the consumer uses them, and the layout input for them.
import { analyzeParallelism, consumersOf, groupStages, type Digest, type LlbGraph, type Parallelism, type StageGrouping } from "../../llb/index";
import type { LayoutInput } from "../layout/index";
import { platformString } from "./format";
import { edgeLabel } from "./op-facts";

export const NODE_WIDTH = 236;
export const NODE_HEIGHT = 62;
export const STAGE_NODE_HEIGHT = 46;
export const STAGE_PREFIX = "stage:";

/** Facts about a whole document, computed once when it is opened. */
export interface DocAnalysis {
  consumers: Map<Digest, Digest[]>;
  parallelism: Parallelism;
  stages: StageGrouping;
  /** The platform most ops name ("" when none does). */
  commonPlatform: string;
  criticalEdges: Set<string>;
}

export function analyzeDocument(graph: LlbGraph): DocAnalysis {
  const counts = new Map<string, number>();
  for (const n of graph.nodes) {
    const p = platformString(n.platform);
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  let commonPlatform = "";
  let best = 0;
  for (const [p, c] of counts) if (c > best) [commonPlatform, best] = [p, c];
  const parallelism = analyzeParallelism(graph);
  const criticalEdges = new Set<string>();
  for (let i = 1; i < parallelism.criticalPath.length; i++) criticalEdges.add(`${parallelism.criticalPath[i - 1]}>${parallelism.criticalPath[i]}`);
  return { consumers: consumersOf(graph), parallelism, stages: groupStages(graph), commonPlatform, criticalEdges };
}

export interface ViewNode {
  id: string;
  /** The op drawn (absent for a collapsed stage). */
  digest?: Digest;
  /** Stage frame the node sits in, or the stage a collapsed node stands for. */
  stage?: string;
  /** Ops folded into this node when it is a collapsed stage. */
  collapsedCount?: number;
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  selector: string;
}

export interface GraphView {
  nodes: ViewNode[];
  edges: ViewEdge[];
  byId: Map<string, ViewNode>;
}

export interface ViewOptions {
  /** Only these ops (focus mode); all when null. */
  scope: ReadonlySet<Digest> | null;
  collapsed: ReadonlySet<string>;
  groups: boolean;
}

export function buildView(graph: LlbGraph, analysis: DocAnalysis, options: ViewOptions): GraphView {
  const { stageOf } = analysis.stages;
  const idOf = (d: Digest): string => {
    const stage = stageOf.get(d);
    return stage !== undefined && options.collapsed.has(stage) ? STAGE_PREFIX + stage : d;
  };
  const nodes: ViewNode[] = [];
  const byId = new Map<string, ViewNode>();
  for (const op of graph.nodes) {
    if (options.scope && !options.scope.has(op.digest)) continue;
    const id = idOf(op.digest);
    const stage = stageOf.get(op.digest);
    const existing = byId.get(id);
    if (existing) {
      existing.collapsedCount = (existing.collapsedCount ?? 0) + 1;
      continue;
    }
    const node: ViewNode =
      id === op.digest ? { id, digest: op.digest, ...(options.groups && stage !== undefined ? { stage } : {}) } : { id, stage: stage!, collapsedCount: 1 };
    nodes.push(node);
    byId.set(id, node);
  }
  const edges: ViewEdge[] = [];
  const seen = new Set<string>();
  for (const op of graph.nodes) {
    const target = idOf(op.digest);
    if (!byId.has(target)) continue;
    op.inputs.forEach((input, index) => {
      const source = idOf(input.digest);
      if (!byId.has(source) || source === target) return;
      const folded = source !== input.digest || target !== op.digest;
      const id = folded ? `${source}>${target}` : `${source}>${target}#${index}`;
      if (seen.has(id)) return;
      seen.add(id);
      const { label, selector } = folded ? { label: "", selector: "" } : edgeLabel(input.roles);
      edges.push({ id, source, target, label, selector });
    });
  }
  return { nodes, edges, byId };
}

export function layoutInputOf(view: GraphView): LayoutInput {
  return {
    nodes: view.nodes.map((n) => ({
      id: n.id,
      width: NODE_WIDTH,
      height: n.digest === undefined ? STAGE_NODE_HEIGHT : NODE_HEIGHT,
      ...(n.digest !== undefined && n.stage !== undefined ? { group: n.stage } : {}),
    })),
    edges: view.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/**
 * The direction that shows the graph larger in a viewport of this size: estimated from the number of
 * levels (main axis) and the widest level (cross axis). Ties go to TB, the Dockerfile's reading order.
 */
export function preferredDirection(analysis: DocAnalysis, viewport: { width: number; height: number }): "LR" | "TB" {
  const levels = Math.max(1, analysis.parallelism.widths.length + 1);
  const across = Math.max(1, analysis.parallelism.maxWidth);
  const lr = Math.min(viewport.width / (levels * (NODE_WIDTH + 64)), viewport.height / (across * (NODE_HEIGHT + 24)));
  const tb = Math.min(viewport.width / (across * (NODE_WIDTH + 24)), viewport.height / (levels * (NODE_HEIGHT + 64)));
  return lr > tb * 1.05 ? "LR" : "TB";
}

/** Whether an edge of the view lies on the critical path. */
export function isCriticalEdge(analysis: DocAnalysis, edge: ViewEdge): boolean {
  return analysis.criticalEdges.has(`${edge.source}>${edge.target}`);
}
