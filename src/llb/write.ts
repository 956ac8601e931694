// Writers: canonical binary Definition, dump-llb JSON lines and dump-llb --dot.
import { encodeDefinition, encodeOp, opDigest, type Digest } from "./codec";
import { dumpLine } from "./dump-json";
import type { Definition, Op, OpMetadata, Source } from "./gen/ops_pb";
import type { LlbGraph, OpNode } from "./graph";

/** `buildctl debug dump-llb` output: one JSON line per op, in `def` order. */
export function writeDumpJson(graph: LlbGraph): string {
  let out = "";
  for (const n of graph.nodes) out += dumpLine(n.op, n.digest, n.metadata) + "\n";
  return out;
}

/** `buildctl debug dump-llb --dot` output. */
export function writeDot(graph: LlbGraph): string {
  const lines = ["digraph {"];
  for (const n of graph.nodes) {
    const [label, shape] = dotNode(n);
    lines.push(`  ${goQuote(n.digest)} [label=${goQuote(label)} shape=${goQuote(shape)}];`);
  }
  for (const n of graph.nodes) {
    const o = n.op.op;
    (n.op.inputs ?? []).forEach((inp, i) => {
      let label = "";
      // The last mount reading this input, unless it is the root mount.
      if (o?.case === "exec") for (const m of o.value.mounts ?? []) if ((m.input ?? 0) === i && (m.dest ?? "") !== "/") label = m.dest ?? "";
      lines.push(`  ${goQuote(inp.digest ?? "")} -> ${goQuote(n.digest)} [label=${goQuote(label)}];`);
    });
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

function dotNode(n: OpNode): [string, string] {
  const o = n.op.op;
  switch (o?.case) {
    case "source":
      return [o.value.identifier ?? "", "ellipse"];
    case "exec":
      return [(o.value.meta?.args ?? []).join(" "), "box"];
    case "build":
      return ["build", "box3d"];
    case "merge":
      return ["merge", "invtriangle"];
    case "diff":
      return ["diff", "doublecircle"];
    case "file":
      return [
        (o.value.actions ?? [])
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
          .join(","),
        "note",
      ];
    default:
      return [n.digest, "plaintext"];
  }
}

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's `%q`: double-quoted, with non-printable characters escaped as strconv.Quote does. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c >= 0x80 && PRINTABLE.test(ch) && !(c >= 0xd800 && c <= 0xdfff)) out += ch;
    else if (c === 7) out += "\\a";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c === 11) out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return out + '"';
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
