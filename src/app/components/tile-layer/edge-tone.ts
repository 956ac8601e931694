// How an edge is lit: on the critical path (parallelism view), on a path through the selection, faded
// off it, or plain. Shared by the canvas tiles and the SVG edges.
import type { Digest } from "../../../llb/index";
import type { ExplorerState } from "../../store/explorer-store";

export type EdgeTone = "critical" | "lit" | "faded" | "plain";

/** Lit when the edge lies on a path through the selection: among its ancestors, or its descendants. */
export function edgeToneOf(s: ExplorerState, sourceId: string, targetId: string): EdgeTone {
  const source = sourceId as Digest;
  const target = targetId as Digest;
  if (s.parallelism && s.doc?.analysis.criticalEdges.has(`${source}>${target}`)) return "critical";
  if (!s.lineage || !s.selected) return "plain";
  const { ancestors, descendants } = s.lineage;
  const up = (d: Digest) => d === s.selected || ancestors.has(d);
  const down = (d: Digest) => d === s.selected || descendants.has(d);
  return (up(source) && up(target)) || (down(source) && down(target)) ? "lit" : "faded";
}

/** The text drawn at an edge's midpoint: how the consumer uses it and its selector, at most 44 characters. */
export function edgeLabelText(label: string, selector: string): string {
  const text = [label, selector && `⊂ ${selector}`].filter(Boolean).join("  ");
  return text.length > 44 ? `${text.slice(0, 43)}…` : text;
}
