// Talking to a BuildKit daemon over the Control API: Info, ListWorkers, Solve with Status streaming,
// cancel. Results and errors are plain typed data (protocol/), ready to cross to the page.
import * as grpc from "@grpc/grpc-js";
import { randomBytes } from "node:crypto";
import { daemonCapsFor, INFO_RPC_SINCE, parseBuildkitVersion, buildkitForDockerEngine } from "../protocol/caps";
import type { DaemonCaps } from "../protocol/caps";
import { SolverFailure, solverError } from "../protocol/errors";
import type { FailedVertex, SolverError } from "../protocol/errors";
import type { BuildkitVersionInfo, DaemonInfo, Entitlement } from "../protocol/messages";
import { base64ToBytes } from "../protocol/status";
import type { SolveStatus } from "../protocol/status";
import type { Connection } from "./connect";
import { dockerEngineVersion } from "./docker-h2c";
import type { DockerVersion } from "./docker-h2c";
import {
  decodeInfoResponse,
  decodeListWorkersResponse,
  decodeRpcStatusDetails,
  decodeSolveResponse,
  decodeStatusResponse,
  encodeEmpty,
  encodeSolveRequest,
  encodeStatusRequest,
  loadControlTypes,
} from "./proto";
import type { ControlTypes, DecodedWorker, ExporterSpec } from "./proto";
import { attachSession } from "./session/session";
import type { AttachedSession, SessionOptions, SessionSpec } from "./session/session";

const SERVICE = "/moby.buildkit.v1.Control";

export interface SolveOptions {
  /** Entitlements to grant. Default none. */
  entitlements: Entitlement[];
  /** Exporters (e.g. `{type: "moby", attrs: {name: "x:latest"}}` on Docker). Default none: solve only. */
  exporters: ExporterSpec[];
  /** Build reference (the Status key). Default: a random 25-character ID like BuildKit's. */
  ref: string;
  /** How long to keep reading status after Solve returned, without news. Default 5000 (as buildctl). */
  statusTailMs: number;
  /**
   * Local directories and secrets the build may use: a BuildKit session is attached for the
   * build (SolveRequest.Session) and closed after it. Default none (no session).
   */
  session?: SessionSpec;
  /** How the session is attached (transport, ID, shared key, transfer events). */
  sessionOptions?: Partial<SessionOptions>;
}

export type SolveResult =
  | { ok: true; ref: string; exporterResponse: Record<string, string> }
  | { ok: false; ref: string; error: SolverError };

export interface BuildHandle {
  ref: string;
  /** Resolves when the build and its status stream are over. Never rejects. */
  done: Promise<SolveResult>;
  /** Cancels the build (the daemon cancels the job when the Solve call is canceled). */
  cancel(): void;
}

export interface Solver {
  readonly connection: Connection;
  /** Control.Info; null on daemons without it (BuildKit < v0.11, e.g. Docker 20.10). */
  info(): Promise<BuildkitVersionInfo | null>;
  listWorkers(): Promise<DecodedWorker[]>;
  /** Version, workers, Docker Engine version and LLB caps in one go. */
  daemonInfo(): Promise<DaemonInfo>;
  solve(definition: Uint8Array, options?: Partial<SolveOptions>, onStatus?: (s: SolveStatus) => void): BuildHandle;
  close(): void;
}

const identity = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const raw = (b: Buffer): Buffer => b;

/** 25 lowercase base-36 characters, like BuildKit's identity.NewID(). */
export function newBuildRef(): string {
  const bytes = randomBytes(17);
  bytes[0] = (bytes[0] ?? 0) | 0x80;
  let n = BigInt(`0x${bytes.toString("hex")}`);
  let s = "";
  while (n > 0n) {
    s = (n % 36n).toString(36) + s;
    n /= 36n;
  }
  return s.slice(1, 26);
}

function isServiceError(e: unknown): e is grpc.ServiceError {
  return e instanceof Error && typeof (e as Partial<grpc.ServiceError>).code === "number";
}

function describeAddress(c: Connection): string {
  return c.addressText;
}

