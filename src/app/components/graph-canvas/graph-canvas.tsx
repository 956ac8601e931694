// The graph: laid-out ops as xyflow nodes (only the visible ones rendered), stage frames behind
// them, routed edges (canvas tiles, see TileLayer), minimap and zoom controls. Zoomed out below
// OVERVIEW_ZOOM the tiles draw everything of a large graph and xyflow holds no nodes; clicks are
// hit-tested here.
import { Background, BackgroundVariant, Controls, ReactFlow, useReactFlow, useStore, type ReactFlowState } from "@xyflow/react";
import { useCallback, useMemo } from "react";
import { useScene } from "../../hooks/use-scene";
import { explorerActions, useExplorer } from "../../store/use-explorer";
import { CanvasMinimap } from "../canvas-minimap/canvas-minimap";
import { TileLayer } from "../tile-layer/tile-layer";
import { OVERVIEW_MIN_NODES, OVERVIEW_ZOOM } from "../tile-layer/draw-overview-tile";
import { fitViewport, sceneNodeAt } from "../../core/scene";
import { OpNodeView } from "../op-node/op-node";
import { StageFrame } from "../stage-frame/stage-frame";
import { toFlowNodes, type FlowNode } from "./flow-elements";
import { useViewportCommands } from "./use-viewport-commands";

const nodeTypes = { op: OpNodeView, stage: StageFrame };
const noEdges: never[] = [];
const noNodes: FlowNode[] = [];
const zoomedOutOf = (s: ReactFlowState) => s.transform[2] < OVERVIEW_ZOOM;
const paneOf = (s: ReactFlowState) => `${s.width} ${s.height}`;
/** The least zoom xyflow allows unless the whole graph needs less. */
const MIN_ZOOM = 0.02;

export function GraphCanvas() {
  const { scene, pending, error } = useScene();
  const stages = useExplorer((s) => s.doc?.analysis.stages.stages);
  const hasDoc = useExplorer((s) => s.doc !== null);
  const sizes = useMemo(() => new Map((stages ?? []).map((s) => [s.id, s.size])), [stages]);
  const allNodes = useMemo(() => (scene ? toFlowNodes(scene, sizes) : []), [scene, sizes]);
  const overview = useStore(zoomedOutOf) && (scene?.nodes.length ?? 0) > OVERVIEW_MIN_NODES;
  const nodes = overview ? noNodes : allNodes;
  const [paneW, paneH] = useStore(paneOf).split(" ").map(Number) as [number, number];
  // Fit view must show the whole graph however large: allow a little less zoom than that takes.
  const minZoom = scene && paneW > 0 ? Math.min(MIN_ZOOM, 0.8 * fitViewport(scene.bounds, { width: paneW, height: paneH }, { padding: 0.08, maxZoom: 1 }).zoom) : MIN_ZOOM;
  const { fit } = useViewportCommands();
  const flow = useReactFlow();
  const onNodeClick = useCallback((_: unknown, node: FlowNode) => {
    if (node.type === "op") explorerActions().select(node.data.digest);
  }, []);
  const onPaneClick = useCallback(
    (event: React.MouseEvent) => {
      const hit = overview && scene ? sceneNodeAt(scene, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })) : undefined;
      if (hit?.digest !== undefined) explorerActions().select(hit.digest);
      else if (hit?.stage !== undefined) explorerActions().toggleStage(hit.stage);
      else explorerActions().select(null);
    },
    [overview, scene, flow],
  );

  return (
    <div className="graph-canvas" data-testid="canvas" data-pending={pending ? "true" : "false"} data-node-count={scene?.nodes.length ?? 0} data-detail={overview ? "overview" : "nodes"}>
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
        minZoom={minZoom}
        maxZoom={2.5}
        colorMode="system"
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        {scene && <TileLayer scene={scene} overview={overview} />}
        {hasDoc && scene && <CanvasMinimap scene={scene} />}
        {hasDoc && <Controls showInteractive={false} position="top-left" onFitView={fit} />}
      </ReactFlow>
      {pending && <div className="canvas-status">laying out…</div>}
      {error && <div className="canvas-status canvas-status-error">layout failed: {error}</div>}
    </div>
  );
}
