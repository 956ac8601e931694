// Test-only helpers: small hand-written graphs, golden dumps (JSON lines of `buildctl debug
// dump-llb`) turned into layout input, and a deterministic LLB-like generator.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LayoutEdgeInput, LayoutInput, LayoutNodeInput } from "../types";

const here = dirname(fileURLToPath(import.meta.url));

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 60;

/** Builds input from "a>b" edge strings; extra isolated nodes may be listed. */
export function makeGraph(edgeSpecs: readonly string[], extraNodes: readonly string[] = [], sizes: Record<string, [number, number]> = {}): LayoutInput {
  const ids: string[] = [];
  const seen = new Set<string>();
  const add = (id: string): void => {
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  };
  const edges: LayoutEdgeInput[] = [];
  edgeSpecs.forEach((spec, i) => {
    const [source, target] = spec.split(">") as [string, string];
    add(source);
    add(target);
    edges.push({ id: `e${i}:${spec}`, source, target });
  });
  for (const id of extraNodes) add(id);
  const nodes: LayoutNodeInput[] = ids.map((id) => {
    const size = sizes[id];
    return { id, width: size?.[0] ?? NODE_WIDTH, height: size?.[1] ?? NODE_HEIGHT };
  });
  return { nodes, edges };
}

interface DumpLine {
  Op?: { inputs?: { digest?: string }[] };
  Digest?: string;
  OpMetadata?: { description?: Record<string, string> };
}

/** Reads <name>.dump.json next to this file; groups come from "[stage ...]" custom names. */
export function loadDump(name: string): LayoutInput {
  const text = readFileSync(join(here, `${name}.dump.json`), "utf8");
  const nodes: LayoutNodeInput[] = [];
  const edges: LayoutEdgeInput[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const op = JSON.parse(line) as DumpLine;
    const digest = op.Digest ?? "";
    const customName = op.OpMetadata?.description?.["llb.customname"] ?? "";
    const stage = /^\[([^\]\s]+)[\s\]]/.exec(customName)?.[1];
    nodes.push(stage === undefined || stage === "internal" ? { id: digest, width: NODE_WIDTH, height: NODE_HEIGHT } : { id: digest, width: NODE_WIDTH, height: NODE_HEIGHT, group: stage });
    (op.Op?.inputs ?? []).forEach((input, i) => edges.push({ id: `${digest}#${i}`, source: input.digest ?? "", target: digest }));
  }
  return { nodes, edges };
}

/** Deterministic LLB-like DAG: stages of chains, cross-stage inputs, side sources. */
export function generateGraph(size: number, seed: number): LayoutInput {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const nodes: LayoutNodeInput[] = [];
  const edges: LayoutEdgeInput[] = [];
  const tails: string[] = [];
  let stage = 0;
  while (nodes.length < size) {
    const group = `stage${stage}`;
    let tail = `g${nodes.length}`;
    nodes.push({ id: tail, width: NODE_WIDTH, height: NODE_HEIGHT, group });
    const length = 3 + Math.floor(random() * 12);
    for (let i = 0; i < length && nodes.length < size; i++) {
      const id = `g${nodes.length}`;
      nodes.push({ id, width: NODE_WIDTH, height: NODE_HEIGHT, group });
      edges.push({ id: `${tail}>${id}`, source: tail, target: id });
      if (tails.length > 0 && random() < 0.2) {
        const from = tails[Math.floor(random() * tails.length)]!;
        edges.push({ id: `${from}>${id}`, source: from, target: id });
      }
      if (random() < 0.1 && nodes.length < size) {
        const local = `g${nodes.length}`;
        nodes.push({ id: local, width: NODE_WIDTH, height: NODE_HEIGHT, group });
        edges.push({ id: `${local}>${id}`, source: local, target: id });
      }
      tail = id;
    }
    tails.push(tail);
    if (tails.length > 40) tails.shift();
    stage++;
  }
  return { nodes, edges };
}

/** Random graph with cycles (for "never hangs" checks). */
export function generateCyclicGraph(size: number, edgesPerNode: number, seed: number): LayoutInput {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const nodes: LayoutNodeInput[] = Array.from({ length: size }, (_, i) => ({ id: `c${i}`, width: NODE_WIDTH, height: NODE_HEIGHT }));
  const edges: LayoutEdgeInput[] = [];
  for (let i = 0; i < size * edgesPerNode; i++) {
    const s = Math.floor(random() * size);
    const t = Math.floor(random() * size);
    edges.push({ id: `r${i}`, source: `c${s}`, target: `c${t}` });
  }
  return { nodes, edges };
}
