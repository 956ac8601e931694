// The graph model every reader produces and every screen uses: ops keyed by digest, with the role of
// each input edge, metadata, and the Dockerfile lines that made them.
import type { Digest } from "./codec";
import type { Definition, Op, OpMetadata, Platform, Source } from "./gen/ops_pb";

export type OpKind = "exec" | "source" | "file" | "build" | "merge" | "diff" | "passthrough" | "terminal";

/** The kind of a source op, from its identifier's scheme. */
export type SourceKind = "image" | "local" | "git" | "http" | "oci-layout" | "blob" | "other";

/** How a consuming op uses one of its inputs. */
export type InputRole =
  | { kind: "mount"; mountIndex: number; dest: string; selector: string; readonly: boolean; mountType: number }
  | { kind: "file-base"; actionIndex: number; action: string; path: string }
  | { kind: "copy-source"; actionIndex: number; src: string; dest: string }
  | { kind: "chown-lookup"; actionIndex: number }
  | { kind: "merge"; position: number }
  | { kind: "diff"; side: "lower" | "upper" }
  | { kind: "builder" }
  | { kind: "build-input"; name: string }
  | { kind: "passthrough"; output: number }
  | { kind: "result" };

export interface GraphInput {
  digest: Digest;
  /** Output index of the producing op. */
  index: number;
  roles: InputRole[];
}

/** Whether an op's digest was computed from its bytes or checked against a printed digest. */
export type DigestCheck =
  | { state: "hashed" }
  | { state: "verified" }
  | { state: "mismatch"; printed: string; reason: string };

export interface SourceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface OpLocation {
  /** Index into `LlbGraph.sources`. */
  sourceIndex: number;
  ranges: SourceRange[];
}

export interface SourceFile {
  filename: string;
  language: string;
  /** File text (e.g. the Dockerfile), decoded as UTF-8. */
  text: string;
  /** The LLB that produced the file, when the frontend recorded it. */
  definition?: Definition;
}

export interface OpNode {
  digest: Digest;
  /** Position in `Definition.def`. */
  position: number;
  kind: OpKind;
  sourceKind?: SourceKind;
  /** customname, or the command, or the identifier. */
  label: string;
  op: Op;
  /** The op's bytes: as read for binary input, re-encoded canonically for JSON input. */
  bytes: Uint8Array;
  inputs: GraphInput[];
  metadata: OpMetadata;
  /**
   * Whether the Definition has a metadata entry for this op. dump-llb prints a missing entry as {},
   * so for JSON input this is true only when the printed metadata is not empty.
   */
  hasMetadataEntry: boolean;
  platform?: Platform;
  locations: OpLocation[];
  digestCheck: DigestCheck;
}

export type InputFormat = "binary" | "base64" | "dump-json" | "full-json";

export interface ReadNote {
  /** 1-based line for text inputs, or byte offset for binary ones. */
  line?: number;
  offset?: number;
  message: string;
}

export interface LlbGraph {
  format: InputFormat;
  /** Ops in `def` order (terminal op last when there is one). */
  nodes: OpNode[];
  byDigest: Map<Digest, OpNode>;
  /** The terminal op (inputs only, no op): BuildKit solves its first input. */
  terminal?: Digest;
  sources: SourceFile[];
  /** The raw `Source` message, kept for writing the Definition back. */
  source?: Source;
  /** Metadata entries keyed by digests no op has (kept for round trips). */
  orphanMetadata: Map<string, OpMetadata>;
  /** What a reader skipped or could not check (elisions, comments, unknown keys). */
  notes: ReadNote[];
}

/** An op as `dump` prints it: no graph model around it (see `readOpList`). OpNode has these too. */
export interface ListedOp {
  digest: Digest;
  op: Op;
  metadata: OpMetadata;
  digestCheck: DigestCheck;
}

/** The ops of an input in `def` order, repeats dropped, without roles, labels or source locations. */
export interface OpList {
  format: InputFormat;
  nodes: ListedOp[];
  /** What a reader skipped or could not check, as for LlbGraph. */
  notes: ReadNote[];
}

export function opKind(op: Op): OpKind {
  return op.op?.case ?? "terminal";
}

