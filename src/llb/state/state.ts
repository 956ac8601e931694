// The immutable LLB State builder (what client/llb's State is to Go programs): a state is an output
// of some op plus the values later ops read from it (env, dir, user, platform …). Marshalling walks
// the ops post-order and writes a canonical Definition with metadata and source maps.
import { encodeOp, opDigest, type Digest } from "../codec";
import type { Definition, Input, Location, Locations, Op, OpMetadata, Source, SourceInfo } from "../gen/ops_pb";
import {
  cloneMetadata,
  mergeMetadata,
  metadataToProto,
  newConstraints,
  type Constraints,
  type ConstraintsOpt,
  type MetadataDraft,
  type PlatformSpec,
  type SourceLocation,
  type SourceMapFile,
} from "./constraints";
import { EnvList } from "./env-list";

/** What an op marshals to under one set of marshal constraints. */
export interface Marshalled {
  digest: Digest;
  bytes: Uint8Array;
  metadata: MetadataDraft;
  locations: SourceLocation[];
}

export interface MarshalContext {
  readonly constraints: Constraints;
  readonly cache: Map<Vertex, Marshalled>;
}

export interface Vertex {
  /** Outputs this vertex reads, in the order BuildKit walks them (decides `def` order). */
  inputs(): Output[];
  marshal(ctx: MarshalContext): Marshalled;
}

export interface Output {
  readonly vertex: Vertex;
  readonly platform?: PlatformSpec;
  /** Output index of the vertex this output is; may depend on the vertex's final mount order. */
  index(): number;
  /** Why this output cannot be used as an input (tmpfs mounts, no-output mounts). */
  readonly error?: string;
}

export function marshalVertex(v: Vertex, ctx: MarshalContext): Marshalled {
  let m = ctx.cache.get(v);
  if (!m) {
    m = v.marshal(ctx);
    ctx.cache.set(v, m);
  }
  return m;
}

export function toInput(o: Output, ctx: MarshalContext): Input {
  if (o.error) throw new Error(o.error);
  const m = marshalVertex(o.vertex, ctx);
  const index = o.index();
  return index === 0 ? { digest: m.digest } : { digest: m.digest, index };
}

export function sameInput(a: Input, b: Input): boolean {
  return a.digest === b.digest && (a.index ?? 0) === (b.index ?? 0);
}

/** Canonical bytes, digest and metadata of an op; shared by every vertex kind. */
export function finishOp(op: Op, metadata: MetadataDraft, locations: SourceLocation[]): Marshalled {
  const bytes = encodeOp(op);
  return { digest: opDigest(bytes), bytes, metadata, locations };
}

export type NetMode = number;
export type SecurityMode = number;

export interface HostIP {
  host: string;
  ip: string;
}

export interface UlimitSpec {
  name: string;
  soft: bigint;
  hard: bigint;
}

/** Values a state carries for the ops built on it. */
export interface StateValues {
  env: EnvList;
  dir: string;
  user: string;
  args?: string[];
  hostname: string;
  network: NetMode;
  security: SecurityMode;
  platform?: PlatformSpec;
  cgroupParent: string;
  extraHosts: HostIP[];
  ulimits: UlimitSpec[];
  validExitCodes?: number[];
}

const initialValues: StateValues = {
  env: EnvList.empty,
  dir: "/",
  user: "",
  hostname: "",
  network: 0,
  security: 0,
  cgroupParent: "",
  extraHosts: [],
  ulimits: [],
};

export class State {
  private constructor(
    readonly output: Output | undefined,
    readonly values: StateValues,
    readonly marshalDefaults: readonly ConstraintsOpt[] = [],
  ) {}

  /** A state whose filesystem is `o` (or scratch), with default values and `o`'s platform. */
  static of(o: Output | undefined): State {
    const values: StateValues = { ...initialValues };
    if (o?.platform) values.platform = o.platform;
    return new State(o, values);
  }

  static scratch(): State {
    return State.of(undefined);
  }

  with(values: Partial<StateValues>): State {
    return new State(this.output, { ...this.values, ...values }, this.marshalDefaults);
  }

  /** Same values on a new filesystem output; the output's platform wins when it has one. */
  withOutput(o: Output | undefined): State {
    const values = o?.platform ? { ...this.values, platform: o.platform } : this.values;
    return new State(o, values, this.marshalDefaults);
  }

  addEnv(key: string, value: string): State {
    return this.with({ env: this.values.env.addOrReplace(key, value) });
  }

  /** Sets the working directory; a relative one is joined to the current one. */
  dir(d: string): State {
    return this.with({ dir: d.startsWith("/") ? d : joinPath(this.values.dir || "/", d) });
  }

  user(u: string): State {
    return this.with({ user: u });
  }

  hostname(h: string): State {
    return this.with({ hostname: h });
  }

  network(n: NetMode): State {
    return this.with({ network: n });
  }

  security(s: SecurityMode): State {
    return this.with({ security: s });
  }

  platform(p: PlatformSpec): State {
    return this.with({ platform: p });
  }

  setMarshalDefaults(opts: readonly ConstraintsOpt[]): State {
    return new State(this.output, this.values, opts);
  }

