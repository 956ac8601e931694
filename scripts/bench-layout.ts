// Layout benchmark. Bundled and run by scripts/bench-layout.mjs (Node has no TS loader here).
// For every graph: time per engine (median of runs) and quality (crossings, edge length, overlaps),
// plus an incremental re-layout (previous positions + one new node).
//
//   node scripts/bench-layout.mjs [--elk-max 1100] [--runs 3] [--only ops1059] [--groups]

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { decodeDefinition, decodeOp } from "../src/llb/gen/ops_pb";
import { Reader } from "../src/llb/wire";
import { layoutGraph, measureLayout } from "../src/app/layout/index";
import type { LayoutEngineChoice, LayoutInput, LayoutOptions, LayoutResult } from "../src/app/layout/index";
import { listTransferables, packLayoutResult, unpackLayoutResult } from "../src/workers/layout.messages";

const NODE_WIDTH = 220;
const NODE_HEIGHT = 60;

interface Args {
  elkMax: number;
  runs: number;
  only: string | undefined;
  groups: boolean;
  perfDir: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { elkMax: 1100, runs: 3, only: undefined, groups: false, perfDir: "/work/shared/perf" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--elk-max") args.elkMax = Number(argv[++i]);
    else if (a === "--runs") args.runs = Number(argv[++i]);
    else if (a === "--only") args.only = argv[++i];
    else if (a === "--groups") args.groups = true;
    else if (a === "--perf-dir") args.perfDir = argv[++i] ?? args.perfDir;
  }
  return args;
}

/** Reads a pb.Definition into layout input; groups from "[stage ...]" custom names when present. */
function loadDefinition(path: string): LayoutInput {
  const bytes = new Uint8Array(readFileSync(path));
  const def = decodeDefinition(new Reader(bytes), bytes.length);
  const nodes: { id: string; width: number; height: number; group?: string }[] = [];
  const edges: { id: string; source: string; target: string }[] = [];
  for (const opBytes of def.def ?? []) {
    const digest = `sha256:${createHash("sha256").update(opBytes).digest("hex")}`;
    const op = decodeOp(new Reader(opBytes), opBytes.length);
    const name = def.metadata?.[digest]?.description?.["llb.customname"] ?? "";
    const stage = /^\[([^\]\s]+)[\s\]]/.exec(name)?.[1];
    nodes.push(stage === undefined ? { id: digest, width: NODE_WIDTH, height: NODE_HEIGHT } : { id: digest, width: NODE_WIDTH, height: NODE_HEIGHT, group: stage });
    (op.inputs ?? []).forEach((input, i) => {
      edges.push({ id: `${digest}#${i}`, source: input.digest ?? "", target: digest });
    });
  }
  return { nodes, edges };
}

