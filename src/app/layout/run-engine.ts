// Engine selection and dispatch, shared by whole-graph and per-group layout.

import type { EngineOutput, EngineSettings, PhaseTimes } from "./engine-types";
import type { IndexedGraph } from "./index-graph";
import { layoutElk } from "./layout-elk";
import { layoutFast } from "./layout-fast";
import type { Anchors } from "./layout-fast";
import type { LayoutEngineChoice } from "./types";

export type EngineName = "elk" | "fast";

/**
 * `auto`: the fast engine when earlier positions should be kept (only it honours them) or the graph
 * is larger than `elkMaxNodes`; elkjs otherwise.
 */
export function chooseEngine(choice: LayoutEngineChoice, nodeCount: number, hasAnchors: boolean, elkMaxNodes: number): EngineName {
  if (choice !== "auto") return choice;
  if (hasAnchors) return "fast";
  return nodeCount <= elkMaxNodes ? "elk" : "fast";
}

export async function runEngine(engine: EngineName, g: IndexedGraph, settings: EngineSettings, anchors: Anchors | null, phases: PhaseTimes): Promise<EngineOutput> {
  if (g.ids.length === 0) return { x: new Float64Array(0), y: new Float64Array(0), routes: [] };
  return engine === "elk" ? layoutElk(g, settings, phases) : layoutFast(g, settings, anchors, phases);
}
