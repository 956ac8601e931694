// Scene → xyflow nodes, and the edges the edge layer draws. Node and edge data carry ids only;
// components read the op from the store, so a selection change re-renders just the nodes whose tone
// changes.
import { Position, type Node } from "@xyflow/react";
import type { Digest } from "../../../llb/index";
import { boundsOf, type Rect } from "../../core/edge-cull";
import { midpoint, type Point } from "../../core/edge-path";
import type { Scene } from "../../core/scene";

export type OpFlowNode = Node<{ digest: Digest }, "op">;
export type StageFlowNode = Node<{ stage: string; count: number; collapsed: boolean }, "stage">;
export type FlowNode = OpFlowNode | StageFlowNode;
/**
 * An edge as the tile layer draws it (not an xyflow edge: xyflow draws no edges here, see TileLayer).
 * `points` is the stretch of the route to draw (the whole route unless culled to a render window);
 * `mid` is the whole route's midpoint (where the label goes); `arrow` and `labelled` say whether the
 * route's end and its label are drawn.
 */
export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  points: Point[];
  label: string;
  selector: string;
  mid: Point;
  arrow: boolean;
  labelled: boolean;
}

/** Op nodes (and collapsed stages) sit above the edge layer (z 0), stage frames below it. */
const NODE_Z = 1;

/**
 * Size given up front: xyflow then knows every node without measuring it, so with
 * `onlyRenderVisibleElements` it never mounts off-screen nodes (unmeasured nodes are all drawn
 * once). No handles: xyflow draws no edges (the tile layer does).
 */
function known(width: number, height: number): { measured: { width: number; height: number } } {
  return { measured: { width, height } };
}

export function toFlowNodes(scene: Scene, sizes: ReadonlyMap<string, number>): FlowNode[] {
  const lr = scene.direction === "LR";
  const common = { sourcePosition: lr ? Position.Right : Position.Bottom, targetPosition: lr ? Position.Left : Position.Top, draggable: false, connectable: false };
  const out: FlowNode[] = scene.frames.map((f) => ({
    id: `frame:${f.stage}`,
    type: "stage",
    position: { x: f.x, y: f.y },
    width: f.width,
    height: f.height,
    zIndex: -1,
    selectable: false,
    focusable: false,
    handles: [],
    measured: { width: f.width, height: f.height },
    ...common,
    data: { stage: f.stage, count: sizes.get(f.stage) ?? 0, collapsed: false },
  }));
  for (const n of scene.nodes) {
    if (n.digest !== undefined) {
      out.push({ id: n.id, type: "op", position: { x: n.x, y: n.y }, width: n.width, height: n.height, zIndex: NODE_Z, ...known(n.width, n.height), ...common, data: { digest: n.digest } });
    } else {
      const stage = n.stage ?? "";
      out.push({ id: n.id, type: "stage", position: { x: n.x, y: n.y }, width: n.width, height: n.height, zIndex: NODE_Z, ...known(n.width, n.height), ...common, data: { stage, count: n.collapsedCount ?? 0, collapsed: true } });
    }
  }
  return out;
}

export function toDrawnEdges(scene: Scene): DrawnEdge[] {
  return scene.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, points: e.points, label: e.label, selector: e.selector, mid: midpoint(e.points), arrow: true, labelled: true }));
}

/** A scene's edges with the bounds of their routes, for culling. */
export interface CullableEdges {
  edges: DrawnEdge[];
  /** Each edge's route (`edges[i].points`) and its bounds. */
  routes: Point[][];
  bounds: Rect[];
}

export function cullableEdges(scene: Scene): CullableEdges {
  const edges = toDrawnEdges(scene);
  return { edges, routes: edges.map((e) => e.points), bounds: edges.map((e) => boundsOf(e.points)) };
}
