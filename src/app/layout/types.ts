// Public types of the layout core. Plain data only (Maps and arrays of numbers and strings), so a
// LayoutInput, LayoutOptions and LayoutResult can cross a worker boundary by structured clone.

/** Main axis of the layered layout: inputs on the left (LR) or at the top (TB). */
export type LayoutDirection = "LR" | "TB";

/** Which engine to use. `auto` picks per size (see LayoutOptions.elkMaxNodes). */
export type LayoutEngineChoice = "auto" | "elk" | "fast";

/** The engine that actually ran. */
export type LayoutEngineUsed = "elk" | "fast";

export interface LayoutPoint {
  x: number;
  y: number;
}

export interface LayoutRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
  /** Optional group (e.g. a Dockerfile stage); used when LayoutOptions.groups is on. */
  group?: string;
}

/** An edge from an input op (`source`) to the op consuming it (`target`). */
export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
}

export interface LayoutInput {
  nodes: readonly LayoutNodeInput[];
  edges: readonly LayoutEdgeInput[];
}

export interface LayoutOptions {
  direction: LayoutDirection;
  engine: LayoutEngineChoice;
  /**
   * Positions (top-left corners) from an earlier layout, keyed by node id. Nodes found here keep
   * their position when the graph structure allows it; new nodes are fitted around them. Honoured
   * by the fast engine; with `engine: "auto"` a non-empty match switches to the fast engine; an
   * explicit `engine: "elk"` ignores it. Coordinates are then kept absolute (not moved to 0,0).
   */
  previous?: ReadonlyMap<string, LayoutPoint>;
  /** Lay out each `group` separately, then compose the groups; frames are returned in `groups`. */
  groups: boolean;
  /** `auto` uses elkjs for graphs with at most this many nodes (counting all groups), the fast engine above. */
  elkMaxNodes: number;
  /** Gap between neighbouring nodes of one layer (cross axis). */
  nodeGap: number;
  /** Gap between consecutive layers (main axis). */
  layerGap: number;
  /** Padding between a group frame and its nodes. */
  groupPadding: number;
  /** Upper bound on crossing-reduction sweeps (down+up) of the fast engine (also bounded by a work budget). */
  orderSweeps: number;
  /** Upper bound on coordinate-assignment sweeps of the fast engine (also bounded by a work budget). */
  placeSweeps: number;
  /** Cap on network simplex pivots in the fast engine's layering (0: greedy layering only). */
  simplexPivots: number;
}

export const DEFAULT_LAYOUT_OPTIONS: Readonly<LayoutOptions> = {
  direction: "LR",
  engine: "auto",
  groups: false,
  elkMaxNodes: 150,
  nodeGap: 24,
  layerGap: 64,
  groupPadding: 16,
  orderSweeps: 12,
  placeSweeps: 8,
  simplexPivots: 10000,
};

/** Merges caller options over the defaults; the one place where defaults are applied. */
export function resolveLayoutOptions(options?: Partial<LayoutOptions>): LayoutOptions {
  const merged: LayoutOptions = { ...DEFAULT_LAYOUT_OPTIONS };
  if (options) {
    for (const key of Object.keys(options) as (keyof LayoutOptions)[]) {
      const value = options[key];
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

export interface LayoutTimings {
  /** Wall time of the whole call in milliseconds. */
  totalMs: number;
  /** Milliseconds per phase (e.g. `layers`, `order`, `place`, `elk`, `compose`), summed over groups. */
  phases: Record<string, number>;
}

export interface LayoutResult {
  /** Top-left corner of every input node (nodes with duplicate ids are laid out once). */
  nodes: Map<string, LayoutPoint>;
  /** Edge route from source to target: start point, bend points, end point. Self-loops and edges
   * naming unknown nodes are left out. */
  edges: Map<string, LayoutPoint[]>;
  /** Group frames (only when `groups` is on and some node has a group). */
  groups: Map<string, LayoutRect>;
  /** Bounding box of nodes and frames. */
  bounds: LayoutRect;
  engine: LayoutEngineUsed;
  /** Ids of edges reversed to break cycles (their routes still run from source to target). */
  reversedEdges: string[];
  timings: LayoutTimings;
}
