// A standalone SVG of the laid-out graph (nodes as rounded rects with label and short digest, edges
// as paths with their labels, stage frames), for the SVG and PNG exports. Pure: string out.
import type { LlbGraph } from "../../llb/index";
import { opClass } from "../../llb/index";
import { routedPath, midpoint } from "./edge-path";
import { shortDigest } from "./format";
import type { Scene } from "./scene";

export interface SvgTheme {
  background: string;
  text: string;
  muted: string;
  edge: string;
  frame: string;
  nodeFill: string;
  /** Accent colour per op class. */
  accents: Record<string, string>;
}

export const LIGHT_SVG_THEME: SvgTheme = {
  background: "#ffffff",
  text: "#1f2328",
  muted: "#656d76",
  edge: "#8c959f",
  frame: "#d0d7de",
  nodeFill: "#f6f8fa",
  accents: {
    image: "#0969da",
    local: "#1a7f37",
    git: "#bc4c00",
    http: "#8250df",
    source: "#57606a",
    exec: "#cf222e",
    file: "#9a6700",
    merge: "#1b7c83",
    diff: "#bf3989",
    build: "#6639ba",
    other: "#57606a",
  },
};

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function sceneToSvg(scene: Scene, graph: LlbGraph, theme: SvgTheme = LIGHT_SVG_THEME): string {
  const pad = 24;
  const { x, y, width, height } = scene.bounds;
  const w = Math.ceil(width + pad * 2);
  const h = Math.ceil(height + pad * 2);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${x - pad} ${y - pad} ${w} ${h}" font-family="ui-sans-serif, system-ui, sans-serif">`,
    `<rect x="${x - pad}" y="${y - pad}" width="${w}" height="${h}" fill="${theme.background}"/>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${theme.edge}"/></marker></defs>`,
  );
  for (const f of scene.frames) {
    out.push(
      `<g class="frame"><rect x="${f.x}" y="${f.y}" width="${f.width}" height="${f.height}" rx="10" fill="none" stroke="${theme.frame}" stroke-dasharray="4 3"/>`,
      `<text x="${f.x + 10}" y="${f.y - 6}" font-size="12" fill="${theme.muted}">${escapeXml(f.stage)}</text></g>`,
    );
  }
  for (const e of scene.edges) {
    out.push(`<path class="edge" d="${routedPath(e.points)}" fill="none" stroke="${theme.edge}" stroke-width="1.4" marker-end="url(#arrow)"/>`);
    const text = [e.label, e.selector && `sel ${e.selector}`].filter(Boolean).join(" · ");
    if (text) {
      const m = midpoint(e.points);
      out.push(
        `<text x="${m.x}" y="${m.y - 4}" font-size="10" text-anchor="middle" fill="${theme.muted}" stroke="${theme.background}" stroke-width="3" paint-order="stroke">${escapeXml(clip(text, 40))}</text>`,
      );
    }
  }
  for (const n of scene.nodes) {
    const op = n.digest === undefined ? undefined : graph.byDigest.get(n.digest);
    const accent = theme.accents[op ? opClass(op) : "other"] ?? theme.edge;
    const title = op ? op.label : `${n.stage ?? ""} (${n.collapsedCount ?? 0} ops)`;
    const sub = op ? `${op.kind === "source" ? (op.sourceKind ?? "source") : op.kind} · ${shortDigest(op.digest)}` : "collapsed stage";
    out.push(
      `<g class="node" data-id="${escapeXml(n.id)}"><rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="8" fill="${theme.nodeFill}" stroke="${accent}" stroke-width="1.5"/>`,
      `<rect x="${n.x}" y="${n.y}" width="5" height="${n.height}" rx="2" fill="${accent}"/>`,
      `<text x="${n.x + 14}" y="${n.y + 24}" font-size="12.5" font-weight="600" fill="${theme.text}">${escapeXml(clip(title, 34))}</text>`,
      `<text x="${n.x + 14}" y="${n.y + 44}" font-size="11" fill="${theme.muted}" font-family="ui-monospace, monospace">${escapeXml(sub)}</text></g>`,
    );
  }
  out.push("</svg>");
  return out.join("\n");
}
