// The elkjs engine (ELK Layered). elkjs is loaded lazily from its bundled build, which runs the
// layout synchronously in the current thread; call it from the layout worker to keep the UI free.
// Edges are given in the acyclic orientation of the IndexedGraph so both engines agree on direction.

import type { ELK, ElkNode } from "elkjs/lib/elk-api";
import type { EngineOutput, EngineSettings, PhaseTimes } from "./engine-types";
import { addPhaseTime } from "./engine-types";
import type { IndexedGraph } from "./index-graph";
import type { LayoutPoint } from "./types";

let elkInstance: Promise<ELK> | null = null;

async function loadElk(): Promise<ELK> {
  elkInstance ??= import("elkjs/lib/elk.bundled.js").then(
    (module) => {
      const exported: unknown = module.default;
      const Constructor = (typeof exported === "function" ? exported : (exported as { default: unknown }).default) as new () => ELK;
      return new Constructor();
    },
    (cause: unknown) => {
      elkInstance = null; // allow a later retry (e.g. a chunk that failed to download)
      throw cause;
    },
  );
  return elkInstance;
}

/** ELK Layered options for our graphs. */
export function makeElkOptions(settings: EngineSettings): Record<string, string> {
  return {
    "elk.algorithm": "layered",
    "elk.direction": settings.direction === "LR" ? "RIGHT" : "DOWN",
    "elk.padding": "[top=0,left=0,bottom=0,right=0]",
    "elk.spacing.nodeNode": String(settings.nodeGap),
    "elk.layered.spacing.nodeNodeBetweenLayers": String(settings.layerGap),
    "elk.spacing.edgeNode": String(Math.max(4, settings.nodeGap / 2)),
    "elk.spacing.edgeEdge": String(Math.max(4, settings.nodeGap / 3)),
    "elk.layered.spacing.edgeNodeBetweenLayers": String(Math.max(4, settings.nodeGap / 2)),
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
    "elk.randomSeed": "1",
  };
}

export async function layoutElk(g: IndexedGraph, settings: EngineSettings, phases: PhaseTimes): Promise<EngineOutput> {
  let t = performance.now();
  const elk = await loadElk();
  t = addPhaseTime(phases, "elk-load", t);
  const n = g.ids.length;
  const m = g.edgeIds.length;
  const graph: ElkNode = {
    id: "root",
    layoutOptions: makeElkOptions(settings),
    children: Array.from({ length: n }, (_, v) => ({ id: `n${v}`, width: g.width[v]!, height: g.height[v]! })),
    edges: Array.from({ length: m }, (_, k) => ({ id: `e${k}`, sources: [`n${g.from[k]!}`], targets: [`n${g.to[k]!}`] })),
  };
  const laid = await elk.layout(graph);
  t = addPhaseTime(phases, "elk", t);

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (const child of laid.children ?? []) {
    const v = Number(child.id.slice(1));
    x[v] = child.x ?? 0;
    y[v] = child.y ?? 0;
  }
  const routes: (LayoutPoint[] | null)[] = new Array<LayoutPoint[] | null>(m).fill(null);
  for (const edge of laid.edges ?? []) {
    const k = Number(edge.id.slice(1));
    const section = edge.sections?.[0];
    if (section === undefined) continue;
    const points: LayoutPoint[] = [{ x: section.startPoint.x, y: section.startPoint.y }];
    for (const bend of section.bendPoints ?? []) points.push({ x: bend.x, y: bend.y });
    points.push({ x: section.endPoint.x, y: section.endPoint.y });
    if (g.reversed[k] === 1) points.reverse();
    routes[k] = points;
  }
  addPhaseTime(phases, "route", t);
  return { x, y, routes };
}
