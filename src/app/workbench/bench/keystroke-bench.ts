// Keystroke → graph on the Workbench's pure path, in Node: for each one-character edit of a
// 40-instruction Dockerfile, compile (what the worker does), then what the page does with the reply
// (read the Definition, diff, index, markers: the store's `receive`), then the Explorer's analysis
// and layout of the new graph, with ELK from scratch (what the canvas does today) and with the fast
// engine seeded with the previous positions of the ops that kept their digest.
// Bundled and run by scripts/bench-workbench.mjs.
import { analyzeDocument, buildView, layoutInputOf } from "../../core/view-model";
import { layoutGraph, type LayoutPoint } from "../../layout/index";
import { compileDockerfile } from "../core/compile";
import { carryPositions } from "../core/graph-diff";
import { resolveWorkbenchOptions } from "../core/options";
import { createWorkbenchStore } from "../store/workbench-store";

export function fortyInstructions(): string {
  const lines = ["FROM alpine:3.20 AS base", "RUN apk add --no-cache build-base"];
  for (let i = 0; i < 18; i++) lines.push(`RUN echo step ${i} > /s${i}`);
  lines.push("", "FROM base AS other");
  for (let i = 0; i < 17; i++) lines.push(`RUN echo other ${i} > /o${i}`);
  lines.push("", "FROM base", "COPY --from=other /o16 /o16");
  return `${lines.join("\n")}\n`;
}

export interface KeystrokeSample {
  compileMs: number;
  applyMs: number;
  analyzeMs: number;
  elkMs: number;
  fastMs: number;
  ops: number;
}

const time = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const v = await f();
  return [v, performance.now() - t];
};

export async function runKeystrokeBench(keystrokes: number): Promise<KeystrokeSample[]> {
  const options = resolveWorkbenchOptions();
  const store = createWorkbenchStore();
  const base = fortyInstructions();
  let positions = new Map<string, LayoutPoint>();
  const samples: KeystrokeSample[] = [];
  for (let k = 0; k <= keystrokes; k++) {
    const text = base.replace("/o16\n", `/o16${"x".repeat(k)}\n`);
    store.getState().setText(text);
    const [outcome, compileMs] = await time(() => compileDockerfile(text, options));
    const [, applyMs] = await time(() => store.getState().receive(store.getState().revision, outcome));
    const graph = store.getState().output!.graph;
    const [view, analyzeMs] = await time(() => buildView(graph, analyzeDocument(graph), { scope: null, collapsed: new Set(), groups: true }));
    const input = layoutInputOf(view);
    const common = { direction: "LR" as const, groups: true, layerGap: 56, nodeGap: 20 };
    const [, elkMs] = await time(() => layoutGraph(input, { ...common, engine: "elk" }));
    const previous = carryPositions(positions, graph);
    const [fast, fastMs] = await time(() => layoutGraph(input, { ...common, engine: "fast", previous }));
    positions = fast.nodes;
    if (k > 0) samples.push({ compileMs, applyMs, analyzeMs, elkMs, fastMs, ops: graph.nodes.length });
  }
  return samples;
}
