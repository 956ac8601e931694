// Grouped layout: every group (e.g. a Dockerfile stage) is laid out on its own, then the groups and
// the ungrouped nodes are laid out as boxes of a quotient graph and composed. Small groups can use
// elkjs even when the whole graph is too big for it.

import type { EngineOutput, EngineSettings, PhaseTimes } from "./engine-types";
import { addPhaseTime } from "./engine-types";
import { indexGraph } from "./index-graph";
import type { IndexedGraph } from "./index-graph";
import type { Anchors } from "./layout-fast";
import { chooseEngine, runEngine } from "./run-engine";
import type { EngineName } from "./run-engine";
import type { LayoutEdgeInput, LayoutNodeInput, LayoutOptions, LayoutPoint, LayoutRect } from "./types";

export interface ComposedOutput extends EngineOutput {
  frames: Map<string, LayoutRect>;
  engines: Set<EngineName>;
}

interface Unit {
  group: string | undefined;
  members: number[];
  /** Offset added to the unit's own coordinates to get its coordinates inside its frame. */
  shiftX: number;
  shiftY: number;
  width: number;
  height: number;
  anchor: LayoutPoint | undefined;
  output: EngineOutput | null;
  sub: IndexedGraph | null;
}

export async function layoutGroups(g: IndexedGraph, options: LayoutOptions, settings: EngineSettings, anchors: Anchors | null, phases: PhaseTimes): Promise<ComposedOutput> {
  const n = g.ids.length;
  const m = g.edgeIds.length;
  const pad = options.groupPadding;
  const engines = new Set<EngineName>();
  // One engine for the whole call, chosen by the total size: elkjs has a fixed cost of ~15-20 ms per
  // call, so laying out dozens of small groups with it would cost more than the fast engine on all.
  const engine = chooseEngine(options.engine, n, anchors !== null, options.elkMaxNodes);

  // 1. Units: one per group (first appearance order), one per ungrouped node.
  const unitOf = new Int32Array(n);
  const units: Unit[] = [];
  const unitByGroup = new Map<string, number>();
  for (let v = 0; v < n; v++) {
    const group = g.group[v];
    let u = group === undefined ? undefined : unitByGroup.get(group);
    if (u === undefined) {
      u = units.length;
      units.push({ group, members: [], shiftX: 0, shiftY: 0, width: 0, height: 0, anchor: undefined, output: null, sub: null });
      if (group !== undefined) unitByGroup.set(group, u);
    }
    unitOf[v] = u;
    units[u]!.members.push(v);
  }

  // 2. Edges inside a unit go to its own layout; the others connect units in the quotient graph.
  const inner: LayoutEdgeInput[][] = units.map(() => []);
  const quotientEdges: LayoutEdgeInput[] = [];
  const quotientEdgeOf = new Int32Array(m).fill(-1);
  const quotientIndex = new Map<string, number>();
  // Framed units get two port nodes: ENTRY before their first layer, EXIT after their last. Edges
  // from other units are routed inside the frame from ENTRY to their target, edges to other units
  // from their source to EXIT, so they run between the group's nodes instead of across them.
  const entryTargets: Set<number>[] = units.map(() => new Set());
  const exitSources: Set<number>[] = units.map(() => new Set());
  for (let k = 0; k < m; k++) {
    const source = g.reversed[k] === 1 ? g.to[k]! : g.from[k]!;
    const target = g.reversed[k] === 1 ? g.from[k]! : g.to[k]!;
    const us = unitOf[source]!;
    const ut = unitOf[target]!;
    if (us === ut) {
      inner[us]!.push({ id: g.edgeIds[k]!, source: g.ids[source]!, target: g.ids[target]! });
      continue;
    }
    if (units[us]!.group !== undefined) exitSources[us]!.add(source);
    if (units[ut]!.group !== undefined) entryTargets[ut]!.add(target);
    const key = `${us}>${ut}`;
    let q = quotientIndex.get(key);
    if (q === undefined) {
      q = quotientEdges.length;
      quotientIndex.set(key, q);
      quotientEdges.push({ id: `q${q}`, source: `u${us}`, target: `u${ut}` });
    }
    quotientEdgeOf[k] = q;
  }

  // 3. Lay out every framed unit (and every unit with more than one node) on its own.
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const framed = unit.group !== undefined;
    const margin = framed ? pad : 0;
    let anchorMinX = Infinity;
    let anchorMinY = Infinity;
    if (anchors !== null) {
      for (const v of unit.members) {
        const a = anchors[v];
        if (a === undefined) continue;
        anchorMinX = Math.min(anchorMinX, a.x);
        anchorMinY = Math.min(anchorMinY, a.y);
      }
    }
    const anchored = anchorMinX !== Infinity;
    const hasPorts = entryTargets[u]!.size > 0 || exitSources[u]!.size > 0;
    if (unit.members.length === 1 && !hasPorts) {
      const v = unit.members[0]!;
      unit.shiftX = margin;
      unit.shiftY = margin;
      unit.width = g.width[v]! + 2 * margin;
      unit.height = g.height[v]! + 2 * margin;
      if (anchored) unit.anchor = { x: anchorMinX - margin, y: anchorMinY - margin };
      continue;
    }
    const nodes: LayoutNodeInput[] = unit.members.map((v) => ({ id: g.ids[v]!, width: g.width[v]!, height: g.height[v]! }));
    const edges = [...inner[u]!];
    addPorts(unit.members, g, nodes, edges, entryTargets[u]!, exitSources[u]!);
    const sub = indexGraph({ nodes, edges });
    const subAnchors: (LayoutPoint | undefined)[] | null = anchored
      ? unit.members.map((v) => {
          const a = anchors?.[v];
          return a === undefined ? undefined : { x: a.x - anchorMinX, y: a.y - anchorMinY };
        })
      : null;
    engines.add(engine);
    const output = await runEngine(engine, sub, settings, subAnchors, phases);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    // The frame wraps the member nodes only (not ports or edge bends), so that it is stable when
    // the members keep their earlier positions; routes may touch the padding or leave it at ports.
    for (let i = 0; i < unit.members.length; i++) {
      minX = Math.min(minX, output.x[i]!);
      minY = Math.min(minY, output.y[i]!);
      maxX = Math.max(maxX, output.x[i]! + sub.width[i]!);
      maxY = Math.max(maxY, output.y[i]! + sub.height[i]!);
    }
    unit.output = output;
    unit.sub = sub;
    unit.shiftX = margin - minX;
    unit.shiftY = margin - minY;
    unit.width = maxX - minX + 2 * margin;
    unit.height = maxY - minY + 2 * margin;
    // Earlier frame corner such that unchanged nodes land exactly on their earlier positions.
    if (anchored) unit.anchor = { x: anchorMinX + minX - margin, y: anchorMinY + minY - margin };
  }

  // 4. Lay out the units as boxes.
  const quotient = indexGraph({
    nodes: units.map((unit, u) => ({ id: `u${u}`, width: unit.width, height: unit.height })),
    edges: quotientEdges,
  });
  const quotientAnchors: Anchors | null = anchors === null ? null : units.map((unit) => unit.anchor);
  const hasQuotientAnchors = quotientAnchors !== null && quotientAnchors.some((a) => a !== undefined);
  engines.add(engine);
  const placed = await runEngine(engine, quotient, settings, hasQuotientAnchors ? quotientAnchors : null, phases);
  const t = performance.now();

  // 5. Compose.
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const routes: (LayoutPoint[] | null)[] = new Array<LayoutPoint[] | null>(m).fill(null);
  const frames = new Map<string, LayoutRect>();
  const edgeIndex = new Map<string, number>();
  for (let k = 0; k < m; k++) edgeIndex.set(g.edgeIds[k]!, k);
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const ox = placed.x[u]! + unit.shiftX;
    const oy = placed.y[u]! + unit.shiftY;
    if (unit.group !== undefined) frames.set(unit.group, { x: placed.x[u]!, y: placed.y[u]!, width: unit.width, height: unit.height });
    if (unit.output === null || unit.sub === null) {
      const v = unit.members[0]!;
      x[v] = ox;
      y[v] = oy;
      continue;
    }
    for (let i = 0; i < unit.members.length; i++) {
      const v = unit.members[i]!;
      x[v] = unit.output.x[i]! + ox;
      y[v] = unit.output.y[i]! + oy;
    }
    for (let j = 0; j < unit.sub.edgeIds.length; j++) {
      const k = edgeIndex.get(unit.sub.edgeIds[j]!);
      const route = unit.output.routes[j];
      if (k === undefined || route === null || route === undefined) continue;
      routes[k] = route.map((p) => ({ x: p.x + ox, y: p.y + oy }));
    }
  }
  const lr = settings.direction === "LR";
  const subEdgeIndex = new Map<number, Map<string, number>>();
  const portRoute = (u: number, id: string): LayoutPoint[] | null => {
    const unit = units[u]!;
    if (unit.output === null || unit.sub === null) return null;
    let index = subEdgeIndex.get(u);
    if (index === undefined) {
      index = new Map(unit.sub.edgeIds.map((edgeId, j) => [edgeId, j]));
      subEdgeIndex.set(u, index);
    }
    const j = index.get(id);
    const route = j === undefined ? null : unit.output.routes[j];
    if (route === null || route === undefined) return null;
    const ox = placed.x[u]! + unit.shiftX;
    const oy = placed.y[u]! + unit.shiftY;
    return route.map((p) => ({ x: p.x + ox, y: p.y + oy }));
  };
  const portRoutes = new Map<string, LayoutPoint[] | null>();
  const cachedPortRoute = (u: number, id: string): LayoutPoint[] | null => {
    const key = `${u}\u0000${id}`;
    if (!portRoutes.has(key)) portRoutes.set(key, portRoute(u, id));
    return portRoutes.get(key) ?? null;
  };
  for (let k = 0; k < m; k++) {
    const q = quotientEdgeOf[k]!;
    if (q < 0) continue;
    const source = g.reversed[k] === 1 ? g.to[k]! : g.from[k]!;
    const target = g.reversed[k] === 1 ? g.from[k]! : g.to[k]!;
    const start = lr ? { x: x[source]! + g.width[source]!, y: y[source]! + g.height[source]! / 2 } : { x: x[source]! + g.width[source]! / 2, y: y[source]! + g.height[source]! };
    const end = lr ? { x: x[target]!, y: y[target]! + g.height[target]! / 2 } : { x: x[target]! + g.width[target]! / 2, y: y[target]! };
    const unitRoute = placed.routes[q] ?? null; // quotient edges keep their indices: unique ids, no self-loops
    const bends = unitRoute === null ? [] : unitRoute.slice(1, -1).map((p) => ({ x: p.x, y: p.y }));
    const out = cachedPortRoute(unitOf[source]!, exitEdgeId(g.ids[source]!));
    const into = cachedPortRoute(unitOf[target]!, entryEdgeId(g.ids[target]!));
    routes[k] = [...(out ?? [start]), ...bends, ...(into ?? [end])];
  }
  addPhaseTime(phases, "compose", t);
  return { x, y, routes, frames, engines };
}

