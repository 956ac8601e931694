// LLB capabilities a daemon accepts, derived from its BuildKit version (the Control API does not
// list caps; only the gateway's Ping does). Pure data, shared by page, compiler and bridge.
// Source: BuildKit solver/pb/caps.go per release (see shared/buildkit-protocol.md section 7).

/** [major, minor] of a BuildKit release, e.g. [0, 8]. */
export type BuildkitMinor = readonly [number, number];

/** First BuildKit minor release whose daemon accepts each LLB cap ID in OpMetadata.caps. */
export const LLB_CAP_SINCE: Readonly<Record<string, BuildkitMinor>> = {
  "source.image": [0, 3],
  "source.image.resolvemode": [0, 3],
  "source.image.layerlimit": [0, 11],
  "source.image.checksum": [0, 25],
  "source.local": [0, 3],
  "source.local.unique": [0, 3],
  "source.local.sessionid": [0, 3],
  "source.local.includepatterns": [0, 3],
  "source.local.followpaths": [0, 3],
  "source.local.excludepatterns": [0, 3],
  "source.local.sharedkeyhint": [0, 3],
  "source.local.differ": [0, 9],
  "source.local.metadatatransfer": [0, 21],
  "source.git": [0, 3],
  "source.git.keepgitdir": [0, 3],
  "source.git.fullurl": [0, 3],
  "source.git.httpauth": [0, 8],
  "source.git.knownsshhosts": [0, 8],
  "source.git.mountsshsock": [0, 8],
  "source.git.subdir": [0, 9],
  "source.git.checksum": [0, 22],
  "source.git.skipsubmodules": [0, 24],
  "source.git.signatureverify": [0, 26],
  "source.git.mtime": [0, 29],
  "source.git.fetchbycommit": [0, 30],
  "source.git.bundle": [0, 30],
  "source.git.checkoutbundle": [0, 30],
  "source.http": [0, 3],
  "source.http.auth": [0, 21],
  "source.http.checksum": [0, 3],
  "source.http.perm": [0, 3],
  "soruce.http.uidgid": [0, 3],
  "source.http.header": [0, 21],
  "source.http.signatureverify": [0, 28],
  "source.imageblob": [0, 28],
  "source.ocilayout": [0, 11],
  "source.buildop.llbfilename": [0, 3],
  "exec.meta.base": [0, 3],
  "exec.meta.cgroup.parent": [0, 10],
  "exec.meta.network": [0, 3],
  "exec.meta.network.proxy": [0, 31],
  "exec.meta.proxyenv": [0, 3],
  "exec.meta.security": [0, 5],
  "exec.meta.security.devices.v1": [0, 7],
  "exec.meta.setsdefaultpath": [0, 3],
  "exec.meta.ulimit": [0, 10],
  "exec.meta.cdi": [0, 20],
  "exec.meta.linux.resources": [0, 31],
  "exec.mount.bind": [0, 3],
  "exec.mount.bind.readwrite-nooutput": [0, 7],
  "exec.mount.cache": [0, 3],
  "exec.mount.cache.sharing": [0, 3],
  "exec.mount.selector": [0, 3],
  "exec.mount.tmpfs": [0, 3],
  "exec.mount.tmpfs.size": [0, 10],
  "exec.mount.secret": [0, 3],
  "exec.mount.ssh": [0, 3],
  "exec.mount.cache.content": [0, 13],
  "exec.cgroup": [0, 3],
  "exec.secretenv": [0, 10],
  "exec.validexitcode": [0, 17],
  "file.base": [0, 5],
  "file.rm.wildcard": [0, 7],
  "file.copy.includeexcludepatterns": [0, 9],
  "file.copy.requiredpaths": [0, 26],
  "file.rm.nofollowsymlink": [0, 10],
  "file.copy.alwaysreplaceexistingdestpaths": [0, 14],
  "file.symlink.create": [0, 19],
  constraints: [0, 3],
  platform: [0, 3],
  "meta.ignorecache": [0, 3],
  "meta.description": [0, 3],
  "meta.exportcache": [0, 3],
  "cache.gha": [0, 9],
  "cache.s3": [0, 11],
  "cache.azblob": [0, 11],
  mergeop: [0, 10],
  diffop: [0, 10],
  passthroughop: [0, 31],
  "exporter.image.annotations": [0, 11],
  "exporter.image.attestations": [0, 11],
  "exporter.sourcedateepoch": [0, 11],
  "exporter.multiple": [0, 13],
  "exporter.session": [0, 21],
  "source.policy": [0, 11],
  "source.policy.session": [0, 26],
  "gc.freespacefilter": [0, 17],
  "history.filter": [0, 20],
};

