// Internal contract between layoutGraph and its engines (not exported from the layer).

import type { LayoutDirection, LayoutPoint } from "./types";

export interface EngineSettings {
  direction: LayoutDirection;
  nodeGap: number;
  layerGap: number;
  orderSweeps: number;
  placeSweeps: number;
  simplexPivots: number;
}

/** What an engine returns, indexed like the IndexedGraph it was given. */
export interface EngineOutput {
  /** Top-left corners. */
  x: Float64Array;
  y: Float64Array;
  /** Route of every kept edge from its input source to its input target, or null if none. */
  routes: (LayoutPoint[] | null)[];
}

/** Milliseconds per phase, summed when a phase runs more than once (e.g. once per group). */
export type PhaseTimes = Record<string, number>;

export function addPhaseTime(phases: PhaseTimes, name: string, since: number): number {
  const now = performance.now();
  phases[name] = (phases[name] ?? 0) + (now - since);
  return now;
}
