// Opening a gRPC connection to a BuildKit daemon: buildkitd on a unix socket or TCP (+TLS), or
// Docker Engine's embedded BuildKit through POST /grpc + Upgrade: h2c. Also auto-detection.
import * as grpc from "@grpc/grpc-js";
import { existsSync, readFileSync, statSync } from "node:fs";
import { solverError } from "../protocol/errors";
import type { SolverError } from "../protocol/errors";
import { candidateAddresses, formatDaemonAddress, parseDaemonAddress } from "./address";
import type { Candidate, DaemonAddress, DetectEnv, TlsFiles } from "./address";
import { DockerH2cCredentials } from "./docker-h2c";
import { BuildkitTlsCredentials } from "./tls-credentials";

/** BuildKit's server limit; grpc-js's default receive limit (4 MiB) is too small for big status messages. */
const MAX_MESSAGE = 16 * 1024 * 1024;

export interface Connection {
  address: DaemonAddress;
  /** The address as a string parseDaemonAddress accepts. */
  addressText: string;
  client: grpc.Client;
  close(): void;
}

export type ConnectResult = { ok: true; connection: Connection } | { ok: false; error: SolverError };

function readTls(tls: TlsFiles, host: string): { ok: true; creds: grpc.ChannelCredentials } | { ok: false; error: SolverError } {
  const read = (what: string, file: string | undefined): Buffer | undefined => {
    if (file === undefined) return undefined;
    try {
      return readFileSync(file);
    } catch (e) {
      throw new Error(`cannot read ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  try {
    const ca = read("--tlscacert", tls.caCert);
    const cert = read("--tlscert", tls.cert);
    const key = read("--tlskey", tls.key);
    try {
      return { ok: true, creds: new BuildkitTlsCredentials({ ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) }, host, tls.serverName) };
    } catch (e) {
      const files = [tls.caCert, tls.cert, tls.key].filter((f) => f !== undefined).join(", ");
      throw new Error(`TLS files ${files} are not usable: ${e instanceof Error ? e.message : String(e)}`);
    }
  } catch (e) {
    return { ok: false, error: solverError("bad-address", e instanceof Error ? e.message : String(e)) };
  }
}

/** Creates the gRPC client for an address. Does not wait for the daemon: the first call does. */
export function openConnection(address: DaemonAddress): ConnectResult {
  const addressText = formatDaemonAddress(address);
  const options: grpc.ChannelOptions = {
    "grpc.max_receive_message_length": MAX_MESSAGE,
    "grpc.max_send_message_length": MAX_MESSAGE,
    // BuildKit builds can be silent for minutes; keepalive pings detect a dead daemon meanwhile.
    "grpc.keepalive_time_ms": 30_000,
    "grpc.keepalive_timeout_ms": 10_000,
    "grpc.keepalive_permit_without_calls": 0,
  };
  let target: string;
  let creds: grpc.ChannelCredentials;
  switch (address.kind) {
    case "unix":
      target = `unix://${address.path}`;
      creds = grpc.credentials.createInsecure();
      break;
    case "tcp": {
      target = `${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
      if (address.tls) {
        const r = readTls(address.tls, address.host);
        if (!r.ok) return { ok: false, error: { ...r.error, address: addressText } };
        creds = r.creds;
      } else {
        creds = grpc.credentials.createInsecure();
      }
      break;
    }
    case "docker":
      target = `unix://${address.socketPath}`;
      creds = new DockerH2cCredentials("/grpc");
      break;
  }
  const client = new grpc.Client(target, creds, options);
  return { ok: true, connection: { address, addressText, client, close: () => client.close() } };
}

/** Parses and opens an address as the user wrote it (--addr / BUILDKIT_HOST). */
export function connectTo(addr: string, tls: TlsFiles = {}, env: DetectEnv = process.env): ConnectResult {
  const parsed = parseDaemonAddress(addr, tls, env);
  if (!parsed.ok) return parsed;
  return openConnection(parsed.address);
}

/** Fails fast when a unix socket file is missing (gRPC would otherwise retry until its deadline). */
export function socketProblem(address: DaemonAddress): string | null {
  const p = address.kind === "unix" ? address.path : address.kind === "docker" ? address.socketPath : null;
  if (p === null) return null;
  if (!existsSync(p)) return `${p} does not exist`;
  try {
    if (!statSync(p).isSocket()) return `${p} is not a socket`;
  } catch (e) {
    return `cannot stat ${p}: ${e instanceof Error ? e.message : String(e)}`;
  }
  return null;
}

export interface ProbeReport {
  origin: string;
  address: string;
  /** "ok", or why it was not usable. */
  outcome: string;
}

export interface DetectResult {
  connection: Connection | null;
  /** Every place that was tried, in order, with what was found. */
  tried: ProbeReport[];
  error?: SolverError;
}

/**
 * Tries the usual places (see candidateAddresses) and returns the first daemon that answers
 * `probe` (normally a ListWorkers call), with a report of everything tried.
 */
export async function detectDaemon(probe: (c: Connection) => Promise<SolverError | null>, env: DetectEnv = process.env): Promise<DetectResult> {
  const { candidates, errors } = candidateAddresses(env);
  const tried: ProbeReport[] = errors.map((e) => ({ origin: "environment", address: e.address ?? "", outcome: e.message }));
  for (const c of candidates as Candidate[]) {
    const text = formatDaemonAddress(c.address);
    const problem = socketProblem(c.address);
    if (problem) {
      tried.push({ origin: c.origin, address: text, outcome: problem });
      continue;
    }
    const r = openConnection(c.address);
    if (!r.ok) {
      tried.push({ origin: c.origin, address: text, outcome: r.error.message });
      continue;
    }
    const err = await probe(r.connection);
    if (err === null) {
      tried.push({ origin: c.origin, address: text, outcome: "ok" });
      return { connection: r.connection, tried };
    }
    r.connection.close();
    tried.push({ origin: c.origin, address: text, outcome: err.message });
  }
  const summary = tried.map((t) => `  ${t.origin} ${t.address}: ${t.outcome}`).join("\n");
  return {
    connection: null,
    tried,
    error: solverError("unreachable", `no BuildKit daemon found; tried:\n${summary}\nSet BUILDKIT_HOST or --addr (unix://, tcp://, docker://).`),
  };
}
