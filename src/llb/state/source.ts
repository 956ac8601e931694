// Source ops (image, local, git, http) and MergeOp.
import type { Op } from "../gen/ops_pb";
import { addCap, mergeConstraints, newConstraints, platformToProto, type Constraints, type ConstraintsOpt } from "./constraints";
import { finishOp, State, toInput, type MarshalContext, type Marshalled, type Output, type Vertex } from "./state";

export class SourceVertex implements Vertex {
  readonly output: Output;

  constructor(
    readonly identifier: string,
    readonly attrs: Record<string, string>,
    readonly constraints: Constraints,
  ) {
    const platform = constraints.platform;
    this.output = { vertex: this, index: () => 0, ...(platform ? { platform } : {}) };
  }

  inputs(): Output[] {
    return [];
  }

  marshal(ctx: MarshalContext): Marshalled {
    if (!this.identifier) throw new Error("source identifier can't be empty");
    const merged = mergeConstraints(ctx.constraints, this.constraints);
    const op: Op = {
      constraints: merged.workerConstraints.length ? { filter: merged.workerConstraints } : {},
      op: { case: "source", value: Object.keys(this.attrs).length ? { identifier: this.identifier, attrs: { ...this.attrs } } : { identifier: this.identifier } },
    };
    // Only image-like sources are platform specific.
    if (this.identifier.startsWith("docker-image://") || this.identifier.startsWith("oci-layout://")) op.platform = platformToProto(merged.platform);
    return finishOp(op, merged.metadata, this.constraints.sourceLocations);
  }
}

export interface ImageOptions {
  resolveMode?: "default" | "pull" | "local";
  recordType?: string;
}

/** `docker-image://` source; `ref` must already be normalized (docker.io/library/x:tag[@digest]). */
export function image(ref: string, options: ImageOptions, opts: ConstraintsOpt[]): State {
  const c = newConstraints(opts);
  addCap(c, "source.image");
  const attrs: Record<string, string> = {};
  if (options.resolveMode && options.resolveMode !== "default") {
    attrs["image.resolvemode"] = options.resolveMode;
    if (options.resolveMode === "pull") addCap(c, "source.image.resolvemode");
  }
  if (options.recordType) attrs["image.recordtype"] = options.recordType;
  return State.of(new SourceVertex(`docker-image://${ref}`, attrs, c).output);
}

export interface LocalOptions {
  sessionId?: string;
  includePatterns?: string[];
  followPaths?: string[];
  excludePatterns?: string[];
  sharedKeyHint?: string;
  differ?: { type: "none" | "metadata"; required: boolean };
}

export function local(name: string, options: LocalOptions, opts: ConstraintsOpt[]): State {
  const c = newConstraints(opts);
  const attrs: Record<string, string> = {};
  if (options.sessionId) {
    attrs["local.session"] = options.sessionId;
    addCap(c, "source.local.sessionid");
  }
  if (options.includePatterns?.length) {
    attrs["local.includepattern"] = goJsonArray(options.includePatterns);
    addCap(c, "source.local.includepatterns");
  }
  if (options.followPaths?.length) {
    attrs["local.followpaths"] = goJsonArray(options.followPaths);
    addCap(c, "source.local.followpaths");
  }
  if (options.excludePatterns?.length) {
    attrs["local.excludepatterns"] = goJsonArray(options.excludePatterns);
    addCap(c, "source.local.excludepatterns");
  }
  if (options.sharedKeyHint) {
    attrs["local.sharedkeyhint"] = options.sharedKeyHint;
    addCap(c, "source.local.sharedkeyhint");
  }
  if (options.differ) {
    attrs["local.differ"] = options.differ.type;
    if (options.differ.required) addCap(c, "source.local.differ");
  }
  addCap(c, "source.local");
  return State.of(new SourceVertex(`local://${name}`, attrs, c).output);
}

export interface HttpOptions {
  checksum?: string;
  filename?: string;
  perm?: number;
  uid?: number;
  gid?: number;
}

export function http(url: string, options: HttpOptions, opts: ConstraintsOpt[]): State {
  const c = newConstraints(opts);
  const attrs: Record<string, string> = {};
  if (options.checksum) {
    attrs["http.checksum"] = options.checksum;
    addCap(c, "source.http.checksum");
  }
  if (options.filename) attrs["http.filename"] = options.filename;
  if (options.perm) {
    attrs["http.perm"] = "0" + options.perm.toString(8);
    addCap(c, "source.http.perm");
  }
  if (options.uid) {
    attrs["http.uid"] = String(options.uid);
    addCap(c, "source.http.uidgid");
  }
  if (options.gid) {
    attrs["http.gid"] = String(options.gid);
    addCap(c, "source.http.uidgid");
  }
  addCap(c, "source.http");
  return State.of(new SourceVertex(url, attrs, c).output);
}

/** A generic source with precomputed identifier and attrs (git, oci-layout …); caps given by the caller. */
export function source(identifier: string, attrs: Record<string, string>, caps: string[], opts: ConstraintsOpt[]): State {
  const c = newConstraints(opts);
  for (const cap of caps) addCap(c, cap);
  return State.of(new SourceVertex(identifier, attrs, c).output);
}

// Go's json.Marshal of a []string: HTML-safe escaping.
function goJsonArray(list: string[]): string {
  return "[" + list.map((s) => JSON.stringify(s).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")).join(",") + "]";
}

export class MergeVertex implements Vertex {
  readonly output: Output;
  readonly constraints: Constraints;

  constructor(
    readonly sources: State[],
    opts: ConstraintsOpt[],
  ) {
    this.constraints = newConstraints(opts);
    this.output = { vertex: this, index: () => 0 };
  }

  inputs(): Output[] {
    const out: Output[] = [];
    for (const s of this.sources) if (s.output) out.push(s.output);
    return out;
  }

  marshal(ctx: MarshalContext): Marshalled {
    addCap(this.constraints, "mergeop");
    const merged = mergeConstraints(ctx.constraints, this.constraints);
    const inputs = [];
    const mergeInputs = [];
    for (const s of this.sources) {
      if (!s.output) continue;
      mergeInputs.push({ input: inputs.length });
      inputs.push(toInput(s.output, ctx));
    }
    const op: Op = {
      constraints: merged.workerConstraints.length ? { filter: merged.workerConstraints } : {},
      op: { case: "merge", value: { inputs: mergeInputs } },
    };
    if (inputs.length > 0) op.inputs = inputs;
    return finishOp(op, merged.metadata, this.constraints.sourceLocations);
  }
}

/** llb.Merge: scratch inputs are dropped; one input is returned as is. */
export function merge(states: State[], opts: ConstraintsOpt[]): State {
  const nonScratch = states.filter((s) => s.output !== undefined);
  if (nonScratch.length === 0) return State.scratch();
  if (nonScratch.length === 1) return nonScratch[0]!;
  return states[0]!.withOutput(new MergeVertex(nonScratch, opts).output);
}