/**
 * Docker Engine release (major.minor) -> BuildKit minor it embeds (moby vendor.mod). 19.03 embeds
 * a pre-v0.6 snapshot; it is treated as v0.5 (file.base present, as Docker 19.03 advertises it).
 * Only versions the facts sheet pins are listed; releases in between map to the entry before them,
 * a lower bound (under-reporting caps is safe, over-reporting is not).
 */
const DOCKER_TO_BUILDKIT: ReadonlyArray<readonly [string, BuildkitMinor]> = [
  ["18.09", [0, 3]],
  ["19.03", [0, 5]],
  ["20.10", [0, 8]],
  ["23.0", [0, 10]],
  ["24.0", [0, 11]],
  ["25.0", [0, 12]],
  ["26.0", [0, 13]],
  ["26.1", [0, 13]],
  ["27.0", [0, 14]],
  ["27.5", [0, 18]],
  ["28.0", [0, 20]],
  ["29.0", [0, 25]],
  ["29.1", [0, 26]],
  ["29.2", [0, 27]],
  ["29.3", [0, 28]],
];

/**
 * Parses "v0.8.3-34", "0.12.5", "v0.8.4-0.20221020190723-eeb7b65ab7d6" -> [0, 8]. "v0.0.0+unknown"
 * (what a buildkitd built without version stamping reports) says nothing: null.
 */
export function parseBuildkitVersion(v: string): BuildkitMinor | null {
  const m = /^v?(\d+)\.(\d+)/.exec(v.trim());
  if (!m) return null;
  const minor: BuildkitMinor = [Number(m[1]), Number(m[2])];
  return minor[0] === 0 && minor[1] === 0 ? null : minor;
}

/** Control.Info exists since BuildKit v0.11: a daemon that answers it is at least that. */
export const INFO_RPC_SINCE: BuildkitMinor = [0, 11];

/**
 * The BuildKit minor embedded by a Docker Engine version ("20.10.24+dfsg1", "29.2.1"). For an
 * engine newer than the table, the newest known entry (a lower bound).
 */
export function buildkitForDockerEngine(engineVersion: string): BuildkitMinor | null {
  const m = /^v?(\d+)\.(\d+)/.exec(engineVersion.trim());
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  let best: BuildkitMinor | null = null;
  for (const [dv, bk] of DOCKER_TO_BUILDKIT) {
    const [a, b] = dv.split(".").map(Number) as [number, number];
    if (a < major || (a === major && b <= minor)) best = bk;
  }
  return best;
}

export function compareMinor(a: BuildkitMinor, b: BuildkitMinor): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** LLB cap IDs a daemon of this BuildKit version accepts, sorted. */
export function llbCapsForVersion(v: BuildkitMinor): string[] {
  return Object.entries(LLB_CAP_SINCE)
    .filter(([, since]) => compareMinor(since, v) <= 0)
    .map(([id]) => id)
    .sort();
}

/** What the bridge knows about a daemon's LLB support, for the compiler to target it. */
export interface DaemonCaps {
  /** e.g. [0, 8]; null when it could not be determined. */
  buildkit: BuildkitMinor | null;
  /**
   * Where `buildkit` came from: Info's version, a worker's, the Docker Engine's version, or
   * ("info-rpc") only that the daemon answers Info at all, a lower bound.
   */
  source: "info" | "worker" | "docker-engine" | "info-rpc" | "unknown";
  /** Accepted LLB cap IDs (sorted). When the version is unknown: the v0.8 set, a safe floor. */
  llbCaps: string[];
}

export function daemonCapsFor(buildkit: BuildkitMinor | null, source: DaemonCaps["source"]): DaemonCaps {
  return { buildkit, source: buildkit ? source : "unknown", llbCaps: llbCapsForVersion(buildkit ?? [0, 8]) };
}
