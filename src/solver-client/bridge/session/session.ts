// A BuildKit session: what `buildctl build --local NAME=DIR --secret id=...` attaches so the
// daemon can pull local sources and read secrets from the client. We open the connection, the
// daemon dials back through it as an HTTP/2 (gRPC) client, and we serve Health, FileSync and
// Secrets on it. Transports: Docker Engine's `POST /session` (h2c upgrade on the API socket) and
// the Control API's `Session` byte tunnel (buildkitd; Docker's /grpc has it too).
import * as grpc from "@grpc/grpc-js";
import { createHash, randomBytes } from "node:crypto";
import * as http2 from "node:http2";
import { connect as netConnect, type Socket } from "node:net";
import * as path from "node:path";
import type { Duplex } from "node:stream";
import type { Connection } from "../connect";
import { upgradeToH2c } from "../docker-h2c";
import { diffCopyHandler, type FileSyncEvent, type SyncedDir } from "./file-sync";
import { GrpcCode, GrpcStatusError, serveGrpc, type Handler } from "./grpc-server";
import { decodeSecretRequest, encodeSecretResponse, encodeServing, loadSessionTypes, type SessionTypes } from "./session-proto";
import { openSessionTunnel } from "./tunnel";

export const HEALTH_CHECK = "/grpc.health.v1.Health/Check";
export const FILESYNC_DIFFCOPY = "/moby.filesync.v1.FileSync/DiffCopy";
export const SECRETS_GETSECRET = "/moby.buildkit.secrets.v1.Secrets/GetSecret";

/** BuildKit's limit on one secret (secretsprovider.MaxSecretSize). */
export const MAX_SECRET_SIZE = 500 * 1024;

export interface LocalDirSpec {
  dir: string;
  /** Client-side excludes (.dockerignore); they replace the daemon's unless it overrides them. */
  excludes?: string[];
}

/** What one build's session offers. Secret values are kept in memory for this session only. */
export interface SessionSpec {
  /** `local://NAME` sources: NAME → directory. */
  locals: Record<string, string | LocalDirSpec>;
  /** Secret ID → value. */
  secrets: Record<string, string | Uint8Array>;
}

export type SessionTransport = "auto" | "docker-session" | "control-session";

export interface SessionOptions {
  /** How to attach. "auto": `POST /session` on Docker addresses, Control.Session elsewhere. */
  transport: SessionTransport;
  /** Session ID (no ':'). Default: a random 25-character ID like BuildKit's. */
  id: string;
  /**
   * Shared key: the daemon keeps a copy of each local dir per `<name>:<sharedKeyHint>:<key>` and
   * only asks for changed files next time. Default: derived from the local dirs' absolute paths.
   */
  sharedKey: string;
  /** Transfer progress and problems (paths only, never secret values). */
  onEvent: (e: SessionEvent) => void;
}

export type SessionEvent = FileSyncEvent | { kind: "secret"; id: string; found: boolean } | { kind: "closed"; reason: string };

export interface AttachedSession {
  id: string;
  /** The methods advertised to the daemon. */
  methods: string[];
  /** Resolves when the daemon or we closed the session, with why. */
  closed: Promise<string>;
  close(): Promise<void>;
}

export class SessionError extends Error {
  override readonly name = "SessionError";
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export function isSessionError(e: unknown): e is SessionError {
  return e instanceof Error && e.name === "SessionError";
}

/** 25 lowercase base-36 characters, like BuildKit's identity.NewID(). */
export function newSessionId(): string {
  let s = "";
  for (const b of randomBytes(25)) s += (b % 36).toString(36);
  return s;
}

export function normalizeLocals(locals: SessionSpec["locals"]): Map<string, SyncedDir> {
  const out = new Map<string, SyncedDir>();
  for (const [name, v] of Object.entries(locals)) {
    const spec = typeof v === "string" ? { dir: v } : v;
    out.set(name, { dir: path.resolve(spec.dir), ...(spec.excludes?.length ? { excludes: spec.excludes } : {}) });
  }
  return out;
}

function defaultSharedKey(dirs: Map<string, SyncedDir>): string {
  const h = createHash("sha256");
  for (const [name, d] of [...dirs].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(`${name}=${d.dir}\n`);
  return h.digest("hex").slice(0, 32);
}

function secretHandler(types: SessionTypes, secrets: Map<string, Uint8Array>, onEvent?: (e: SessionEvent) => void): Handler {
  return {
    kind: "unary",
    async handle(req) {
      const { id } = decodeSecretRequest(types, req);
      const value = secrets.get(id);
      onEvent?.({ kind: "secret", id, found: value !== undefined });
      if (value === undefined) throw new GrpcStatusError(GrpcCode.NOT_FOUND, `secret ${id}: not found`);
      if (value.length > MAX_SECRET_SIZE) throw new GrpcStatusError(GrpcCode.INVALID_ARGUMENT, `invalid secret size ${value.length}`);
      return encodeSecretResponse(types, value);
    },
  };
}

/** The handlers a session serves for a spec, keyed by method path. */
export function sessionHandlers(spec: SessionSpec, types: SessionTypes, onEvent?: (e: SessionEvent) => void): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  const serving = encodeServing(types);
  handlers.set(HEALTH_CHECK, { kind: "unary", handle: async () => serving });
  const dirs = normalizeLocals(spec.locals);
  if (dirs.size > 0) handlers.set(FILESYNC_DIFFCOPY, { kind: "bidi", handle: diffCopyHandler(dirs, onEvent) });
  const secrets = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(spec.secrets)) secrets.set(k, typeof v === "string" ? new TextEncoder().encode(v) : v);
  // Always served: unknown IDs answer NOT_FOUND, so optional secret mounts pass.
  handlers.set(SECRETS_GETSECRET, secretHandler(types, secrets, onEvent));
  return handlers;
}

