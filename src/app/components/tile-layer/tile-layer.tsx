// The edges (and, zoomed out, the whole graph), drawn by us inside xyflow's viewport rather than by
// xyflow (one <svg> per edge, a store selector per edge run on every pan event). They are drawn into
// canvas tiles fixed in the flow plane (core/edge-tiles): panning only adds the tiles coming into
// view, it never repaints routes already drawn, where one layer of SVG paths cut to the view
// repainted hundreds of long routes each time the view moved a little. Below OVERVIEW_ZOOM the tiles
// draw frames and nodes too and xyflow gets no nodes (thousands of DOM nodes made that view crawl).
// Edges into running ops are drawn again on top as SVG, for their animation.
import { useStore, ViewportPortal, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { boundsOf, intersects } from "../../core/edge-cull";
import { heldTileScale, parseTileGrid, TILE_PX, tileGridKey, tileGridOf } from "../../core/edge-tiles";
import type { Scene } from "../../core/scene";
import { useLiveBuild, useRunningEdges } from "../../build/index";
import type { BuildState } from "../../build/types";
import { useExplorer } from "../../store/use-explorer";
import { cullableEdges } from "../graph-canvas/flow-elements";
import { OpEdge } from "../op-edge/op-edge";
import { CanvasTile } from "./canvas-tile";

/** How long after the last zoom step the tiles are redrawn sharp at the new zoom. */
const ZOOM_SETTLE_MS = 220;
const paneWidthOf = (s: ReactFlowState) => s.width;
const paneHeightOf = (s: ReactFlowState) => s.height;
const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * Changes whenever an op of the build on screen changes state: each change moves one op from one
 * state to another, so the counts per state (and the build's id) change with it. Cheap enough to
 * run on every store update, unlike redrawing the tiles on every log line.
 */
function buildStateSignature(b: BuildState | null): string {
  if (!b) return "";
  const counts: Record<string, number> = {};
  for (const v of b.vertexes.values()) counts[v.state] = (counts[v.state] ?? 0) + 1;
  return `${b.id} ${b.failingDigest ?? ""} ${Object.entries(counts).map(([k, n]) => `${k}${n}`).join(" ")}`;
}

// The tiles take their colours from the stylesheet, which follows the system's light or dark scheme:
// they redraw when it changes.
const darkQuery = typeof window !== "undefined" && typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;
const subscribeScheme = (onChange: () => void) => {
  darkQuery?.addEventListener("change", onChange);
  return () => darkQuery?.removeEventListener("change", onChange);
};
const isDark = () => darkQuery?.matches ?? false;

export function TileLayer({ scene, overview }: { scene: Scene; overview: boolean }) {
  const all = useMemo(() => cullableEdges(scene), [scene]);
  // A zoom-in gesture keeps the tiles drawn at the scale it started from (scaled up on screen);
  // ZOOM_SETTLE_MS after its last step they are drawn again at the zoom reached.
  const held = useRef<{ scale: number; until: number } | null>(null);
  const [settled, setSettled] = useState(0);
  const gridKeyOf = useCallback(
    (s: ReactFlowState) => {
      const h = held.current;
      const scale = heldTileScale(s.transform[2], h && performance.now() < h.until ? h.scale : null);
      return tileGridKey(tileGridOf(s.transform, s.width, s.height, scale));
    },
    // `settled` re-runs the selector once the gesture is over (nothing in the store changed).
    // biome-ignore lint/correctness/useExhaustiveDependencies: see above
    [settled],
  );
  const grid = parseTileGrid(useStore(gridKeyOf));
  useLayoutEffect(() => {
    held.current = { scale: grid.scale, until: performance.now() + ZOOM_SETTLE_MS };
  });
  useEffect(() => {
    const t = setTimeout(() => setSettled((n) => n + 1), ZOOM_SETTLE_MS + 20);
    return () => clearTimeout(t);
  }, [grid.scale, grid.i0, grid.j0, grid.i1, grid.j1]);
  // Tiles are keyed by slot (tile index modulo more than the grid's extent, which is at most the pane
  // over a tile drawn up to a quarter octave smaller, plus one): a slot keeps its tile while panning,
  // and a new zoom level reuses the slots' canvases (allocating ~40 canvases of 512² px on every half
  // octave was most of the cost of a wheel zoom).
  const slotsX = Math.ceil(((useStore(paneWidthOf) || 1920) * 2 ** 0.25) / TILE_PX) + 2;
  const slotsY = Math.ceil(((useStore(paneHeightOf) || 1080) * 2 ** 0.25) / TILE_PX) + 2;
  // What edge tones depend on (edgeToneOf): the tiles redraw when any of it changes.
  const selected = useExplorer((s) => s.selected);
  const lineage = useExplorer((s) => s.lineage);
  const parallelism = useExplorer((s) => s.parallelism);
  const doc = useExplorer((s) => s.doc);
  const hidden = useExplorer((s) => (overview ? s.hiddenClasses : null));
  // Zoomed out the tiles draw the nodes, with search matches and live build states.
  const hits = useExplorer((s) => (overview ? s.hitSet : null));
  const states = useLiveBuild((s) => (overview ? buildStateSignature(s.view) : ""));
  const dark = useSyncExternalStore(subscribeScheme, isDark, isDark);
  const toneKey = useMemo(() => ({ selected, lineage, parallelism, doc, hidden, dark, hits, states }), [selected, lineage, parallelism, doc, hidden, dark, hits, states]);
  const running = useRunningEdges();
  const animated = useMemo(() => {
    if (running.length === 0) return [];
    const keys = new Set(running.map((r) => `${r.source}>${r.target}`));
    return all.edges.filter((e) => keys.has(`${e.source}>${e.target}`));
  }, [all, running]);
  const area = { x0: grid.i0 * grid.size, y0: grid.j0 * grid.size, x1: grid.i1 * grid.size, y1: grid.j1 * grid.size };

  const tiles = [];
  for (let i = grid.i0; i < grid.i1; i++) {
    for (let j = grid.j0; j < grid.j1; j++) {
      tiles.push(<CanvasTile key={`${mod(i, slotsX)} ${mod(j, slotsY)}`} all={all} overview={overview ? scene : null} size={grid.size} scale={grid.scale} i={i} j={j} toneKey={toneKey} />);
    }
  }
  return (
    <ViewportPortal>
      <div className="tile-layer" data-testid="tile-layer" data-overview={overview ? "true" : "false"} aria-hidden="true">
        {tiles}
        {animated.length > 0 && (
          <svg className="tile-layer-live">
            {animated
              .filter((e) => intersects(boundsOf(e.points), area))
              .map((e) => (
                <OpEdge key={e.id} edge={e} />
              ))}
          </svg>
        )}
      </div>
    </ViewportPortal>
  );
}
