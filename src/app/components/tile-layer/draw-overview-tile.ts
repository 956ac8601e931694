// The zoomed-out drawing of stage frames and nodes onto a tile (below OVERVIEW_ZOOM the canvas hands
// xyflow no nodes at all): frames as tinted boxes, ops as boxes in their kind's colour like the
// `.op-node.far` look, collapsed stages in the accent colour; the selection ringed, its lineage
// outlined, everything else faded as the op nodes are.
import type { Rect } from "../../core/edge-cull";
import type { SceneFrame, SceneNode } from "../../core/scene";
import type { NodeTone } from "../op-node/node-tone";
import type { OpRunState } from "../../build/types";

/** Below this zoom a large graph is drawn on the canvas only: a node is under 48 × 13 px, its text unreadable. */
export const OVERVIEW_ZOOM = 0.2;
/** Graphs up to this many nodes keep their DOM nodes at any zoom: cheap enough, and still clickable as themselves. */
export const OVERVIEW_MIN_NODES = 500;

export interface OverviewPalette {
  frame: string;
  border: string;
  nodeBg: string;
  accent: string;
  accentSoft: string;
  descendant: string;
  /** Search matches (as `.op-node.match`). */
  match: string;
  kind: (cls: string) => string;
  /** A live build state's colour (build.css --build-*). */
  state: (state: OpRunState) => string;
}

export function readOverviewPalette(): OverviewPalette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const kinds = new Map<string, string>();
  return {
    frame: v("--frame", "rgba(101, 109, 118, 0.06)"),
    border: v("--border", "#d0d7de"),
    nodeBg: v("--node-bg", "#ffffff"),
    accent: v("--accent", "#0969da"),
    accentSoft: v("--accent-soft", "rgba(9, 105, 218, 0.12)"),
    descendant: v("--kind-diff", "#bf3989"),
    match: v("--critical", "#bf8700"),
    kind: (cls) => {
      let c = kinds.get(cls);
      if (c === undefined) {
        c = v(`--kind-${cls}`, v("--kind-other", "#57606a"));
        kinds.set(cls, c);
      }
      return c;
    },
    state: (st) => v(`--build-${st}`, "#8d96a0"),
  };
}

const touches = (r: Rect, x: number, y: number, w: number, h: number) => x + w >= r.x0 && x <= r.x1 && y + h >= r.y0 && y <= r.y1;

export function drawFrames(ctx: CanvasRenderingContext2D, tile: Rect, scale: number, frames: readonly SceneFrame[], palette: OverviewPalette): void {
  ctx.globalAlpha = 1;
  ctx.fillStyle = palette.frame;
  ctx.strokeStyle = palette.border;
  ctx.lineWidth = 1 / scale;
  ctx.beginPath();
  for (const f of frames) if (touches(tile, f.x, f.y, f.width, f.height)) ctx.rect(f.x, f.y, f.width, f.height);
  ctx.fill();
  ctx.stroke();
}

/**
 * How a node is drawn: its tone and kind class (`null` for a collapsed stage), its state in the
 * build on screen (null: not in it) and whether the search matches it.
 */
export type NodeLook = { tone: NodeTone; cls: string | null; state: OpRunState | null; match: boolean };

/** States drawn as a ring (waiting ops look as they do without a build). */
const RING_STATES: readonly OpRunState[] = ["cached", "done", "canceled", "running", "failed"];

/**
 * Draws the nodes touching the tile. Nodes are batched by how they look (kind and tone alpha): one
 * path of boxes per batch and three fills, not three fills per node (a tile of a 9,000-op graph
 * zoomed out holds thousands).
 */
export function drawNodes(ctx: CanvasRenderingContext2D, tile: Rect, scale: number, nodes: readonly SceneNode[], lookOf: (n: SceneNode) => NodeLook, palette: OverviewPalette): void {
  const px = 1 / scale;
  const bar = Math.max(4, px);
  const batches = new Map<string, { cls: string | null; alpha: number; nodes: SceneNode[] }>();
  const rings: { n: SceneNode; tone: NodeTone }[] = [];
  const byState = new Map<OpRunState, SceneNode[]>();
  const matches: SceneNode[] = [];
  for (const n of nodes) {
    // Rings reach 3 px outside the box.
    if (!touches(tile, n.x - 3 * px, n.y - 3 * px, n.width + 6 * px, n.height + 6 * px)) continue;
    const { tone, cls, state, match } = lookOf(n);
    if (state && state !== "waiting") {
      const list = byState.get(state);
      if (list) list.push(n);
      else byState.set(state, [n]);
    }
    if (match) matches.push(n);
    const alpha = tone === "faded" ? 0.32 : tone === "filtered" ? 0.18 : 1;
    const key = `${cls} ${alpha}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = { cls, alpha, nodes: [] };
      batches.set(key, batch);
    }
    batch.nodes.push(n);
    if (tone === "selected" || tone === "ancestor" || tone === "descendant") rings.push({ n, tone });
  }
  const boxes = (list: readonly SceneNode[], width?: number) => {
    ctx.beginPath();
    for (const n of list) ctx.rect(n.x, n.y, width ?? n.width, n.height);
  };
  for (const { cls, alpha, nodes: list } of batches.values()) {
    ctx.globalAlpha = alpha;
    boxes(list);
    ctx.fillStyle = palette.nodeBg;
    ctx.fill();
    if (cls === null) {
      // Collapsed stages: accent tint and outline.
      ctx.fillStyle = palette.accentSoft;
      ctx.fill();
      ctx.strokeStyle = palette.accent;
      ctx.lineWidth = px;
      ctx.stroke();
      continue;
    }
    // Ops: their kind's colour over the node background (as `.op-node.far`), the kind bar on the left.
    ctx.fillStyle = palette.kind(cls);
    ctx.globalAlpha = alpha * 0.3;
    ctx.fill();
    ctx.globalAlpha = alpha;
    boxes(list, bar);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  // Live build states: one ring path per state, failed last and widest (as on the op nodes).
  for (const st of RING_STATES) {
    const list = byState.get(st);
    if (!list) continue;
    const w = (st === "failed" ? 4 : st === "running" ? 3 : 2) * px;
    ctx.beginPath();
    for (const n of list) ctx.rect(n.x - w / 2, n.y - w / 2, n.width + w, n.height + w);
    ctx.strokeStyle = palette.state(st);
    ctx.lineWidth = w;
    ctx.stroke();
  }
  if (matches.length > 0) {
    const w = 2 * px;
    const off = 4 * px;
    ctx.beginPath();
    for (const n of matches) ctx.rect(n.x - off, n.y - off, n.width + 2 * off, n.height + 2 * off);
    ctx.setLineDash([4 * px, 3 * px]);
    ctx.strokeStyle = palette.match;
    ctx.lineWidth = w;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const { n, tone } of rings) {
    const w = (tone === "selected" ? 3 : 1.5) * px;
    ctx.strokeStyle = tone === "descendant" ? palette.descendant : palette.accent;
    ctx.lineWidth = w;
    ctx.strokeRect(n.x - w / 2, n.y - w / 2, n.width + w, n.height + w);
  }
}
