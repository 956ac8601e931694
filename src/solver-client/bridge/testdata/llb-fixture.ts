// Small LLB graphs for the daemon tests, built with the project's LLB codec. Only features BuildKit
// v0.8 (Docker 20.10) accepts: image source, exec with bind mounts, caps from the v0.8 set.
import { encodeDefinition, encodeOp, opDigest } from "../../../llb/index";
import type { Op, OpMetadata, Platform, Mount } from "../../../llb/index";

/** The image scripts/dockerd-up.sh imports into the Engine's store. */
export const BASE_IMAGE = "docker-image://docker.io/library/llbx-busybox:latest";

export interface Vtx {
  digest: string;
  bytes: Uint8Array;
  metadata: OpMetadata;
  deps: Vtx[];
}

export interface Ref {
  vtx: Vtx;
  index: number;
}

function vertex(op: Op, metadata: OpMetadata, deps: Vtx[]): Vtx {
  const bytes = encodeOp(op);
  return { digest: opDigest(bytes), bytes, metadata, deps };
}

export function image(platform: Platform, identifier = BASE_IMAGE, name?: string): Ref {
  const op: Op = { op: { case: "source", value: { identifier } }, platform, constraints: {} };
  const md: OpMetadata = { caps: { "source.image": true } };
  if (name) md.description = { "llb.customname": name };
  return { vtx: vertex(op, md, []), index: 0 };
}

export interface ExecSpec {
  args: string[];
  env?: string[];
  /** Extra read-only mounts: dest -> input state. */
  mounts?: Record<string, Ref>;
  name?: string;
  ignoreCache?: boolean;
}

export function run(root: Ref, platform: Platform, spec: ExecSpec): Ref {
  const inputs: Ref[] = [root];
  const mounts: Mount[] = [{ input: 0, dest: "/", output: 0 }];
  for (const [dest, ref] of Object.entries(spec.mounts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    inputs.push(ref);
    mounts.push({ input: inputs.length - 1, dest, output: -1, readonly: true });
  }
  const op: Op = {
    inputs: inputs.map((r) => (r.index ? { digest: r.vtx.digest, index: r.index } : { digest: r.vtx.digest })),
    op: {
      case: "exec",
      value: {
        meta: { args: spec.args, env: spec.env ?? ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], cwd: "/" },
        mounts,
      },
    },
    platform,
    constraints: {},
  };
  const md: OpMetadata = { caps: { "exec.meta.base": true, "exec.mount.bind": true } };
  if (spec.name) md.description = { "llb.customname": spec.name };
  if (spec.ignoreCache) md.ignore_cache = true;
  return { vtx: vertex(op, md, inputs.map((r) => r.vtx)), index: 0 };
}

export interface BuiltDefinition {
  bytes: Uint8Array;
  /** Digests of the ops in def order (terminal last). */
  digests: string[];
}

/** Marshals the graph ending at `out` like client/llb: post-order, deduplicated, terminal op last. */
export function marshal(out: Ref): BuiltDefinition {
  const order: Vtx[] = [];
  const seen = new Set<string>();
  const visit = (v: Vtx) => {
    if (seen.has(v.digest)) return;
    for (const d of v.deps) visit(d);
    seen.add(v.digest);
    order.push(v);
  };
  visit(out.vtx);
  const terminal = encodeOp({ inputs: [out.index ? { digest: out.vtx.digest, index: out.index } : { digest: out.vtx.digest }] });
  const metadata: Record<string, OpMetadata> = {};
  for (const v of order) metadata[v.digest] = v.metadata;
  const anyDescription = order.some((v) => v.metadata.description !== undefined);
  const anyIgnore = order.some((v) => v.metadata.ignore_cache === true);
  const termCaps: Record<string, boolean> = { constraints: true, platform: true };
  if (anyDescription) termCaps["meta.description"] = true;
  if (anyIgnore) termCaps["meta.ignorecache"] = true;
  const terminalDigest = opDigest(terminal);
  metadata[terminalDigest] = { caps: termCaps };
  const bytes = encodeDefinition({ def: [...order.map((v) => v.bytes), terminal], metadata });
  return { bytes, digests: [...order.map((v) => v.digest), terminalDigest] };
}

/** A FileOp like a Dockerfile's WORKDIR + heredoc COPY + COPY --from: mkdir, mkfile, copy (file.base cap, v0.5+). */
export function fileOps(root: Ref, from: Ref, platform: Platform, spec: { dir: string; file: string; data: string; copySrc: string; copyDest: string; name?: string }): Ref {
  const inputs = [root, from];
  const n = inputs.length;
  const op: Op = {
    inputs: inputs.map((r) => (r.index ? { digest: r.vtx.digest, index: r.index } : { digest: r.vtx.digest })),
    op: {
      case: "file",
      value: {
        actions: [
          { input: 0, secondaryInput: -1, output: -1, action: { case: "mkdir", value: { path: spec.dir, mode: 0o755, makeParents: true, timestamp: -1n } } },
          { input: n + 0, secondaryInput: -1, output: -1, action: { case: "mkfile", value: { path: spec.file, mode: 0o644, data: new TextEncoder().encode(spec.data), timestamp: -1n } } },
          {
            input: n + 1,
            secondaryInput: 1,
            output: 0,
            action: { case: "copy", value: { src: spec.copySrc, dest: spec.copyDest, mode: -1, followSymlink: true, dirCopyContents: true, createDestPath: true, allowWildcard: true, allowEmptyWildcard: true, timestamp: -1n } },
          },
        ],
      },
    },
    platform,
    constraints: {},
  };
  const md: OpMetadata = { caps: { "file.base": true } };
  if (spec.name) md.description = { "llb.customname": spec.name };
  return { vtx: vertex(op, md, inputs.map((r) => r.vtx)), index: 0 };
}

/** A MergeOp (COPY --link's second half); needs the `mergeop` cap, BuildKit v0.10+. */
export function merge(refs: Ref[], platform: Platform): Ref {
  const op: Op = {
    inputs: refs.map((r) => ({ digest: r.vtx.digest })),
    op: { case: "merge", value: { inputs: refs.map((_r, i) => ({ input: i })) } },
    platform,
    constraints: {},
  };
  return { vtx: vertex(op, { caps: { mergeop: true } }, refs.map((r) => r.vtx)), index: 0 };
}
