// Writers: canonical binary Definition, dump-llb JSON lines and dump-llb --dot.
import { encodeDefinition, encodeOp, opDigest, type Digest } from "./codec";
import { writeDumpLine } from "./dump-json";
import type { Definition, Op, OpMetadata, Source } from "./gen/ops_pb";
import type { ListedOp, LlbGraph, OpNode } from "./graph";
import { OutputBuffer } from "./output-buffer";

export { goQuote } from "./go-strings";

/** What the dump writers read: an LlbGraph, or the lighter OpList that `readOpList` returns. */
export interface DumpInput {
  readonly nodes: readonly ListedOp[];
}

// Dump output is about 1.3× the binary size; start near that so the buffer rarely grows.
function outputFor(ops: DumpInput): OutputBuffer {
  return new OutputBuffer(ops.nodes.length * 512);
}

/** `buildctl debug dump-llb` output: one JSON line per op, in `def` order. */
export function writeDumpJson(graph: DumpInput): string {
  return writeDumpJsonBytes(graph).text();
}

/** writeDumpJson as UTF-8 bytes in an OutputBuffer (no intermediate string). */
export function writeDumpJsonBytes(graph: DumpInput, out: OutputBuffer = outputFor(graph)): OutputBuffer {
  for (const n of graph.nodes) writeDumpLine(out, n.op, n.digest, n.metadata);
  return out;
}

/** `buildctl debug dump-llb --dot` output. */
export function writeDot(graph: DumpInput): string {
  return writeDotBytes(graph).text();
}

/** writeDot as UTF-8 bytes in an OutputBuffer. */
export function writeDotBytes(graph: DumpInput, out: OutputBuffer = outputFor(graph)): OutputBuffer {
  out.ascii("digraph {\n");
  for (const n of graph.nodes) writeDotNode(out, n);
  for (const n of graph.nodes) writeDotEdges(out, n);
  out.ascii("}\n");
  return out;
}

type DotOp = Pick<ListedOp, "digest" | "op">;

/** Appends the --dot line of one op: `"digest" [label="…" shape="…"];`. */
export function writeDotNode(out: OutputBuffer, n: DotOp): void {
  out.ascii("  ");
  out.goQuoted(n.digest);
  out.ascii(" [label=");
  out.goQuoted(dotLabel(n));
  out.ascii(" shape=");
  out.goQuoted(dotShape(n));
  out.ascii("];\n");
}

/** Appends the --dot lines of the edges into one op, one per input. */
export function writeDotEdges(out: OutputBuffer, n: DotOp): void {
  const inputs = n.op.inputs;
  if (inputs === undefined || inputs.length === 0) return;
  const edgeLabels = dotEdgeLabels(n.op, inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    out.ascii("  ");
    out.goQuoted(inputs[i]!.digest ?? "");
    out.ascii(" -> ");
    out.goQuoted(n.digest);
    out.ascii(" [label=");
    out.goQuoted(edgeLabels?.[i] ?? "");
    out.ascii("];\n");
  }
}

// An edge is labelled with the destination of the last mount reading that input, unless it is the
// root mount. Only exec ops label edges.
function dotEdgeLabels(op: Op, inputCount: number): string[] | undefined {
  const o = op.op;
  if (o?.case !== "exec") return undefined;
  const labels: string[] = [];
  for (const m of o.value.mounts ?? []) {
    const i = m.input ?? 0;
    const dest = m.dest ?? "";
    if (i >= 0 && i < inputCount && dest !== "/") labels[i] = dest;
  }
  return labels;
}

function dotShape(n: DotOp): string {
  switch (n.op.op?.case) {
    case "source":
      return "ellipse";
    case "exec":
      return "box";
    case "build":
      return "box3d";
    case "merge":
      return "invtriangle";
    case "diff":
      return "doublecircle";
    case "file":
      return "note";
    default:
      return "plaintext";
  }
}

function dotLabel(n: DotOp): string {
  const o = n.op.op;
  switch (o?.case) {
    case "source":
      return o.value.identifier ?? "";
    case "exec":
      return (o.value.meta?.args ?? []).join(" ");
    case "build":
      return "build";
    case "merge":
      return "merge";
    case "diff":
      return "diff";
    case "file":
      return (o.value.actions ?? [])
        .map((a) => {
          const x = a.action;
          switch (x?.case) {
            case "copy":
              return `copy{src=${x.value.src ?? ""}, dest=${x.value.dest ?? ""}}`;
            case "mkfile":
              return `mkfile{path=${x.value.path ?? ""}}`;
            case "mkdir":
              return `mkdir{path=${x.value.path ?? ""}}`;
            case "rm":
              return `rm{path=${x.value.path ?? ""}}`;
            case "symlink":
              return `symlink{oldpath=${x.value.oldpath ?? ""}, newpath=${x.value.newpath ?? ""}}`;
            default:
              return "";
          }
        })
        .join(",");
    default:
      return n.digest;
  }
}

/**
 * The graph as a canonical Definition. Ops are re-encoded canonically; where that changes an op's
 * digest (JSON input that did not match, or non-canonical bytes), consumers' input digests, metadata
 * keys and source-map keys follow, as the daemon's own digest recomputation does.
 */
export function toDefinition(graph: LlbGraph): Definition {
  const renamed = new Map<string, Digest>();
  const bytesOf = new Map<string, Uint8Array>();
  const visiting = new Set<string>();
  const encodeNode = (n: OpNode): Uint8Array => {
    const done = bytesOf.get(n.digest);
    if (done) return done;
    if (visiting.has(n.digest)) throw new Error(`cycle through ${n.digest}: cannot write a Definition`);
    visiting.add(n.digest);
    for (const inp of n.inputs) {
      const dep = graph.byDigest.get(inp.digest);
      if (dep) encodeNode(dep);
    }
    const op: Op = n.op.inputs ? { ...n.op, inputs: n.op.inputs.map((i) => ({ ...i, digest: renamed.get(i.digest ?? "") ?? i.digest ?? "" })) } : n.op;
    const bytes = encodeOp(op);
    const digest = opDigest(bytes);
    if (digest !== n.digest) renamed.set(n.digest, digest);
    bytesOf.set(n.digest, bytes);
    visiting.delete(n.digest);
    return bytes;
  };
  const def = graph.nodes.map(encodeNode);
  const key = (d: string) => renamed.get(d) ?? d;
  const metadata: { [digest: string]: OpMetadata } = {};
  for (const n of graph.nodes) if (n.hasMetadataEntry) metadata[key(n.digest)] = n.metadata;
  for (const [k, v] of graph.orphanMetadata) metadata[k] = v;
  const out: Definition = { def, metadata };
  if (graph.source) out.Source = renameSource(graph.source, key);
  return out;
}

function renameSource(s: Source, key: (d: string) => string): Source {
  if (!s.locations) return s;
  const locations: NonNullable<Source["locations"]> = {};
  for (const k of Object.keys(s.locations)) locations[key(k)] = s.locations[k]!;
  return { ...s, locations };
}

/** Canonical binary Definition bytes of the graph. */
export function writeDefinition(graph: LlbGraph): Uint8Array {
  return encodeDefinition(toDefinition(graph));
}
