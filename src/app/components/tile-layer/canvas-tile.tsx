// One tile of the canvas drawing: a canvas placed in flow coordinates, drawn once for what crosses it
// and redrawn only when how that is lit changes (selection, parallelism view, kind filter). Panning
// moves it untouched. Zoomed out (`overview`), it draws the stage frames and nodes as well.
import { opClass, type Digest } from "../../../llb/index";
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import { intersects, rectOf } from "../../core/edge-cull";
import { grow, routesInRect, tileRect, TILE_PX } from "../../core/edge-tiles";
import type { Scene, SceneNode } from "../../core/scene";
import { explorerStore } from "../../store/explorer-store";
import { liveBuildStore } from "../../build/store";
import type { CullableEdges } from "../graph-canvas/flow-elements";
import { nodeToneOf } from "../op-node/node-tone";
import { beginTile, drawEdgeTile, LABEL_REACH, readPalette } from "./draw-edge-tile";
import { drawFrames, drawNodes, readOverviewPalette, type NodeLook } from "./draw-overview-tile";
import { edgeToneOf } from "./edge-tone";

export interface CanvasTileProps {
  all: CullableEdges;
  /** Set when zoomed out: the tile draws the scene's frames and nodes too. */
  overview: Scene | null;
  size: number;
  scale: number;
  i: number;
  j: number;
  /** Changes whenever tones may have changed: the tile redraws. */
  toneKey: unknown;
}

function lookOf(n: SceneNode): NodeLook {
  const s = explorerStore.getState();
  if (n.digest === undefined) return { tone: "plain", cls: null, state: null, match: false };
  const op = s.doc?.graph.byDigest.get(n.digest as Digest);
  const cls = op ? opClass(op) : "other";
  const state = liveBuildStore.getState().view?.vertexes.get(n.digest)?.state ?? null;
  return { tone: nodeToneOf(s, n.digest as Digest, cls), cls, state, match: s.hitSet.has(n.digest) };
}

function CanvasTileInner({ all, overview, size, scale, i, j, toneKey }: CanvasTileProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rect = useMemo(() => tileRect(size, i, j), [size, i, j]);
  const edges = useMemo(() => routesInRect(all.routes, all.bounds, grow(rect, LABEL_REACH.x, LABEL_REACH.y)).map((k) => all.edges[k]!), [all, rect]);
  // Nothing to draw: the canvas is hidden and left as it is (a tile beside the graph; at the fit
  // view most of them). Clearing and handing them to the compositor each zoom step cost more than
  // drawing the graph.
  const empty = edges.length === 0 && (!overview || !intersects(rectOf(overview.bounds), rect));
  const dpr = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  const px = Math.round(TILE_PX * dpr);
  useLayoutEffect(() => {
    const ctx = empty ? null : ref.current?.getContext("2d");
    if (!ctx) return;
    beginTile(ctx, px, rect);
    const palette = overview ? readOverviewPalette() : null;
    if (overview && palette) drawFrames(ctx, rect, scale, overview.frames, palette);
    const s = explorerStore.getState();
    drawEdgeTile(ctx, rect, scale, edges, (e) => edgeToneOf(s, e.source, e.target), readPalette());
    if (overview && palette) drawNodes(ctx, rect, scale, overview.nodes, lookOf, palette);
  }, [edges, rect, px, scale, overview, toneKey, empty]);
  // Rendered even when empty: the canvas stays for the next tile its slot holds.
  return <canvas ref={ref} className="canvas-tile" width={px} height={px} hidden={empty} style={{ left: rect.x0, top: rect.y0, width: size, height: size }} />;
}

export const CanvasTile = memo(CanvasTileInner);
