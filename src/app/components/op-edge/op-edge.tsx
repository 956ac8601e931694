// An input edge as SVG along the layout's route, labelled with how the consumer uses it (mount dest,
// copy source, merge #, diff side) and its selector; lit when on the selection's lineage or the
// critical path. The canvas draws most edges as tiles (tile-layer); this one draws animated ones.
import { memo } from "react";
import { routedPath } from "../../core/edge-path";
import { useExplorer } from "../../store/use-explorer";
import { useRunningEdges } from "../../build/index";
import type { DrawnEdge } from "../graph-canvas/flow-elements";
import { edgeLabelText, edgeToneOf } from "../tile-layer/edge-tone";

function OpEdgeInner({ edge: data }: { edge: DrawnEdge }) {
  const { id, source, target } = data;
  const tone = useExplorer((s) => edgeToneOf(s, source, target));
  const running = useRunningEdges().some((e) => e.source === source && e.target === target);
  const d = routedPath(data.points);
  const m = data.mid;
  const text = data.labelled ? edgeLabelText(data.label, data.selector) : "";
  return (
    <g className={`op-edge edge-${tone}${running ? " build-edge--running" : ""}`} data-testid="op-edge" data-id={id} data-running={running ? "true" : undefined}>
      <path d={d} className="op-edge-path" markerEnd={data.arrow ? "url(#llbx-arrow)" : undefined} />
      {text && (
        <text x={m.x} y={m.y - 5} className="op-edge-label" textAnchor="middle">
          {text}
        </text>
      )}
    </g>
  );
}

export const OpEdge = memo(OpEdgeInner);
