// Search and kind filters: what the search box matches (digest prefix, customname, Dockerfile
// command, exec args, source identifier, file actions) and the op classes the filter offers.
import type { Digest } from "../codec";
import { opLabel, type LlbGraph, type OpNode } from "../graph";

/** The classes of ops the UI styles and filters by. */
export type OpClass = "image" | "local" | "git" | "http" | "source" | "exec" | "file" | "merge" | "diff" | "build" | "other";

export const OP_CLASSES: readonly OpClass[] = ["image", "local", "git", "http", "source", "exec", "file", "merge", "diff", "build", "other"];

export function opClass(node: OpNode): OpClass {
  switch (node.kind) {
    case "source":
      switch (node.sourceKind) {
        case "image":
        case "local":
        case "git":
        case "http":
          return node.sourceKind;
        default:
          return "source";
      }
    case "exec":
    case "file":
    case "merge":
    case "diff":
    case "build":
      return node.kind;
    default:
      return "other";
  }
}

export type SearchField = "digest" | "customname" | "command" | "args" | "identifier" | "file" | "label";

export interface SearchHit {
  digest: Digest;
  field: SearchField;
  /** The matched text. */
  text: string;
}

export interface SearchOptions {
  limit: number;
  /** Only ops of these classes (all when absent). */
  classes?: ReadonlySet<OpClass>;
}

const HEX = /^(?:sha256:)?([0-9a-f]{3,64})$/;

function fieldsOf(node: OpNode): [SearchField, string][] {
  const out: [SearchField, string][] = [];
  const d = node.metadata.description ?? {};
  if (d["llb.customname"]) out.push(["customname", d["llb.customname"]]);
  if (d["com.docker.dockerfile.v1.command"]) out.push(["command", d["com.docker.dockerfile.v1.command"]]);
  const o = node.op.op;
  if (o?.case === "exec") out.push(["args", (o.value.meta?.args ?? []).join(" ")]);
  if (o?.case === "source") out.push(["identifier", o.value.identifier ?? ""]);
  if (o?.case === "file") out.push(["file", opLabel({ ...node.op }, undefined, node.digest)]);
  if (out.length === 0) out.push(["label", node.label]);
  return out;
}

/** Ops matching `query`, best first: digest prefixes, then texts starting with it, then containing it. */
export function searchOps(graph: LlbGraph, query: string, options: Partial<SearchOptions> = {}): SearchHit[] {
  const limit = options.limit ?? 100;
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const hex = HEX.exec(q)?.[1];
  const ranked: { hit: SearchHit; rank: number; position: number }[] = [];
  for (const node of graph.nodes) {
    if (options.classes && !options.classes.has(opClass(node))) continue;
    if (hex !== undefined && node.digest.slice(7).startsWith(hex)) {
      ranked.push({ hit: { digest: node.digest, field: "digest", text: node.digest }, rank: 0, position: node.position });
      continue;
    }
    let best: { hit: SearchHit; rank: number } | undefined;
    for (const [field, text] of fieldsOf(node)) {
      const at = text.toLowerCase().indexOf(q);
      if (at < 0) continue;
      const rank = at === 0 ? 1 : 2;
      if (!best || rank < best.rank) best = { hit: { digest: node.digest, field, text }, rank };
    }
    if (best) ranked.push({ ...best, position: node.position });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.position - b.position);
  return ranked.slice(0, limit).map((r) => r.hit);
}