/** Deterministic LLB-like DAG: stages of chains, cross-stage copies, a few merges, shared bases. */
function generateGraph(size: number, seed: number): LayoutInput {
  let state = seed >>> 0;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const nodes: { id: string; width: number; height: number; group?: string }[] = [];
  const edges: { id: string; source: string; target: string }[] = [];
  const stageTails: string[] = [];
  let stage = 0;
  while (nodes.length < size) {
    const group = `stage${stage}`;
    const base = `g${nodes.length}`;
    nodes.push({ id: base, width: NODE_WIDTH, height: NODE_HEIGHT, group });
    let tail = base;
    const length = 3 + Math.floor(random() * 12);
    for (let i = 0; i < length && nodes.length < size; i++) {
      const id = `g${nodes.length}`;
      nodes.push({ id, width: NODE_WIDTH, height: NODE_HEIGHT, group });
      edges.push({ id: `${tail}>${id}`, source: tail, target: id });
      if (stageTails.length > 0 && random() < 0.2) {
        const from = stageTails[Math.floor(random() * stageTails.length)]!;
        edges.push({ id: `${from}>${id}`, source: from, target: id });
      }
      if (random() < 0.1 && nodes.length < size) {
        const local = `g${nodes.length}`;
        nodes.push({ id: local, width: NODE_WIDTH, height: NODE_HEIGHT, group });
        edges.push({ id: `${local}>${id}`, source: local, target: id });
      }
      tail = id;
    }
    stageTails.push(tail);
    if (stageTails.length > 40) stageTails.shift();
    stage++;
  }
  return { nodes, edges };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function format(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

async function timeLayout(input: LayoutInput, options: Partial<LayoutOptions>, runs: number): Promise<{ ms: number; minMs: number; result: LayoutResult }> {
  const times: number[] = [];
  let result: LayoutResult | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await layoutGraph(input, options);
    times.push(performance.now() - t);
  }
  if (result === undefined) throw new Error("no runs");
  return { ms: median(times), minMs: Math.min(...times), result };
}

async function benchGraph(name: string, input: LayoutInput, args: Args): Promise<void> {
  const n = input.nodes.length;
  console.log(`\n## ${name}: ${n} nodes, ${input.edges.length} edges${args.groups ? " (groups on)" : ""}`);
  const engines: LayoutEngineChoice[] = n <= args.elkMax ? ["fast", "elk"] : ["fast"];
  for (const direction of ["LR", "TB"] as const) {
    for (const engine of engines) {
      const runs = engine === "elk" ? 1 : args.runs;
      const { ms, minMs, result } = await timeLayout(input, { direction, engine, groups: args.groups }, runs);
      const q = measureLayout(input, result, direction);
      const phases = Object.entries(result.timings.phases)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(", ");
      console.log(
        `${direction} ${engine.padEnd(4)} ${format(ms).padStart(9)} (min ${format(minMs)})  crossings ${String(q.crossings).padStart(7)}  length ${(q.edgeLength / 1000).toFixed(0).padStart(6)}k px  overlaps ${q.overlaps}  backward ${q.backwardEdges}  size ${q.width.toFixed(0)}x${q.height.toFixed(0)}  [${phases}]`,
      );
      if (engine === "fast" && direction === "LR") {
        // What the worker adds: structured clone of the input (to the worker) and the result (back:
        // packed into typed arrays whose buffers are transferred, then unpacked).
        let t = performance.now();
        structuredClone(input);
        const inputMs = performance.now() - t;
        t = performance.now();
        const packed = packLayoutResult(result);
        unpackLayoutResult(structuredClone(packed, { transfer: listTransferables(packed) }));
        const packedMs = performance.now() - t;
        t = performance.now();
        structuredClone(result);
        const plainMs = performance.now() - t;
        console.log(`${direction} worker transfer: input clone ${format(inputMs)}, result pack+transfer+unpack ${format(packedMs)} (plain clone would be ${format(plainMs)})`);
        // Incremental: one new op consuming the last op, previous positions given.
        const last = input.nodes[input.nodes.length - 1]!;
        const grown: LayoutInput = {
          nodes: [...input.nodes, { id: "bench-new", width: NODE_WIDTH, height: NODE_HEIGHT }],
          edges: [...input.edges, { id: "bench-new-edge", source: last.id, target: "bench-new" }],
        };
        const again = await timeLayout(grown, { direction, engine: "auto", groups: args.groups, previous: result.nodes }, runs);
        let moved = 0;
        for (const [id, p] of result.nodes) {
          const q2 = again.result.nodes.get(id);
          if (q2 === undefined || Math.abs(q2.x - p.x) > 0.5 || Math.abs(q2.y - p.y) > 0.5) moved++;
        }
        console.log(`${direction} incremental (+1 op, previous positions) ${format(again.ms)}  moved ${moved}/${n}  engine ${again.result.engine}`);
      }
    }
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const graphs: [string, () => LayoutInput][] = [
    ["generated-100", () => generateGraph(100, 1)],
    ["generated-300", () => generateGraph(300, 2)],
    ["generated-1000", () => generateGraph(1000, 3)],
    ["ops1059.llb", () => loadDefinition(`${args.perfDir}/ops1059.llb`)],
    ["generated-3000", () => generateGraph(3000, 4)],
    ["ops4001.llb", () => loadDefinition(`${args.perfDir}/ops4001.llb`)],
    ["ops8771.llb", () => loadDefinition(`${args.perfDir}/ops8771.llb`)],
    ["generated-20000", () => generateGraph(20000, 5)],
  ];
  console.log(`# layout benchmark, node ${process.version}, ${NODE_WIDTH}x${NODE_HEIGHT} nodes, median of ${args.runs} (elk: 1 run)`);
  for (const [name, load] of graphs) {
    if (args.only !== undefined && !name.includes(args.only)) continue;
    await benchGraph(name, load(), args);
  }
}

await main();
