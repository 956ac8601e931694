// An input edge along the layout's route, labelled with how the consumer uses it (mount dest, copy
// source, merge #, diff side) and its selector; lit when on the selection's lineage or the critical path.
import type { Digest } from "../../../llb/index";
import type { EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { routedPath } from "../../core/edge-path";
import type { ExplorerState } from "../../store/explorer-store";
import { useExplorer } from "../../store/use-explorer";
import { useRunningEdges } from "../../build/index";
import type { OpFlowEdge } from "../graph-canvas/flow-elements";

/** Lit when the edge lies on a path through the selection: among its ancestors, or its descendants. */
function toneOf(s: ExplorerState, sourceId: string, targetId: string): string {
  const source = sourceId as Digest;
  const target = targetId as Digest;
  if (s.parallelism && s.doc?.analysis.criticalEdges.has(`${source}>${target}`)) return "critical";
  if (!s.lineage || !s.selected) return "plain";
  const { ancestors, descendants } = s.lineage;
  const up = (d: Digest) => d === s.selected || ancestors.has(d);
  const down = (d: Digest) => d === s.selected || descendants.has(d);
  return (up(source) && up(target)) || (down(source) && down(target)) ? "lit" : "faded";
}

function OpEdgeInner({ id, source, target, data }: EdgeProps<OpFlowEdge>) {
  const tone = useExplorer((s) => toneOf(s, source, target));
  const running = useRunningEdges().some((e) => e.source === source && e.target === target);
  if (!data) return null;
  const d = routedPath(data.points);
  const m = data.mid;
  const text = data.labelled ? [data.label, data.selector && `⊂ ${data.selector}`].filter(Boolean).join("  ") : "";
  return (
    <g className={`op-edge edge-${tone}${running ? " build-edge--running" : ""}`} data-testid="op-edge" data-id={id} data-running={running ? "true" : undefined}>
      <path d={d} className="op-edge-path" markerEnd={data.arrow ? "url(#llbx-arrow)" : undefined} />
      {text && (
        <text x={m.x} y={m.y - 5} className="op-edge-label" textAnchor="middle">
          {text.length > 44 ? `${text.slice(0, 43)}…` : text}
        </text>
      )}
    </g>
  );
}

export const OpEdge = memo(OpEdgeInner);
