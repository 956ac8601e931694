// Per-op constraints and metadata, and the options that set them (what client/llb calls
// ConstraintsOpt): platform, worker filters, description, caps, progress group, source locations.
import type { OpMetadata, Platform, Range } from "../gen/ops_pb";

export interface PlatformSpec {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
  osFeatures?: string[];
}

/** A source file (e.g. the Dockerfile) that op locations point into. */
export interface SourceMapFile {
  filename: string;
  language: string;
  data: Uint8Array;
  /** LLB that produced the file; marshalled with the same options as the main graph. */
  definitionOf?: () => import("./state").State;
}

export interface SourceLocation {
  file: SourceMapFile;
  ranges: Range[];
}

/** Metadata being built for one op; `caps` is a set, turned into the proto map on marshal. */
export interface MetadataDraft {
  ignoreCache: boolean;
  description?: Map<string, string>;
  exportCache?: boolean;
  caps: Set<string>;
  progressGroup?: { id: string; name: string; weak: boolean };
}

export interface Constraints {
  platform?: PlatformSpec;
  workerConstraints: string[];
  metadata: MetadataDraft;
  sourceLocations: SourceLocation[];
  /** The daemon's LLB caps, when known (`WithCaps`): decides fallbacks such as the default PATH. */
  caps?: ReadonlySet<string>;
}

export type ConstraintsOpt = (c: Constraints) => void;

export function newConstraints(opts: readonly ConstraintsOpt[] = []): Constraints {
  const c: Constraints = { workerConstraints: [], metadata: { ignoreCache: false, caps: new Set() }, sourceLocations: [] };
  for (const o of opts) o(c);
  return c;
}

export const linuxAmd64: PlatformSpec = { os: "linux", architecture: "amd64" };

export function withPlatform(p: PlatformSpec): ConstraintsOpt {
  return (c) => {
    c.platform = p;
  };
}

export function withCustomName(name: string): ConstraintsOpt {
  return withDescription({ "llb.customname": name });
}

export function withDescription(d: Record<string, string>): ConstraintsOpt {
  return (c) => {
    c.metadata.description ??= new Map();
    for (const [k, v] of Object.entries(d)) c.metadata.description.set(k, v);
  };
}

export function withCaps(caps: ReadonlySet<string>): ConstraintsOpt {
  return (c) => {
    c.caps = caps;
  };
}

export const ignoreCache: ConstraintsOpt = (c) => {
  c.metadata.ignoreCache = true;
};

export function withProgressGroup(id: string, name: string, weak: boolean): ConstraintsOpt {
  return (c) => {
    c.metadata.progressGroup = { id, name, weak };
  };
}

export function withLocation(file: SourceMapFile | undefined, ranges: Range[]): ConstraintsOpt {
  return (c) => {
    if (file) c.sourceLocations.push({ file, ranges });
  };
}

export function addCap(c: Constraints, cap: string): void {
  c.metadata.caps.add(cap);
}

/** Constraints of an op merged over the marshal defaults (client/llb MarshalConstraints). */
export function mergeConstraints(base: Constraints, override: Constraints): { platform: PlatformSpec; workerConstraints: string[]; metadata: MetadataDraft } {
  const metadata = mergeMetadata(cloneMetadata(base.metadata), override.metadata);
  return {
    platform: override.platform ?? base.platform ?? linuxAmd64,
    workerConstraints: [...base.workerConstraints, ...override.workerConstraints],
    metadata,
  };
}

export function cloneMetadata(m: MetadataDraft): MetadataDraft {
  const out: MetadataDraft = { ignoreCache: m.ignoreCache, caps: new Set(m.caps) };
  if (m.description) out.description = new Map(m.description);
  if (m.exportCache !== undefined) out.exportCache = m.exportCache;
  if (m.progressGroup) out.progressGroup = { ...m.progressGroup };
  return out;
}

/** client/llb mergeMetadata: ignore-cache OR-ed, descriptions merged, caps unioned, the rest last-wins. */
export function mergeMetadata(m1: MetadataDraft, m2: MetadataDraft): MetadataDraft {
  if (m2.ignoreCache) m1.ignoreCache = true;
  if (m2.description && m2.description.size > 0) {
    m1.description ??= new Map();
    for (const [k, v] of m2.description) m1.description.set(k, v);
  }
  if (m2.exportCache !== undefined) m1.exportCache = m2.exportCache;
  for (const k of m2.caps) m1.caps.add(k);
  if (m2.progressGroup) m1.progressGroup = m2.progressGroup;
  return m1;
}

export function metadataToProto(m: MetadataDraft): OpMetadata {
  const out: OpMetadata = {};
  if (m.ignoreCache) out.ignore_cache = true;
  if (m.description) out.description = Object.fromEntries(m.description);
  if (m.exportCache !== undefined) out.export_cache = { Value: m.exportCache };
  if (m.caps.size > 0) out.caps = Object.fromEntries([...m.caps].map((k) => [k, true]));
  if (m.progressGroup) out.progress_group = { ...m.progressGroup };
  return out;
}

export function platformToProto(p: PlatformSpec): Platform {
  const out: Platform = { Architecture: p.architecture, OS: p.os };
  if (p.variant) out.Variant = p.variant;
  if (p.osVersion) out.OSVersion = p.osVersion;
  if (p.osFeatures) out.OSFeatures = [...p.osFeatures];
  return out;
}
