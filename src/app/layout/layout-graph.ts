// Entry point of the layout core: LayoutInput in, LayoutResult out. Pure (no DOM, no React);
// the worker and its client only move data in and out of this function.

import type { EngineOutput, EngineSettings, PhaseTimes } from "./engine-types";
import { addPhaseTime } from "./engine-types";
import { indexGraph } from "./index-graph";
import type { IndexedGraph } from "./index-graph";
import type { Anchors } from "./layout-fast";
import { layoutGroups } from "./layout-groups";
import { chooseEngine, runEngine } from "./run-engine";
import type { EngineName } from "./run-engine";
import type { LayoutEngineUsed, LayoutInput, LayoutOptions, LayoutPoint, LayoutRect, LayoutResult } from "./types";
import { resolveLayoutOptions } from "./types";

function nameEngines(engines: ReadonlySet<EngineName>): LayoutEngineUsed {
  return engines.has("elk") ? "elk" : "fast";
}

interface EngineRun {
  output: EngineOutput;
  frames: Map<string, LayoutRect>;
  engines: Set<EngineName>;
}

async function runLayout(g: IndexedGraph, opts: LayoutOptions, settings: EngineSettings, anchors: Anchors | null, phases: PhaseTimes): Promise<EngineRun> {
  if (opts.groups && g.group.some((group) => group !== undefined)) {
    const composed = await layoutGroups(g, opts, settings, anchors, phases);
    return { output: composed, frames: composed.frames, engines: composed.engines };
  }
  const engine = chooseEngine(opts.engine, g.ids.length, anchors !== null, opts.elkMaxNodes);
  const output = await runEngine(engine, g, settings, anchors, phases);
  return { output, frames: new Map(), engines: new Set([engine]) };
}

/**
 * Lays out a DAG of ops in layers along `direction` (cycles are broken by reversing edges).
 * Returns top-left node positions, edge routes and group frames. Same input and options, same output.
 */
export async function layoutGraph(input: LayoutInput, options?: Partial<LayoutOptions>): Promise<LayoutResult> {
  const started = performance.now();
  const opts = resolveLayoutOptions(options);
  const phases: PhaseTimes = {};
  const g = indexGraph(input);
  addPhaseTime(phases, "index", started);
  const n = g.ids.length;

  let anchors: Anchors | null = null;
  if (opts.previous !== undefined && opts.previous.size > 0) {
    const found: (LayoutPoint | undefined)[] = g.ids.map((id) => {
      const p = opts.previous?.get(id);
      return p !== undefined && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : undefined;
    });
    if (found.some((a) => a !== undefined)) anchors = found;
  }
  const settings: EngineSettings = {
    direction: opts.direction,
    nodeGap: opts.nodeGap,
    layerGap: opts.layerGap,
    orderSweeps: opts.orderSweeps,
    placeSweeps: opts.placeSweeps,
    simplexPivots: opts.simplexPivots,
  };

  let run: EngineRun;
  try {
    run = await runLayout(g, opts, settings, anchors, phases);
  } catch (cause) {
    // `auto` never fails because of elkjs (e.g. its chunk could not be loaded): use the fast engine.
    if (opts.engine !== "auto" || chooseEngine("auto", n, anchors !== null, opts.elkMaxNodes) !== "elk") throw cause;
    phases["elk-failed"] = performance.now() - started;
    run = await runLayout(g, { ...opts, engine: "fast" }, settings, anchors, phases);
  }
  const { output, frames, engines } = run;

  // Without earlier positions, move the drawing to the origin; with them, keep absolute coordinates.
  let t = performance.now();
  let dx = 0;
  let dy = 0;
  if (anchors === null && n > 0) {
    let minX = Infinity;
    let minY = Infinity;
    for (let v = 0; v < n; v++) {
      minX = Math.min(minX, output.x[v]!);
      minY = Math.min(minY, output.y[v]!);
    }
    for (const frame of frames.values()) {
      minX = Math.min(minX, frame.x);
      minY = Math.min(minY, frame.y);
    }
    dx = -minX;
    dy = -minY;
  }
  const nodes = new Map<string, LayoutPoint>();
  let maxX = -Infinity;
  let maxY = -Infinity;
  let minX = Infinity;
  let minY = Infinity;
  for (let v = 0; v < n; v++) {
    const x = output.x[v]! + dx;
    const y = output.y[v]! + dy;
    nodes.set(g.ids[v]!, { x, y });
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + g.width[v]!);
    maxY = Math.max(maxY, y + g.height[v]!);
  }
  const groups = new Map<string, LayoutRect>();
  for (const [id, frame] of frames) {
    const moved = { x: frame.x + dx, y: frame.y + dy, width: frame.width, height: frame.height };
    groups.set(id, moved);
    minX = Math.min(minX, moved.x);
    minY = Math.min(minY, moved.y);
    maxX = Math.max(maxX, moved.x + moved.width);
    maxY = Math.max(maxY, moved.y + moved.height);
  }
  const edges = new Map<string, LayoutPoint[]>();
  const reversedEdges: string[] = [];
  for (let k = 0; k < g.edgeIds.length; k++) {
    const id = g.edgeIds[k]!;
    if (g.reversed[k] === 1) reversedEdges.push(id);
    const route = output.routes[k];
    if (route === null || route === undefined) continue;
    edges.set(
      id,
      route.map((p) => ({ x: p.x + dx, y: p.y + dy })),
    );
  }
  const bounds: LayoutRect = n === 0 ? { x: 0, y: 0, width: 0, height: 0 } : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  t = addPhaseTime(phases, "result", t);
  return {
    nodes,
    edges,
    groups,
    bounds,
    engine: nameEngines(engines),
    reversedEdges,
    timings: { totalMs: t - started, phases },
  };
}
