// The zoomed-out drawing marks live build states and search matches on the nodes, as the op nodes
// do up close. A recording 2D context stands in for the canvas: what matters is which boxes are
// stroked in which colour.
import { describe, expect, it } from "vitest";
import type { SceneNode } from "../../core/scene";
import { drawNodes, type NodeLook, type OverviewPalette } from "./draw-overview-tile";

function recordingContext() {
  const strokes: { style: string; rects: number[][]; dashed: boolean }[] = [];
  let path: number[][] = [];
  let dash: number[] = [];
  const ctx = {
    globalAlpha: 1,
    fillStyle: "",
    strokeStyle: "",
    lineWidth: 1,
    beginPath: () => {
      path = [];
    },
    rect: (x: number, y: number, w: number, h: number) => path.push([x, y, w, h]),
    fill: () => {},
    stroke: () => strokes.push({ style: ctx.strokeStyle, rects: path, dashed: dash.length > 0 }),
    strokeRect: (x: number, y: number, w: number, h: number) => strokes.push({ style: ctx.strokeStyle, rects: [[x, y, w, h]], dashed: false }),
    setLineDash: (d: number[]) => {
      dash = d;
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, strokes };
}

const palette: OverviewPalette = {
  frame: "frame",
  border: "border",
  nodeBg: "bg",
  accent: "accent",
  accentSoft: "accent-soft",
  descendant: "descendant",
  match: "match",
  kind: (cls) => `kind-${cls}`,
  state: (st) => `state-${st}`,
};

const node = (i: number): SceneNode => ({ id: `n${i}`, digest: `sha256:${i}`, x: i * 300, y: 0, width: 220, height: 60 }) as unknown as SceneNode;

describe("drawNodes (overview)", () => {
  it("rings each op by its build state, batched per state, and dashes search matches", () => {
    const nodes = [0, 1, 2, 3, 4].map(node);
    const looks: NodeLook[] = [
      { tone: "plain", cls: "exec", state: "running", match: false },
      { tone: "plain", cls: "exec", state: "done", match: false },
      { tone: "plain", cls: "exec", state: "failed", match: true },
      { tone: "plain", cls: "exec", state: "waiting", match: false },
      { tone: "plain", cls: "file", state: "done", match: false },
    ];
    const { ctx, strokes } = recordingContext();
    drawNodes(ctx, { x0: -100, y0: -100, x1: 2000, y1: 200 }, 0.1, nodes, (n) => looks[nodes.indexOf(n)]!, palette);
    const byStyle = new Map(strokes.map((s) => [s.style, s]));
    expect(byStyle.get("state-done")?.rects).toHaveLength(2);
    expect(byStyle.get("state-running")?.rects).toHaveLength(1);
    expect(byStyle.get("state-failed")?.rects).toHaveLength(1);
    expect(byStyle.has("state-waiting")).toBe(false);
    expect(byStyle.get("match")).toMatchObject({ dashed: true });
    expect(byStyle.get("match")?.rects).toHaveLength(1);
    // Failed is drawn after the others, so it is never covered.
    expect(strokes.findIndex((s) => s.style === "state-failed")).toBeGreaterThan(strokes.findIndex((s) => s.style === "state-done"));
  });

  it("draws nothing over ops outside the build or the search", () => {
    const nodes = [node(0)];
    const { ctx, strokes } = recordingContext();
    drawNodes(ctx, { x0: -100, y0: -100, x1: 500, y1: 200 }, 0.1, nodes, () => ({ tone: "plain", cls: "exec", state: null, match: false }), palette);
    expect(strokes).toEqual([]);
  });
});
