// The graph: laid-out ops as xyflow nodes (only the visible ones rendered), stage frames behind
// them, routed edges (our own layer, see EdgeLayer), minimap and zoom controls.
import { Background, BackgroundVariant, Controls, ReactFlow } from "@xyflow/react";
import { useCallback, useMemo } from "react";
import { useScene } from "../../hooks/use-scene";
import { explorerActions, useExplorer } from "../../store/use-explorer";
import { CanvasMinimap } from "../canvas-minimap/canvas-minimap";
import { EdgeLayer } from "../edge-layer/edge-layer";
import { OpNodeView } from "../op-node/op-node";
import { StageFrame } from "../stage-frame/stage-frame";
import { toFlowNodes, type FlowNode } from "./flow-elements";
import { useViewportCommands } from "./use-viewport-commands";

const nodeTypes = { op: OpNodeView, stage: StageFrame };
const noEdges: never[] = [];

export function GraphCanvas() {
  const { scene, pending, error } = useScene();
  const stages = useExplorer((s) => s.doc?.analysis.stages.stages);
  const hasDoc = useExplorer((s) => s.doc !== null);
  const sizes = useMemo(() => new Map((stages ?? []).map((s) => [s.id, s.size])), [stages]);
  const nodes = useMemo(() => (scene ? toFlowNodes(scene, sizes) : []), [scene, sizes]);
  useViewportCommands();
  const onNodeClick = useCallback((_: unknown, node: FlowNode) => {
    if (node.type === "op") explorerActions().select(node.data.digest);
  }, []);
  const onPaneClick = useCallback(() => explorerActions().select(null), []);

  return (
    <div className="graph-canvas" data-testid="canvas" data-pending={pending ? "true" : "false"} data-node-count={scene?.nodes.length ?? 0}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={noEdges}
        nodeTypes={nodeTypes}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        minZoom={0.02}
        maxZoom={2.5}
        colorMode="system"
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        {scene && <EdgeLayer scene={scene} />}
        {hasDoc && scene && <CanvasMinimap scene={scene} />}
        {hasDoc && <Controls showInteractive={false} position="top-left" />}
      </ReactFlow>
      {pending && <div className="canvas-status">laying out…</div>}
      {error && <div className="canvas-status canvas-status-error">layout failed: {error}</div>}
    </div>
  );
}