/** Maps a failed unary call to a SolverError. */
export function callError(c: Connection, what: string, e: unknown): SolverError {
  const address = describeAddress(c);
  if (isServiceError(e)) {
    if (e.code === grpc.status.UNAVAILABLE || e.code === grpc.status.DEADLINE_EXCEEDED) {
      return solverError("unreachable", `BuildKit daemon at ${address} is unreachable (${what}): ${e.details}`, { grpcCode: e.code, address });
    }
    if (e.code === grpc.status.UNIMPLEMENTED) {
      return solverError("unsupported", `BuildKit daemon at ${address} does not implement ${what}: ${e.details}`, { grpcCode: e.code, address });
    }
    return solverError("internal", `${what} failed at ${address}: ${e.details}`, { grpcCode: e.code, address });
  }
  return solverError("internal", `${what} failed at ${address}: ${e instanceof Error ? e.message : String(e)}`, { address });
}

/** The failing vertex digest from BuildKit's error details (errdefs.Vertex+json). */
function failedVertexDigest(ct: ControlTypes, e: grpc.ServiceError): string | undefined {
  const bin = e.metadata?.get("grpc-status-details-bin")[0];
  if (!(bin instanceof Buffer)) return undefined;
  try {
    const st = decodeRpcStatusDetails(ct, bin);
    for (const d of st.details) {
      if (d.typeUrl.endsWith("errdefs.Vertex+json") && typeof d.json === "object" && d.json !== null) {
        const dg = (d.json as { digest?: unknown }).digest;
        if (typeof dg === "string") return dg;
      }
    }
  } catch {
    // details are best-effort
  }
  return undefined;
}

/** Collects what the status stream said about each vertex, to explain failures. */
class StatusMemory {
  readonly names = new Map<string, string>();
  readonly errors = new Map<string, string>();
  private readonly text = new Map<string, string>();
  /** Set once the daemon answered anything on the Status stream (headers or a message). */
  sawAny = false;

  add(s: SolveStatus): void {
    this.sawAny = true;
    for (const v of s.vertexes ?? []) {
      if (v.name) this.names.set(v.digest, v.name);
      if (v.error) this.errors.set(v.digest, v.error);
    }
    for (const l of s.logs ?? []) {
      if (!l.vertex) continue;
      const b = base64ToBytes(l.data);
      if (!b) continue;
      const prev = this.text.get(l.vertex) ?? "";
      const next = prev + new TextDecoder().decode(b);
      this.text.set(l.vertex, next.length > 65536 ? next.slice(-65536) : next);
    }
  }

  vertex(digest: string): FailedVertex {
    const out: FailedVertex = { digest };
    const name = this.names.get(digest);
    if (name) out.name = name;
    const t = this.text.get(digest);
    if (t) out.logs = t.replace(/\n$/, "").split("\n").slice(-20);
    return out;
  }

  /** The vertex that reported a real (non-cancel) error, if exactly the daemon's details did not say. */
  erroredVertex(): string | undefined {
    for (const [d, err] of this.errors) if (!err.endsWith("context canceled")) return d;
    return undefined;
  }
}

