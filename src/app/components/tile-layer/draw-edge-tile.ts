// Draws the edges crossing one tile onto its canvas, as the SVG edges look (op-edge, app.css):
// rounded routes, arrow heads, labels with a halo; faded, plain, then lit and critical ones on top.
import { tracePolyline, traceRoute, type Point } from "../../core/edge-path";
import { clipRoute, type Rect } from "../../core/edge-cull";
import { grow } from "../../core/edge-tiles";
import type { DrawnEdge } from "../graph-canvas/flow-elements";
import { edgeLabelText, type EdgeTone } from "./edge-tone";

/** Colours from the stylesheet (light or dark), read once per drawing pass. */
export interface EdgePalette {
  edge: string;
  lit: string;
  critical: string;
  muted: string;
  text: string;
  bg: string;
  /** The labels' font (app.css: 10 px, --mono). */
  font: string;
}

export function readPalette(): EdgePalette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { edge: v("--edge", "#8c959f"), lit: v("--edge-lit", "#0969da"), critical: v("--critical", "#d4a72c"), muted: v("--muted", "#656d76"), text: v("--text", "#1f2328"), bg: v("--bg", "#ffffff"), font: `10px ${v("--mono", "monospace")}` };
}

/** Clears a canvas of `px` × `px` device pixels and maps `tile` (flow units) onto it. */
export function beginTile(ctx: CanvasRenderingContext2D, px: number, tile: Rect): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, px, px);
  const k = px / (tile.x1 - tile.x0);
  ctx.setTransform(k, 0, 0, k, -tile.x0 * k, -tile.y0 * k);
}

/** How far (flow units) a label reaches from its edge's midpoint: at most 44 characters, centred. */
export const LABEL_REACH = { x: 140, y: 20 };
/** Below this scale labels (10 px) would be under 3 px high: not drawn. */
const LABEL_MIN_SCALE = 0.3;
/** Below this scale bends are drawn square and arrow heads (8 units) left out: both under 2 px. */
const DETAIL_MIN_SCALE = 0.25;
const ORDER: readonly EdgeTone[] = ["faded", "plain", "lit", "critical"];

function arrowHead(ctx: CanvasRenderingContext2D, points: readonly Point[], width: number): void {
  // The SVG marker (app.tsx): a 10-unit triangle scaled to 6 stroke widths, its tip a tenth of that past the end.
  const size = 6 * width;
  const n = points.length;
  if (n < 2) return;
  const e = points[n - 1]!;
  const p = points[n - 2]!;
  const len = Math.hypot(e.x - p.x, e.y - p.y);
  if (len === 0) return;
  const dx = (e.x - p.x) / len;
  const dy = (e.y - p.y) / len;
  const tipX = e.x + dx * size * 0.1;
  const tipY = e.y + dy * size * 0.1;
  const bx = tipX - dx * size;
  const by = tipY - dy * size;
  ctx.moveTo(tipX, tipY);
  ctx.lineTo(bx - dy * size * 0.5, by + dx * size * 0.5);
  ctx.lineTo(bx + dy * size * 0.5, by - dx * size * 0.5);
  ctx.closePath();
}

/**
 * Draws `edges` (those passing near the tile, see LABEL_REACH) onto `ctx`, set up by beginTile for
 * `tile`; the canvas clips what lies outside. `toneOf` says how each edge is lit.
 */
export function drawEdgeTile(ctx: CanvasRenderingContext2D, tile: Rect, scale: number, edges: readonly DrawnEdge[], toneOf: (e: DrawnEdge) => EdgeTone, palette: EdgePalette): void {
  ctx.lineJoin = "round";
  const tones = edges.map(toneOf);
  // Only the stretch of each route near the tile is traced (long routes cross many tiles), and all
  // edges of a tone go into one path: one stroke per tone, not one per edge.
  const near = grow(tile, 20, 20);
  const detailed = scale >= DETAIL_MIN_SCALE;
  // Zoomed out, a route is a polyline through the points at least a pixel apart.
  const step = 1 / scale;
  const stretches = edges.map((e) => clipRoute(e.points, near));
  for (const tone of ORDER) {
    ctx.globalAlpha = tone === "faded" ? 0.2 : 1;
    ctx.strokeStyle = tone === "lit" ? palette.lit : tone === "critical" ? palette.critical : palette.edge;
    ctx.lineWidth = tone === "lit" ? 2 : tone === "critical" ? 2.6 : 1.4;
    ctx.beginPath();
    let heads = false;
    for (let i = 0; i < edges.length; i++) {
      const stretch = stretches[i];
      if (tones[i] !== tone || !stretch) continue;
      const points = edges[i]!.points;
      if (detailed) traceRoute(points, ctx, 10, stretch.from, stretch.to);
      else tracePolyline(points, ctx, step, stretch.from, stretch.to);
      heads ||= stretch.to === points.length - 1;
    }
    ctx.stroke();
    if (!heads || !detailed) continue;
    ctx.fillStyle = palette.edge;
    ctx.beginPath();
    for (let i = 0; i < edges.length; i++) {
      const stretch = stretches[i];
      if (tones[i] === tone && stretch && stretch.to === edges[i]!.points.length - 1) arrowHead(ctx, edges[i]!.points, ctx.lineWidth);
    }
    ctx.fill();
  }
  if (scale < LABEL_MIN_SCALE) return;
  ctx.font = palette.font;
  ctx.textAlign = "center";
  ctx.lineWidth = 3;
  ctx.strokeStyle = palette.bg;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const text = edgeLabelText(e.label, e.selector);
    if (!text) continue;
    const { x, y } = e.mid;
    if (x < tile.x0 - LABEL_REACH.x || x > tile.x1 + LABEL_REACH.x || y < tile.y0 - LABEL_REACH.y || y > tile.y1 + LABEL_REACH.y) continue;
    ctx.globalAlpha = tones[i] === "faded" ? 0.2 : 1;
    ctx.fillStyle = tones[i] === "lit" ? palette.text : palette.muted;
    ctx.strokeText(text, x, y - 5);
    ctx.fillText(text, x, y - 5);
  }
  ctx.globalAlpha = 1;
}
