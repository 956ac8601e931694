// A laid-out view: every node, edge route and stage frame in flow coordinates. The canvas and the
// SVG/PNG export both draw from it.
import type { LayoutRect, LayoutResult } from "../layout/index";
import type { Point } from "./edge-path";
import { NODE_HEIGHT, NODE_WIDTH, STAGE_NODE_HEIGHT, type GraphView, type ViewEdge, type ViewNode } from "./view-model";

export interface SceneNode extends ViewNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SceneEdge extends ViewEdge {
  points: Point[];
}

export interface SceneFrame extends LayoutRect {
  stage: string;
}

export interface Scene {
  direction: "LR" | "TB";
  nodes: SceneNode[];
  edges: SceneEdge[];
  frames: SceneFrame[];
  bounds: LayoutRect;
  byId: Map<string, SceneNode>;
}

export function buildScene(view: GraphView, layout: LayoutResult, direction: "LR" | "TB"): Scene {
  const byId = new Map<string, SceneNode>();
  const nodes = view.nodes.map((n) => {
    const p = layout.nodes.get(n.id) ?? { x: 0, y: 0 };
    const s: SceneNode = { ...n, x: p.x, y: p.y, width: NODE_WIDTH, height: n.digest === undefined ? STAGE_NODE_HEIGHT : NODE_HEIGHT };
    byId.set(n.id, s);
    return s;
  });
  const edges: SceneEdge[] = [];
  for (const e of view.edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) continue;
    const route = layout.edges.get(e.id);
    const points = route && route.length >= 2 ? route : anchors(a, b, direction);
    edges.push({ ...e, points });
  }
  const frames: SceneFrame[] = [...layout.groups].map(([stage, r]) => ({ stage, ...r }));
  return { direction, nodes, edges, frames, bounds: layout.bounds, byId };
}

/** Source's outgoing side to target's incoming side. */
export function anchors(a: SceneNode, b: SceneNode, direction: "LR" | "TB"): Point[] {
  return direction === "LR"
    ? [
        { x: a.x + a.width, y: a.y + a.height / 2 },
        { x: b.x, y: b.y + b.height / 2 },
      ]
    : [
        { x: a.x + a.width / 2, y: a.y + a.height },
        { x: b.x + b.width / 2, y: b.y },
      ];
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Where a freshly laid-out graph opens: the whole graph when it fits at a readable zoom, else the
 * start of the graph (top for TB, left for LR) at `minZoom`, centred on the cross axis — on `anchor`
 * (e.g. the first op of the critical path) when given.
 */
export function initialViewport(
  bounds: LayoutRect,
  screen: { width: number; height: number },
  direction: "LR" | "TB",
  options: { padding: number; minZoom: number; maxZoom: number },
  anchor?: LayoutRect,
): Viewport {
  const { padding, minZoom, maxZoom } = options;
  const fit = Math.min((screen.width - 2 * padding) / Math.max(1, bounds.width), (screen.height - 2 * padding) / Math.max(1, bounds.height));
  const zoom = Math.max(minZoom, Math.min(maxZoom, fit));
  const centre = (size: number, start: number, length: number) => (size - length * zoom) / 2 - start * zoom;
  const fitsX = bounds.width * zoom <= screen.width - 2 * padding;
  const fitsY = bounds.height * zoom <= screen.height - 2 * padding;
  if (anchor && !(fitsX && fitsY)) {
    const cx = anchor.x + anchor.width / 2;
    const cy = anchor.y + anchor.height / 2;
    return direction === "TB"
      ? { x: screen.width / 2 - cx * zoom, y: padding - anchor.y * zoom, zoom }
      : { x: padding - anchor.x * zoom, y: screen.height / 2 - cy * zoom, zoom };
  }
  const x = fitsX || direction === "TB" ? centre(screen.width, bounds.x, bounds.width) : padding - bounds.x * zoom;
  const y = fitsY || direction === "LR" ? centre(screen.height, bounds.y, bounds.height) : padding - bounds.y * zoom;
  return { x, y, zoom };
}

/**
 * The viewport showing all of `bounds` centred, with `padding` (a fraction of the bounds, as xyflow's
 * fitView) around it and at most `maxZoom`; never clamped below, so a graph of any size fits. The
 * canvas fits with this rather than xyflow's fitView, which only knows the nodes it was handed.
 */
export function fitViewport(bounds: LayoutRect, screen: { width: number; height: number }, options: { padding: number; maxZoom: number }): Viewport {
  const w = Math.max(1, bounds.width) * (1 + options.padding);
  const h = Math.max(1, bounds.height) * (1 + options.padding);
  const zoom = Math.min(options.maxZoom, screen.width / w, screen.height / h);
  return { x: screen.width / 2 - (bounds.x + bounds.width / 2) * zoom, y: screen.height / 2 - (bounds.y + bounds.height / 2) * zoom, zoom };
}

/** The topmost node (op or collapsed stage) under a flow point, if any: clicks on the zoomed-out drawing. */
export function sceneNodeAt(scene: Scene, p: Point): SceneNode | undefined {
  for (let i = scene.nodes.length - 1; i >= 0; i--) {
    const n = scene.nodes[i]!;
    if (p.x >= n.x && p.x <= n.x + n.width && p.y >= n.y && p.y <= n.y + n.height) return n;
  }
  return undefined;
}