export function createSolver(connection: Connection, types: ControlTypes = loadControlTypes()): Solver {
  const { client } = connection;
  const ct = types;

  function unary(method: string, req: Uint8Array, timeoutMs: number): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      client.makeUnaryRequest(`${SERVICE}/${method}`, identity, raw, req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
        if (err) reject(err);
        else resolve(res ?? Buffer.alloc(0));
      });
    });
  }

  async function info(): Promise<BuildkitVersionInfo | null> {
    try {
      const res = await unary("Info", encodeEmpty(ct, "InfoRequest"), 10_000);
      return decodeInfoResponse(ct, res) ?? null;
    } catch (e) {
      if (isServiceError(e) && e.code === grpc.status.UNIMPLEMENTED) return null;
      throw new SolverFailure(callError(connection, "Info", e));
    }
  }

  async function listWorkers(): Promise<DecodedWorker[]> {
    try {
      const res = await unary("ListWorkers", encodeEmpty(ct, "ListWorkersRequest"), 10_000);
      return decodeListWorkersResponse(ct, res);
    } catch (e) {
      throw new SolverFailure(callError(connection, "ListWorkers", e));
    }
  }

  async function daemonInfo(): Promise<DaemonInfo> {
    const workers = await listWorkers();
    const version = await info();
    let docker: DockerVersion | undefined;
    if (connection.address.kind === "docker") {
      try {
        docker = await dockerEngineVersion(connection.address.socketPath);
      } catch {
        docker = undefined;
      }
    }
    const workerVersion = workers.find((w) => w.buildkitVersion)?.buildkitVersion;
    let caps: DaemonCaps;
    const fromInfo = version ? parseBuildkitVersion(version.version) : null;
    const fromWorker = workerVersion ? parseBuildkitVersion(workerVersion.version) : null;
    const fromDocker = docker ? buildkitForDockerEngine(docker.version) : null;
    if (fromInfo) caps = daemonCapsFor(fromInfo, "info");
    else if (fromWorker) caps = daemonCapsFor(fromWorker, "worker");
    else if (fromDocker) caps = daemonCapsFor(fromDocker, "docker-engine");
    else if (version) caps = daemonCapsFor(INFO_RPC_SINCE, "info-rpc");
    else caps = daemonCapsFor(null, "unknown");
    const out: DaemonInfo = {
      address: connection.addressText,
      transport: connection.address.kind === "docker" ? "docker" : "buildkitd",
      workers: workers.map(({ id, labels, platforms }) => ({ id, labels, platforms })),
      caps,
    };
    const bv = version ?? workerVersion;
    if (bv) out.buildkitVersion = bv;
    if (docker) out.dockerEngine = { version: docker.version, apiVersion: docker.apiVersion };
    return out;
  }

  function solve(definition: Uint8Array, options: Partial<SolveOptions> = {}, onStatus?: (s: SolveStatus) => void): BuildHandle {
    const opts: SolveOptions = { entitlements: [], exporters: [], ref: newBuildRef(), statusTailMs: 5000, ...options };
    const ref = opts.ref;
    const memory = new StatusMemory();
    let canceled = false;
    let solveCall: grpc.ClientUnaryCall | null = null;

    let solveSettledResolve: () => void = () => {};
    const solveSettled = new Promise<void>((r) => {
      solveSettledResolve = r;
    });

    // Status first, then Solve right away (as BuildKit's client does): the daemon waits up to 6 s
    // for the job to appear, so Status may also come first.
    const statusStream = client.makeServerStreamRequest(`${SERVICE}/Status`, identity, raw, encodeStatusRequest(ct, ref), new grpc.Metadata(), {});

    const statusDone = new Promise<void>((resolve) => {
      let tailTimer: ReturnType<typeof setTimeout> | null = null;
      let solveFinished = false;
      let streamClosed = false;
      const armTail = () => {
        // Once the stream has ended there is nothing left to stop: a timer armed then would only
        // hold the process open (llbx build waited out the whole tail after printing its result).
        if (!solveFinished || streamClosed) return;
        if (tailTimer) clearTimeout(tailTimer);
        tailTimer = setTimeout(() => statusStream.cancel(), opts.statusTailMs);
      };
      const closed = () => {
        streamClosed = true;
        if (tailTimer) clearTimeout(tailTimer);
        resolve();
      };
      statusStream.on("metadata", () => {
        memory.sawAny = true;
      });
      statusStream.on("data", (buf: Buffer) => {
        let s: SolveStatus;
        try {
          s = decodeStatusResponse(ct, buf);
        } catch {
          return;
        }
        memory.add(s);
        onStatus?.(s);
        armTail();
      });
      // Status errors (our own cancel after the tail timeout, "no such job", a dropped
      // connection) are not reported separately: the Solve call's outcome says what happened.
      statusStream.on("error", closed);
      statusStream.on("end", closed);
      statusStream.on("close", closed);
      solveSettled.then(() => {
        solveFinished = true;
        armTail();
      });
    });

    let session: AttachedSession | null = null;
    let sessionFailure: string | null = null;
    const sessionReady: Promise<void> = opts.session
      ? attachSession(connection, opts.session, opts.sessionOptions ?? {}).then(
          (s) => {
            session = s;
            if (canceled) void s.close();
          },
          (e: unknown) => {
            sessionFailure = e instanceof Error ? e.message : String(e);
          },
        )
      : Promise.resolve();

    const solveOutcome = sessionReady
      .then(
        () =>
          new Promise<{ err: grpc.ServiceError | Error | null; res?: Buffer }>((resolve) => {
            if (sessionFailure !== null) {
              resolve({ err: new Error(sessionFailure) });
              return;
            }
            if (canceled) {
              resolve({ err: new Error("build canceled") });
              return;
            }
            let req: Uint8Array;
            try {
              const attached: AttachedSession | null = session;
              req = encodeSolveRequest(ct, { ref, definition, entitlements: opts.entitlements, exporters: opts.exporters, ...(attached ? { session: attached.id } : {}) });
            } catch (e) {
              resolve({ err: e instanceof Error ? e : new Error(String(e)) });
              return;
            }
            solveCall = client.makeUnaryRequest(`${SERVICE}/Solve`, identity, raw, req, new grpc.Metadata(), {}, (err, res) => {
              resolve(err ? { err } : { err: null, res: res ?? Buffer.alloc(0) });
            });
          }),
      )
      .then(async (o) => {
        const attached: AttachedSession | null = session;
        if (attached) await attached.close();
        solveSettledResolve();
        return o;
      });

    const done = (async (): Promise<SolveResult> => {
      const o = await solveOutcome;
      // The daemon closes the job's progress when the build ends, so the stream normally ends
      // right after Solve returns; otherwise the tail timer stops it.
      await statusDone;
      if (!o.err) return { ok: true, ref, exporterResponse: decodeSolveResponse(ct, o.res ?? Buffer.alloc(0)) };
      const address = describeAddress(connection);
      const e = o.err;
      if (canceled) return { ok: false, ref, error: solverError("canceled", "build canceled", { address }) };
      if (sessionFailure !== null) return { ok: false, ref, error: solverError("unreachable", sessionFailure, { address }) };
      if (!isServiceError(e)) return { ok: false, ref, error: solverError("internal", `Solve failed: ${e.message}`, { address }) };
      const lostConnection =
        e.code === grpc.status.UNAVAILABLE ||
        (e.code === grpc.status.INTERNAL && /RST_STREAM|Connection dropped|socket|GOAWAY|ECONNRESET|closed/i.test(e.details));
      if (lostConnection) {
        if (memory.sawAny) {
          return {
            ok: false,
            ref,
            error: solverError("daemon-died", `lost the connection to the BuildKit daemon at ${address} during the build: ${e.details}`, { grpcCode: e.code, address }),
          };
        }
        return { ok: false, ref, error: solverError("unreachable", `BuildKit daemon at ${address} is unreachable: ${e.details}`, { grpcCode: e.code, address }) };
      }
      const dg = failedVertexDigest(ct, e) ?? memory.erroredVertex();
      const vertex = dg ? memory.vertex(dg) : undefined;
      const where = vertex?.name ? ` (in ${vertex.name})` : "";
      return {
        ok: false,
        ref,
        error: solverError("solve-failed", `build failed${where}: ${e.details}`, vertex ? { grpcCode: e.code, address, vertex } : { grpcCode: e.code, address }),
      };
    })();

    return {
      ref,
      done,
      cancel() {
        if (canceled) return;
        canceled = true;
        const call: grpc.ClientUnaryCall | null = solveCall;
        call?.cancel();
        // The daemon sends the final "context canceled" vertex updates right away; if the job did
        // not exist yet, Status would wait up to 6 s for it, so stop listening after a grace period.
        setTimeout(() => statusStream.cancel(), 1500).unref();
      },
    };
  }

  return { connection, info, listWorkers, daemonInfo, solve, close: () => connection.close() };
}
