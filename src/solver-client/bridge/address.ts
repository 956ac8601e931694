// Parsing daemon addresses as users write them (BUILDKIT_HOST, --addr, DOCKER_HOST). Pure.
import { solverError } from "../protocol/errors";
import type { SolverError } from "../protocol/errors";

export interface TlsFiles {
  /** --tlscacert: PEM file of the CA that signed the daemon's certificate. */
  caCert?: string;
  /** --tlscert / --tlskey: client certificate and key for mutual TLS. */
  cert?: string;
  key?: string;
  /** --tlsservername: name to verify the daemon's certificate against (default: the host). */
  serverName?: string;
}

export type DaemonAddress =
  /** A buildkitd gRPC socket (also Docker >= 29.2's API socket speaks gRPC, but use "docker" there). */
  | { kind: "unix"; path: string }
  /** buildkitd over TCP, optionally TLS. */
  | { kind: "tcp"; host: string; port: number; tls?: TlsFiles }
  /** Docker Engine's embedded BuildKit: POST /grpc + Upgrade: h2c on the Engine API socket. */
  | { kind: "docker"; socketPath: string };

export const DEFAULT_BUILDKITD_SOCKET = "/run/buildkit/buildkitd.sock";
export const DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";

export type AddressResult = { ok: true; address: DaemonAddress } | { ok: false; error: SolverError };

function bad(addr: string, why: string): AddressResult {
  return { ok: false, error: solverError("bad-address", `cannot use daemon address ${JSON.stringify(addr)}: ${why}`, { address: addr }) };
}

/** Reads DOCKER_HOST (or the default socket) as a Docker Engine address. */
export function parseDockerHost(dockerHost: string | undefined): AddressResult {
  if (dockerHost === undefined || dockerHost === "") return { ok: true, address: { kind: "docker", socketPath: DEFAULT_DOCKER_SOCKET } };
  if (dockerHost.startsWith("unix://")) {
    const p = dockerHost.slice("unix://".length);
    if (!p.startsWith("/")) return bad(dockerHost, "unix socket path must be absolute (unix:///path)");
    return { ok: true, address: { kind: "docker", socketPath: p } };
  }
  return bad(dockerHost, "only unix:// Docker hosts are supported (tcp://, ssh:// and npipe:// Docker hosts are not)");
}

/**
 * Parses an address:
 * - `unix:///path/buildkitd.sock` (or an absolute path) - buildkitd
 * - `tcp://host:port` - buildkitd over TCP; TLS when `tls` has any file
 * - `docker` or `docker://` - Docker Engine at $DOCKER_HOST (passed in `env`) or /var/run/docker.sock
 * - `docker+unix:///path/docker.sock` - Docker Engine at that socket
 */
export function parseDaemonAddress(addr: string, tls: TlsFiles = {}, env: { DOCKER_HOST?: string } = {}): AddressResult {
  const a = addr.trim();
  const hasTls = tls.caCert !== undefined || tls.cert !== undefined || tls.key !== undefined;
  if (a === "docker" || a === "docker://") return parseDockerHost(env.DOCKER_HOST);
  if (a.startsWith("docker+unix://")) {
    const p = a.slice("docker+unix://".length);
    if (!p.startsWith("/")) return bad(addr, "unix socket path must be absolute (docker+unix:///path)");
    return { ok: true, address: { kind: "docker", socketPath: p } };
  }
  if (a.startsWith("/")) return { ok: true, address: { kind: "unix", path: a } };
  if (a.startsWith("unix://")) {
    const p = a.slice("unix://".length);
    if (!p.startsWith("/")) return bad(addr, "unix socket path must be absolute (unix:///path)");
    if (hasTls) return bad(addr, "TLS options apply to tcp:// addresses only");
    return { ok: true, address: { kind: "unix", path: p } };
  }
  if (a.startsWith("tcp://")) {
    const rest = a.slice("tcp://".length).replace(/\/$/, "");
    const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(rest);
    if (!m) return bad(addr, "expected tcp://host:port");
    const port = Number(m[2]);
    if (port < 1 || port > 65535) return bad(addr, "port out of range");
    if ((tls.cert === undefined) !== (tls.key === undefined)) return bad(addr, "--tlscert and --tlskey must be given together");
    const host = (m[1] ?? "").replace(/^\[|\]$/g, "");
    return { ok: true, address: hasTls ? { kind: "tcp", host, port, tls } : { kind: "tcp", host, port } };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(a)?.[1];
  if (scheme) return bad(addr, `unsupported scheme "${scheme}://" (use unix://, tcp://, docker:// or docker+unix://)`);
  return bad(addr, "expected unix:///path, tcp://host:port, docker:// or docker+unix:///path");
}

/** The address written back in the form parseDaemonAddress accepts. */
export function formatDaemonAddress(a: DaemonAddress): string {
  switch (a.kind) {
    case "unix":
      return `unix://${a.path}`;
    case "tcp":
      return `tcp://${a.host.includes(":") ? `[${a.host}]` : a.host}:${a.port}`;
    case "docker":
      return `docker+unix://${a.socketPath}`;
  }
}

export interface Candidate {
  address: DaemonAddress;
  /** Why this place was tried, e.g. "BUILDKIT_HOST", "default buildkitd socket". */
  origin: string;
}

export interface DetectEnv {
  BUILDKIT_HOST?: string;
  DOCKER_HOST?: string;
  XDG_RUNTIME_DIR?: string;
}

/**
 * The places to look for a daemon when no address is given, in order: BUILDKIT_HOST (alone, if
 * set), the default buildkitd sockets (root, then rootless), DOCKER_HOST, /var/run/docker.sock.
 * Returns parse errors for unusable environment values alongside the candidates.
 */
export function candidateAddresses(env: DetectEnv): { candidates: Candidate[]; errors: SolverError[] } {
  const candidates: Candidate[] = [];
  const errors: SolverError[] = [];
  if (env.BUILDKIT_HOST) {
    const r = parseDaemonAddress(env.BUILDKIT_HOST, {}, env);
    if (r.ok) candidates.push({ address: r.address, origin: "BUILDKIT_HOST" });
    else errors.push(r.error);
    return { candidates, errors };
  }
  candidates.push({ address: { kind: "unix", path: DEFAULT_BUILDKITD_SOCKET }, origin: "default buildkitd socket" });
  if (env.XDG_RUNTIME_DIR) {
    candidates.push({ address: { kind: "unix", path: `${env.XDG_RUNTIME_DIR}/buildkit/buildkitd.sock` }, origin: "rootless buildkitd socket" });
  }
  if (env.DOCKER_HOST) {
    const r = parseDockerHost(env.DOCKER_HOST);
    if (r.ok) candidates.push({ address: r.address, origin: "DOCKER_HOST" });
    else errors.push(r.error);
  }
  if (!candidates.some((c) => c.address.kind === "docker" && c.address.socketPath === DEFAULT_DOCKER_SOCKET)) {
    candidates.push({ address: { kind: "docker", socketPath: DEFAULT_DOCKER_SOCKET }, origin: "default Docker socket" });
  }
  return { candidates, errors };
}