function sessionHeaders(id: string, sharedKey: string, methods: string[]): Record<string, string | string[]> {
  return {
    "X-Docker-Expose-Session-Uuid": id,
    "X-Docker-Expose-Session-Name": "llbx",
    "X-Docker-Expose-Session-Sharedkey": sharedKey,
    "X-Docker-Expose-Session-Grpc-Method": methods,
  };
}

function connectUnix(socketPath: string, timeoutMs = 10_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect(socketPath);
    const timer = setTimeout(() => s.destroy(new Error(`connecting to ${socketPath} timed out`)), timeoutMs);
    s.once("connect", () => {
      clearTimeout(timer);
      s.off("error", reject);
      resolve(s);
    });
    s.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * Attaches a session for `spec` to the daemon behind `connection`. Resolves once the daemon has
 * accepted it (it may call back right away); pass `id` as SolveRequest.Session.
 */
export async function attachSession(connection: Connection, spec: SessionSpec, options: Partial<SessionOptions> = {}): Promise<AttachedSession> {
  const types = loadSessionTypes();
  const id = options.id ?? newSessionId();
  if (id.includes(":")) throw new SessionError(`session id ${JSON.stringify(id)} must not contain ':'`);
  const dirs = normalizeLocals(spec.locals);
  const sharedKey = options.sharedKey ?? defaultSharedKey(dirs);
  const onEvent = options.onEvent;
  const handlers = sessionHandlers(spec, types, onEvent);
  const methods = [...handlers.keys()];
  const transport = options.transport && options.transport !== "auto" ? options.transport : connection.address.kind === "docker" ? "docker-session" : "control-session";

  let duplex: Duplex;
  if (transport === "docker-session") {
    if (connection.address.kind !== "docker") throw new SessionError(`the docker-session transport needs a Docker address, not ${connection.addressText}`);
    let socket: Socket;
    try {
      socket = await connectUnix(connection.address.socketPath);
    } catch (e) {
      throw new SessionError(`cannot attach a session to ${connection.addressText}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
    try {
      duplex = await upgradeToH2c(socket, "/session", sessionHeaders(id, sharedKey, methods));
    } catch (e) {
      socket.destroy();
      throw new SessionError(`cannot attach a session to ${connection.addressText}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  } else {
    const md = new grpc.Metadata();
    for (const [k, v] of Object.entries(sessionHeaders(id, sharedKey, methods))) for (const one of Array.isArray(v) ? v : [v]) md.add(k.toLowerCase(), one);
    duplex = openSessionTunnel(connection.client, md, types);
  }

  const h2 = http2.performServerHandshake(duplex, { settings: { maxConcurrentStreams: 1000 } });
  const server = serveGrpc(h2, handlers);
  let closeReason = "closed by the client";
  duplex.once("error", (e: Error) => {
    closeReason = `session connection failed: ${e.message}`;
  });
  const closed = (async () => {
    await server.closed;
    onEvent?.({ kind: "closed", reason: closeReason });
    return closeReason;
  })();
  // If the daemon refuses the Control.Session call, the tunnel fails right away.
  return {
    id,
    methods,
    closed,
    async close() {
      if (h2.destroyed) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          h2.destroy();
          duplex.destroy();
          resolve();
        }, 2000);
        t.unref();
        h2.close(() => {
          clearTimeout(t);
          duplex.destroy();
          resolve();
        });
      });
    },
  };
}