export function sourceKind(identifier: string): SourceKind {
  const scheme = identifier.slice(0, identifier.indexOf("://"));
  switch (scheme) {
    case "docker-image":
      return "image";
    case "local":
      return "local";
    case "git":
      return "git";
    case "http":
    case "https":
      return "http";
    case "oci-layout":
      return "oci-layout";
    case "docker-image+blob":
    case "oci-layout+blob":
      return "blob";
    default:
      return "other";
  }
}

/** A short, readable name: customname, else the command, identifier, or file actions. */
export function opLabel(op: Op, metadata: OpMetadata | undefined, digest: string): string {
  const custom = metadata?.description?.["llb.customname"];
  if (custom) return custom;
  const o = op.op;
  switch (o?.case) {
    case "source":
      return o.value.identifier ?? "";
    case "exec":
      return (o.value.meta?.args ?? []).join(" ");
    case "file":
      return (o.value.actions ?? [])
        .map((a) => {
          const x = a.action;
          switch (x?.case) {
            case "copy":
              return `copy ${x.value.src ?? ""} → ${x.value.dest ?? ""}`;
            case "mkfile":
              return `mkfile ${x.value.path ?? ""}`;
            case "mkdir":
              return `mkdir ${x.value.path ?? ""}`;
            case "rm":
              return `rm ${x.value.path ?? ""}`;
            case "symlink":
              return `symlink ${x.value.newpath ?? ""} → ${x.value.oldpath ?? ""}`;
            default:
              return "?";
          }
        })
        .join(", ");
    case "merge":
      return `merge (${o.value.inputs?.length ?? 0} inputs)`;
    case "diff":
      return "diff";
    case "build":
      return "build";
    case "passthrough":
      return `passthrough ${o.value.id ?? ""}`;
    default:
      return `result ${digest.slice(7, 19)}`;
  }
}

/** The role of every input of an op, by input index. */
export function inputRoles(op: Op): InputRole[][] {
  const n = op.inputs?.length ?? 0;
  const roles: InputRole[][] = Array.from({ length: n }, () => []);
  const add = (i: number, r: InputRole) => {
    if (i >= 0 && i < n) roles[i]!.push(r);
  };
  const o = op.op;
  switch (o?.case) {
    case "exec":
      (o.value.mounts ?? []).forEach((m, mountIndex) =>
        add(m.input ?? 0, {
          kind: "mount",
          mountIndex,
          dest: m.dest ?? "",
          selector: m.selector ?? "",
          readonly: m.readonly ?? false,
          mountType: m.mountType ?? 0,
        }),
      );
      break;
    case "file":
      (o.value.actions ?? []).forEach((a, actionIndex) => {
        const x = a.action;
        const action = x?.case ?? "unknown";
        const path =
          x?.case === "copy" ? (x.value.dest ?? "") : x?.case === "symlink" ? (x.value.newpath ?? "") : x ? ((x.value as { path?: string }).path ?? "") : "";
        add(a.input ?? 0, { kind: "file-base", actionIndex, action, path });
        if (x?.case === "copy") add(a.secondaryInput ?? 0, { kind: "copy-source", actionIndex, src: x.value.src ?? "", dest: x.value.dest ?? "" });
      });
      break;
    case "merge":
      (o.value.inputs ?? []).forEach((m, position) => add(m.input ?? 0, { kind: "merge", position }));
      break;
    case "diff":
      if (o.value.lower) add(o.value.lower.input ?? 0, { kind: "diff", side: "lower" });
      if (o.value.upper) add(o.value.upper.input ?? 0, { kind: "diff", side: "upper" });
      break;
    case "build":
      if ((o.value.builder ?? 0) >= 0) add(o.value.builder ?? 0, { kind: "builder" });
      for (const [name, bi] of Object.entries(o.value.inputs ?? {})) add(bi.input ?? 0, { kind: "build-input", name });
      break;
    case "passthrough":
      (o.value.outputs ?? []).forEach((i, output) => add(i, { kind: "passthrough", output }));
      break;
    case undefined:
      if (n > 0) add(0, { kind: "result" });
      break;
  }
  return roles;
}

/** How many outputs an op has; an input's `index` must be below it. */
export function outputCount(op: Op): number {
  const o = op.op;
  switch (o?.case) {
    case "exec": {
      let max = -1;
      for (const m of o.value.mounts ?? []) if ((m.output ?? 0) > max) max = m.output ?? 0;
      return max + 1;
    }
    case "passthrough":
      return o.value.outputs?.length ?? 0;
    case undefined:
      return 0;
    default:
      return 1;
  }
}
