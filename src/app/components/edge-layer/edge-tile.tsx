// One tile of edge drawing: a canvas placed in flow coordinates, drawn once for its edges and redrawn
// only when how they are lit changes (selection, parallelism view). Panning moves it untouched.
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import { grow, routesInRect, tileRect, TILE_PX } from "../../core/edge-tiles";
import { explorerStore } from "../../store/explorer-store";
import type { CullableEdges } from "../graph-canvas/flow-elements";
import { drawEdgeTile, LABEL_REACH, readPalette } from "./draw-edge-tile";
import { edgeToneOf } from "./edge-tone";

export interface EdgeTileProps {
  all: CullableEdges;
  size: number;
  scale: number;
  i: number;
  j: number;
  /** Changes whenever edge tones may have changed: the tile redraws. */
  toneKey: unknown;
}

function EdgeTileInner({ all, size, scale, i, j, toneKey }: EdgeTileProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rect = useMemo(() => tileRect(size, i, j), [size, i, j]);
  const edges = useMemo(() => routesInRect(all.routes, all.bounds, grow(rect, LABEL_REACH.x, LABEL_REACH.y)).map((k) => all.edges[k]!), [all, rect]);
  const dpr = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  const px = Math.round(TILE_PX * dpr);
  useLayoutEffect(() => {
    const ctx = ref.current?.getContext("2d");
    if (!ctx) return;
    const s = explorerStore.getState();
    drawEdgeTile(ctx, px, rect, scale, edges, (e) => edgeToneOf(s, e.source, e.target), readPalette());
  }, [edges, rect, px, scale, toneKey]);
  // Drawn (cleared) even when empty: the canvas stays for the next tile its slot holds.
  return <canvas ref={ref} className="edge-tile" width={px} height={px} style={{ left: rect.x0, top: rect.y0, width: size, height: size }} />;
}

export const EdgeTile = memo(EdgeTileInner);
