// A Dockerfile stage: a frame behind its ops with a collapse button, or (collapsed) one compact node
// standing for all of them.
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { explorerActions } from "../../store/use-explorer";
import type { StageFlowNode } from "../graph-canvas/flow-elements";

function StageFrameInner({ data, sourcePosition, targetPosition }: NodeProps<StageFlowNode>) {
  const toggle = (e: React.MouseEvent) => {
    e.stopPropagation();
    explorerActions().toggleStage(data.stage);
  };
  if (data.collapsed) {
    return (
      <div className="stage-collapsed" data-testid="stage-collapsed" data-stage={data.stage} onClick={toggle} title="Expand stage">
        <Handle type="target" position={targetPosition ?? Position.Left} className="op-handle" isConnectable={false} />
        <span className="stage-caret">▸</span>
        <span className="stage-name">{data.stage}</span>
        <span className="stage-count">{data.count} ops</span>
        <Handle type="source" position={sourcePosition ?? Position.Right} className="op-handle" isConnectable={false} />
      </div>
    );
  }
  return (
    <div className="stage-frame" data-testid="stage-frame" data-stage={data.stage}>
      <button type="button" className="stage-header" onClick={toggle} title="Collapse stage" data-testid="stage-toggle">
        <span className="stage-caret">▾</span>
        <span className="stage-name">{data.stage}</span>
        <span className="stage-count">{data.count} ops</span>
      </button>
    </div>
  );
}

export const StageFrame = memo(StageFrameInner);