  /** The whole graph behind this state as a Definition (client/llb State.Marshal + llb.WriteTo shape). */
  marshal(...opts: ConstraintsOpt[]): Definition {
    return marshalDefinition(this, opts);
  }
}

// ---- path helpers (Go's path.Clean / path.Join) ----

export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const s = out.join("/");
  if (rooted) return "/" + s;
  return s === "" ? "." : s;
}

export function joinPath(...parts: string[]): string {
  const nonEmpty = parts.filter((p) => p !== "");
  if (nonEmpty.length === 0) return "";
  return cleanPath(nonEmpty.join("/"));
}

// ---- marshalling ----

interface SourceMapCollector {
  files: SourceMapFile[];
  index: Map<SourceMapFile, number>;
  locations: Map<string, SourceLocation[]>;
}

function sameSourceFile(a: SourceMapFile, b: SourceMapFile): boolean {
  if (a.filename !== b.filename || a.language !== b.language || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

function collectLocations(smc: SourceMapCollector, digest: string, locs: SourceLocation[]): void {
  for (const l of locs) {
    if (smc.index.has(l.file)) continue;
    let idx = smc.files.findIndex((f) => sameSourceFile(f, l.file));
    if (idx === -1) {
      idx = smc.files.length;
      smc.files.push(l.file);
    }
    smc.index.set(l.file, idx);
  }
  // Every marshalled op gets an entry, even without locations (as upstream's collector does).
  const list = smc.locations.get(digest) ?? [];
  list.push(...locs);
  smc.locations.set(digest, list);
}

// Op digests of Definitions marshalled here, in `def` order, so that callers need not hash again.
const marshalledDigests = new WeakMap<Definition, readonly string[]>();

/** The digests of `def`'s ops if this module marshalled it (and `def.def` was not replaced since). */
export function digestsOfMarshalled(def: Definition): readonly string[] | undefined {
  const d = marshalledDigests.get(def);
  return d && def.def && d.length === def.def.length ? d : undefined;
}

function marshalDefinition(state: State, opts: ConstraintsOpt[]): Definition {
  const constraints = newConstraints([...state.marshalDefaults, ...opts]);
  const ctx: MarshalContext = { constraints, cache: new Map() };
  const def: Uint8Array[] = [];
  const metadata = new Map<string, MetadataDraft>();
  const smc: SourceMapCollector = { files: [], index: new Map(), locations: new Map() };
  const seenDigests = new Set<string>();
  const digests: string[] = [];
  const visited = new Set<Vertex>();

  const visit = (v: Vertex) => {
    if (visited.has(v)) return;
    for (const inp of v.inputs()) visit(inp.vertex);
    const m = marshalVertex(v, ctx);
    visited.add(v);
    const prev = metadata.get(m.digest);
    metadata.set(m.digest, mergeMetadata(prev ?? { ignoreCache: false, caps: new Set() }, cloneMetadata(m.metadata)));
    collectLocations(smc, m.digest, m.locations);
    if (seenDigests.has(m.digest)) return;
    seenDigests.add(m.digest);
    def.push(m.bytes);
    digests.push(m.digest);
  };

  const out = state.output;
  // An empty state marshals to an empty Definition without a Source (as upstream's State.Marshal).
  if (!out) return { def: [], metadata: {} };
  visit(out.vertex);

  // Terminal op: inputs only.
  const terminal = encodeOp({ inputs: [toInput(out, ctx)] });
  def.push(terminal);
  const terminalDigest = opDigest(terminal);
  digests.push(terminalDigest);
  const md = metadata.get(terminalDigest) ?? { ignoreCache: false, caps: new Set<string>() };
  md.caps.add("constraints");
  md.caps.add("platform");
  for (const m of metadata.values()) {
    if (m.ignoreCache) md.caps.add("meta.ignorecache");
    if (m.description !== undefined) md.caps.add("meta.description");
    if (m.exportCache !== undefined) md.caps.add("meta.exportcache");
  }
  metadata.set(terminalDigest, md);

  const metadataProto: { [digest: string]: OpMetadata } = {};
  for (const [k, v] of metadata) metadataProto[k] = metadataToProto(v);
  const result: Definition = { def, metadata: metadataProto, Source: sourceOf(smc, opts) };
  marshalledDigests.set(result, digests);
  return result;
}

function sourceOf(smc: SourceMapCollector, opts: ConstraintsOpt[]): Source {
  const infos: SourceInfo[] = smc.files.map((f) => {
    const info: SourceInfo = { filename: f.filename, data: f.data, language: f.language };
    if (f.definitionOf) info.definition = f.definitionOf().marshal(...opts);
    return info;
  });
  const locations: { [digest: string]: Locations } = {};
  for (const [digest, locs] of smc.locations) {
    const list: Location[] = locs.map((l) => {
      const loc: Location = { ranges: l.ranges };
      const idx = smc.index.get(l.file) ?? 0;
      if (idx !== 0) loc.sourceIndex = idx;
      return loc;
    });
    locations[digest] = list.length > 0 ? { locations: list } : {};
  }
  const s: Source = { locations };
  if (infos.length > 0) s.infos = infos;
  return s;
}