const ENTRY = "\u0000entry";
const EXIT = "\u0000exit";
const PORT_SIZE = 1;

function entryEdgeId(target: string): string {
  return `\u0000in>${target}`;
}

function exitEdgeId(source: string): string {
  return `\u0000out<${source}`;
}

/** Adds ENTRY/EXIT port nodes and their edges (routed ones plus pins to the unit's sources and sinks). */
function addPorts(members: readonly number[], g: IndexedGraph, nodes: LayoutNodeInput[], edges: LayoutEdgeInput[], entryTargets: ReadonlySet<number>, exitSources: ReadonlySet<number>): void {
  if (entryTargets.size === 0 && exitSources.size === 0) return;
  const hasInput = new Set(edges.map((e) => e.target));
  const hasOutput = new Set(edges.map((e) => e.source));
  if (entryTargets.size > 0) {
    nodes.push({ id: ENTRY, width: PORT_SIZE, height: PORT_SIZE });
    for (const v of members) {
      const id = g.ids[v]!;
      if (entryTargets.has(v)) edges.push({ id: entryEdgeId(id), source: ENTRY, target: id });
      else if (!hasInput.has(id)) edges.push({ id: `\u0000pin-in>${id}`, source: ENTRY, target: id });
    }
  }
  if (exitSources.size > 0) {
    nodes.push({ id: EXIT, width: PORT_SIZE, height: PORT_SIZE });
    for (const v of members) {
      const id = g.ids[v]!;
      if (exitSources.has(v)) edges.push({ id: exitEdgeId(id), source: id, target: EXIT });
      else if (!hasOutput.has(id)) edges.push({ id: `\u0000pin-out<${id}`, source: id, target: EXIT });
    }
  }
}
