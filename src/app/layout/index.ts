// Public surface of the layout core (pure TS: no DOM, no React; run it in src/workers/layout.worker.ts).
//
// Strategy (numbers from scripts/bench-layout.mjs, 2-core machine, 220x60 nodes):
// - engine "auto": elkjs (ELK Layered, orthogonal routes) up to `elkMaxNodes` = 150 nodes in total,
//   the fast engine above. elkjs costs ~15-20 ms per call even for tiny graphs and 0.2-0.6 s at
//   100-150 nodes, 2-4 s at 1,000 and 7-12 s at 1,059 ops; the fast engine stays under 0.3 s at
//   1,059 ops and about 2.5-4 s at 8,771, with as few or fewer crossings and shorter edges on our graphs.
// - fast engine: DFS cycle breaking, longest-path + greedy balancing + network simplex layering
//   (pivot cap), dummy nodes, barycenter sweeps with exact crossing counts (work-budgeted),
//   per-layer weighted least-squares placement (pool-adjacent-violators), straightening pass,
//   polyline routes through the dummies.
// - previous positions: the fast engine keeps earlier layers and cross positions as hard anchors and
//   fits new nodes and edge bends into gaps, so unchanged nodes do not move; "auto" picks the fast
//   engine whenever earlier positions match some node.
// - groups: every group is laid out alone (with entry/exit ports so edges from other groups are
//   routed between its nodes), then groups and ungrouped nodes are laid out as boxes and composed.
export { layoutGraph } from "./layout-graph";
export { measureLayout, countOverlaps } from "./measure-layout";
export type { LayoutQuality } from "./measure-layout";
export { DEFAULT_LAYOUT_OPTIONS, resolveLayoutOptions } from "./types";
export type {
  LayoutDirection,
  LayoutEdgeInput,
  LayoutEngineChoice,
  LayoutEngineUsed,
  LayoutInput,
  LayoutNodeInput,
  LayoutOptions,
  LayoutPoint,
  LayoutRect,
  LayoutResult,
  LayoutTimings,
} from "./types";
