// Assembles an LlbGraph from decoded ops, metadata and source maps (shared by every reader).
import type { Digest } from "./codec";
import type { OpMetadata, Source } from "./gen/ops_pb";
import { inputRoles, opKind, opLabel, sourceKind, type DigestCheck, type InputFormat, type LlbGraph, type OpLocation, type ListedOp, type OpList, type OpNode, type ReadNote, type SourceFile } from "./graph";
import type { Op } from "./gen/ops_pb";
import { decodeUtf8 } from "./wire";

export interface DecodedOp {
  digest: Digest;
  op: Op;
  bytes: Uint8Array;
  digestCheck: DigestCheck;
  /** Metadata printed next to the op (dump-llb lines carry it per op). */
  metadata?: OpMetadata;
}

export interface GraphParts {
  format: InputFormat;
  ops: DecodedOp[];
  metadata?: { [digest: string]: OpMetadata };
  source?: Source;
  notes: ReadNote[];
}

export function buildGraph(parts: GraphParts): LlbGraph {
  const metadata = parts.metadata ?? {};
  const byDigest = new Map<Digest, OpNode>();
  const nodes: OpNode[] = [];
  const notes = parts.notes;
  const sources: SourceFile[] = (parts.source?.infos ?? []).map((info) => {
    const f: SourceFile = {
      filename: info.filename ?? "",
      language: info.language ?? "",
      text: info.data ? decodeUtf8(info.data, 0, info.data.length) : "",
    };
    if (info.definition) f.definition = info.definition;
    return f;
  });
  const locationsOf = (digest: string): OpLocation[] =>
    (parts.source?.locations?.[digest]?.locations ?? []).map((l) => ({
      sourceIndex: l.sourceIndex ?? 0,
      ranges: (l.ranges ?? []).map((r) => ({
        start: { line: r.start?.line ?? 0, character: r.start?.character ?? 0 },
        end: { line: r.end?.line ?? 0, character: r.end?.character ?? 0 },
      })),
    }));

  parts.ops.forEach((d, position) => {
    if (byDigest.has(d.digest)) {
      notes.push(repeatNote(position, d.digest, byDigest.get(d.digest)!.position));
      return;
    }
    const entry = d.metadata ?? metadata[d.digest];
    const md = entry ?? {};
    const roles = inputRoles(d.op);
    const kind = opKind(d.op);
    const node: OpNode = {
      digest: d.digest,
      position,
      kind,
      label: opLabel(d.op, md, d.digest),
      op: d.op,
      bytes: d.bytes,
      inputs: (d.op.inputs ?? []).map((inp, i) => ({ digest: (inp.digest ?? "") as Digest, index: inp.index ?? 0, roles: roles[i] ?? [] })),
      metadata: md,
      hasMetadataEntry: d.metadata !== undefined ? Object.keys(d.metadata).length > 0 : entry !== undefined,
      locations: locationsOf(d.digest),
      digestCheck: d.digestCheck,
    };
    if (d.op.op?.case === "source") node.sourceKind = sourceKind(d.op.op.value.identifier ?? "");
    if (d.op.platform) node.platform = d.op.platform;
    byDigest.set(d.digest, node);
    nodes.push(node);
  });

  const orphanMetadata = new Map<string, OpMetadata>();
  for (const k of Object.keys(metadata)) if (!byDigest.has(k as Digest)) orphanMetadata.set(k, metadata[k]!);

  const last = nodes[nodes.length - 1];
  const graph: LlbGraph = { format: parts.format, nodes, byDigest, sources, orphanMetadata, notes };
  if (last && last.kind === "terminal") graph.terminal = last.digest;
  if (parts.source) graph.source = parts.source;
  return graph;
}

/** The note for an op whose digest an earlier op already has (the repeat is dropped). */
export function repeatNote(position: number, digest: Digest, firstPosition: number): ReadNote {
  return { message: `op ${position} repeats ${digest}, already at position ${firstPosition}; the repeat is ignored` };
}

/**
 * The ops buildGraph would keep, with their metadata, and the same notes, but none of the graph model
 * (input roles, labels, source locations): all `dump` needs, at a fraction of the cost for big graphs.
 */
export function listOps(parts: GraphParts): OpList {
  const metadata = parts.metadata;
  const firstPosition = new Map<Digest, number>();
  const nodes: ListedOp[] = [];
  const ops = parts.ops;
  for (let position = 0; position < ops.length; position++) {
    const d = ops[position]!;
    const seen = firstPosition.get(d.digest);
    if (seen !== undefined) {
      parts.notes.push(repeatNote(position, d.digest, seen));
      continue;
    }
    firstPosition.set(d.digest, position);
    nodes.push({ digest: d.digest, op: d.op, metadata: d.metadata ?? metadata?.[d.digest] ?? {}, digestCheck: d.digestCheck });
  }
  return { format: parts.format, nodes, notes: parts.notes };
}
