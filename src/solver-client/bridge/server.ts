// The WebSocket bridge between the page and the BuildKit daemon. Loopback only, a per-launch
// random token, an Origin allow-list, strictly validated messages, and no entitlement granted
// unless the build message lists it.
import { randomBytes, timingSafeEqual } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import { isSolverFailure, solverError } from "../protocol/errors";
import type { SolverError } from "../protocol/errors";
import { parseClientFrame } from "../protocol/messages";
import type { BuildMessage, ClientMessage, ServerMessage } from "../protocol/messages";
import { base64ToBytes } from "../protocol/status";
import { describeSessionNeeds, missingSessionNeeds, namedSessionId, sessionNeeds } from "../protocol/session-needs";
import { readLlb } from "../../llb/index";
import { CONTEXT_UPLOAD_PATH, TOKEN_HEADER } from "../protocol/context-upload";
import type { TlsFiles } from "./address";
import type { ProbeReport } from "./connect";
import { ContextUploads, isContextUploadError } from "./context-uploads";
import { openSolver } from "./open-solver";
import type { SessionSpec } from "./session/session";
import type { BuildHandle, SolveOptions, Solver } from "./solver";
import { createStatusBatcher } from "./status-batcher";

export const BRIDGE_PATH = "/bridge";
/** WebSocket close code for a missing or wrong token. */
export const CLOSE_UNAUTHORIZED = 4401;

export interface BridgeOptions {
  /** The per-launch secret the page must present (URL `?token=` or a first `auth` message). */
  token: string;
  /** Extra origins allowed besides the bridge's own (e.g. the Vite dev server, "http://localhost:5173"). */
  allowedOrigins: string[];
  /** How to get a daemon connection; called lazily and again after a failure. */
  getSolver: () => Promise<Solver>;
  /**
   * Folders on this machine that page builds may read through the session (`llbx serve --context
   * DIR` serves `context` and `dockerfile`). Builds needing any other local source are refused.
   */
  locals: SessionSpec["locals"];
  /** WebSocket path. Default "/bridge". */
  path: string;
  /** Largest accepted frame. Default 64 MiB (a base64 Definition of a very large graph). */
  maxPayload: number;
  /** Milliseconds a connection may stay unauthenticated. Default 10 s. */
  authTimeoutMs: number;
  /** Build contexts uploaded by the page. Default: a fresh store under os.tmpdir(). */
  uploads: ContextUploads;
}

export interface AttachedBridge {
  /**
   * Serves the bridge's plain HTTP requests (the context upload); returns false for any other
   * path, for the caller's own handler.
   */
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** Closes every bridge connection (canceling their builds), removes uploads, stops handling upgrades. */
  close(): void;
}

/** A random token for one launch: 32 bytes, base64url. */
export function newBridgeToken(): string {
  return randomBytes(32).toString("base64url");
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

function reject(socket: Duplex, code: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(`HTTP/1.1 ${code} ${http.STATUS_CODES[code] ?? ""}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Everything one page connection owns. */
class Session {
  private authed: boolean;
  private readonly builds = new Map<string, BuildHandle>();
  private readonly authTimer: ReturnType<typeof setTimeout> | null;

  constructor(
    private readonly ws: WebSocket,
    private readonly opts: BridgeOptions,
    authedByUrl: boolean,
  ) {
    this.authed = authedByUrl;
    this.authTimer = authedByUrl ? null : setTimeout(() => this.ws.close(CLOSE_UNAUTHORIZED, "authentication timeout"), opts.authTimeoutMs);
    ws.on("message", (data, isBinary) => {
      try {
        this.onFrame(isBinary ? null : data.toString());
      } catch (e) {
        this.send({ type: "error", error: solverError("internal", `bridge error: ${e instanceof Error ? e.message : String(e)}`) });
      }
    });
    ws.on("close", () => this.dispose());
    ws.on("error", () => this.dispose());
    if (authedByUrl) this.send({ type: "ready" });
  }

  private send(m: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(m));
  }

  private onFrame(text: string | null): void {
    if (text === null) {
      this.send({ type: "error", error: solverError("bad-request", "binary frames are not accepted; send JSON text") });
      return;
    }
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.send({ type: "error", error: solverError("bad-request", parsed.message) });
      return;
    }
    const msg = parsed.value;
    if (!this.authed) {
      if (msg.type !== "auth") {
        this.ws.close(CLOSE_UNAUTHORIZED, "authenticate first");
        return;
      }
      if (!tokenMatches(msg.token, this.opts.token)) {
        this.ws.close(CLOSE_UNAUTHORIZED, "bad token");
        return;
      }
      this.authed = true;
      if (this.authTimer) clearTimeout(this.authTimer);
      this.send({ type: "ready" });
      return;
    }
    this.handle(msg);
  }

  private handle(msg: ClientMessage): void {
    switch (msg.type) {
      case "auth":
        this.send({ type: "error", error: solverError("bad-request", "already authenticated") });
        return;
      case "connect-info":
        void this.connectInfo();
        return;
      case "build":
        void this.build(msg);
        return;
      case "cancel": {
        const b = this.builds.get(msg.buildId);
        if (!b) {
          this.send({ type: "error", buildId: msg.buildId, error: solverError("bad-request", `no running build ${JSON.stringify(msg.buildId)}`) });
          return;
        }
        b.cancel();
        return;
      }
    }
  }

  private async solver(): Promise<{ ok: true; solver: Solver } | { ok: false; error: SolverError }> {
    try {
      return { ok: true, solver: await this.opts.getSolver() };
    } catch (e) {
      if (isSolverFailure(e)) return { ok: false, error: e.error };
      return { ok: false, error: solverError("internal", e instanceof Error ? e.message : String(e)) };
    }
  }

  private async connectInfo(): Promise<void> {
    const s = await this.solver();
    if (!s.ok) {
      this.send({ type: "error", error: s.error });
      return;
    }
    try {
      this.send({ type: "connect-info", info: await s.solver.daemonInfo() });
    } catch (e) {
      this.send({ type: "error", error: isSolverFailure(e) ? e.error : solverError("internal", e instanceof Error ? e.message : String(e)) });
    }
  }

  private async build(msg: BuildMessage): Promise<void> {
    // The uploaded context lives as long as this build, however it ends. Before the build claims
    // it, only an unclaimed upload is dropped (another build may hold the one this message names).
    const upload = msg.contextUpload;
    let claimed = false;
    const release = () => (upload ? void (claimed ? this.opts.uploads.release(upload) : this.opts.uploads.discard(upload)) : undefined);
    if (this.builds.has(msg.buildId)) {
      this.send({ type: "error", buildId: msg.buildId, error: solverError("bad-request", `build ${JSON.stringify(msg.buildId)} is already running`) });
      return release();
    }
    const bytes = base64ToBytes(msg.definition);
    if (!bytes || bytes.length === 0) {
      this.send({ type: "error", buildId: msg.buildId, error: solverError("bad-request", "build.definition is not base64") });
      return release();
    }
    const s = await this.solver();
    if (!s.ok) {
      this.send({ type: "build-failed", buildId: msg.buildId, error: s.error });
      return release();
    }
    if (this.ws.readyState !== this.ws.OPEN) return release();
    const locals: SessionSpec["locals"] = { ...this.opts.locals };
    if (upload) {
      const dir = this.opts.uploads.claim(upload);
      claimed = dir !== null;
      if (!dir) {
        this.send({ type: "build-failed", buildId: msg.buildId, error: solverError("bad-request", "the uploaded build context is gone (used by another build, or not claimed within 10 minutes): pick the folder again") });
        return;
      }
      locals.context = dir;
    }
    const secrets = msg.secrets ?? {};
    // A build that needs a local source, secret or ssh socket the bridge does not serve would fail
    // inside the daemon with a vague error: say what is missing instead.
    const read = readLlb(bytes);
    if (read.ok) {
      const missing = missingSessionNeeds(sessionNeeds(read.graph), { locals: Object.keys(locals), secrets: Object.keys(secrets) });
      if (missing.length > 0) {
        const hint = missing.some((n) => n.kind === "local") ? " Pick or drop the context folder in the page, or start the bridge with `llbx serve --context DIR`." : "";
        this.send({ type: "build-failed", buildId: msg.buildId, error: solverError("bad-request", describeSessionNeeds(missing) + hint) });
        return release();
      }
    }
    // Only what the message asked for; parseClientMessage already limited it to known names.
    const options: Partial<SolveOptions> = { entitlements: [...msg.entitlements] };
    if (Object.keys(locals).length > 0 || Object.keys(secrets).length > 0) {
      options.session = { locals, secrets: { ...secrets } };
      const named = read.ok ? namedSessionId(read.graph) : null;
      if (named && !named.includes(":")) options.sessionOptions = { id: named };
    }
    const batcher = createStatusBatcher((statuses) => this.send({ type: "statuses", buildId: msg.buildId, statuses }));
    // build-started goes first: statuses the solver reports synchronously wait for the batch.
    const handle = s.solver.solve(bytes, options, (status) => batcher.push(status));
    this.builds.set(msg.buildId, handle);
    this.send({ type: "build-started", buildId: msg.buildId });
    const r = await handle.done;
    batcher.flush();
    this.builds.delete(msg.buildId);
    release();
    if (r.ok) this.send({ type: "build-done", buildId: msg.buildId, exporterResponse: r.exporterResponse });
    else this.send({ type: "build-failed", buildId: msg.buildId, error: r.error });
  }

  dispose(): void {
    if (this.authTimer) clearTimeout(this.authTimer);
    for (const b of this.builds.values()) b.cancel();
    this.builds.clear();
  }
}

/**
 * Handles WebSocket upgrades on `path` of an existing server (which should listen on loopback).
 * Checks, in order: path, Host (loopback name with the server's port, against DNS rebinding),
 * Origin (the server's own origin or an allowed one; a missing Origin is refused), and the token
 * when it is in the URL. Other upgrade paths are left to other listeners, or refused with 404
 * when there are none.
 */
export function attachBridge(server: http.Server, options: Partial<BridgeOptions> & Pick<BridgeOptions, "token" | "getSolver">): AttachedBridge {
  const opts: BridgeOptions = { allowedOrigins: [], path: BRIDGE_PATH, maxPayload: 64 * 1024 * 1024, authTimeoutMs: 10_000, locals: {}, ...options, uploads: options.uploads ?? new ContextUploads() };
  if (opts.token.length < 16) throw new Error("bridge token must be at least 16 characters");
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload });
  const sessions = new Set<Session>();

  /** Host (against DNS rebinding) and Origin (a missing one is refused): why not, or null. */
  const refusal = (req: http.IncomingMessage): { code: number; reason: string } | null => {
    const addr = server.address() as AddressInfo | null;
    const port = addr?.port ?? 0;
    if (!ownHosts(port).includes(req.headers.host ?? "")) return { code: 403, reason: "bad Host header" };
    const origin = req.headers.origin;
    if (origin === undefined || !(ownOrigins(port).includes(origin) || opts.allowedOrigins.includes(origin))) return { code: 403, reason: "origin not allowed" };
    return null;
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://bridge.invalid");
    if (url.pathname !== opts.path) {
      if (server.listenerCount("upgrade") <= 1) reject(socket, 404, "not found");
      return;
    }
    const refused = refusal(req);
    if (refused) {
      reject(socket, refused.code, refused.reason);
      return;
    }
    const urlToken = url.searchParams.get("token");
    if (urlToken !== null && !tokenMatches(urlToken, opts.token)) {
      reject(socket, 401, "bad token");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const s = new Session(ws, opts, urlToken !== null);
      sessions.add(s);
      ws.on("close", () => sessions.delete(s));
    });
  };
  const handleRequest = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://bridge.invalid");
    if (url.pathname !== CONTEXT_UPLOAD_PATH) return false;
    const answer = (code: number, body: unknown): true => {
      if (!res.headersSent) {
        // The body may still be arriving: close the connection rather than read the rest.
        res.writeHead(code, { "Content-Type": "application/json", ...(code >= 400 ? { Connection: "close" } : {}) });
        res.end(JSON.stringify(body));
      }
      return true;
    };
    const refused = refusal(req);
    if (refused) return answer(refused.code, { error: refused.reason });
    if (req.method !== "POST") return answer(405, { error: "POST a context" });
    const token = req.headers[TOKEN_HEADER];
    if (typeof token !== "string" || !tokenMatches(token, opts.token)) return answer(401, { error: "bad token" });
    opts.uploads.receive(req).then(
      (reply) => answer(200, reply),
      (e: unknown) => answer(isContextUploadError(e) ? 400 : 500, { error: e instanceof Error ? e.message : String(e) }),
    );
    return true;
  };

  server.on("upgrade", onUpgrade);
  return {
    handleRequest,
    close() {
      void opts.uploads.closeAll();
      server.off("upgrade", onUpgrade);
      for (const s of sessions) s.dispose();
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}

export interface StartBridgeOptions {
  /** Default 0 (any free port). */
  port: number;
  /** Loopback only: "127.0.0.1" (default), "localhost" or "::1". */
  host: string;
  /** Default: a fresh random token. */
  token: string;
  /** Daemon address (unix://, tcp://, docker://, docker+unix://). Default: auto-detect. */
  addr: string;
  tls: TlsFiles;
  /** Extra allowed page origins (the dev server). */
  allowedOrigins: string[];
  /** Serves plain HTTP requests (the static app). Default: 404 for everything. */
  requestListener: http.RequestListener;
  /** Folders page builds may read through the session (see BridgeOptions.locals). */
  locals: SessionSpec["locals"];
}

export interface RunningBridge {
  server: http.Server;
  port: number;
  token: string;
  /** ws://127.0.0.1:PORT/bridge?token=… */
  url: string;
  /** What auto-detection tried, once a daemon was needed. */
  detection(): ProbeReport[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/** Starts the bridge on a loopback port; what `llbx serve` calls. */
export async function startBridge(options: Partial<StartBridgeOptions> = {}): Promise<RunningBridge> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`the bridge only listens on loopback (127.0.0.1, localhost, ::1), not ${host}`);
  const token = options.token ?? newBridgeToken();
  let solver: Solver | null = null;
  let tried: ProbeReport[] = [];
  const getSolver = async (): Promise<Solver> => {
    if (solver) return solver;
    // With an address: no probe here (a daemon that is down now may be up at the next build);
    // without one: auto-detection needs the probe to choose.
    const opened = await openSolver(options.addr ? { addr: options.addr, tls: options.tls ?? {}, probe: false } : {});
    tried = opened.tried;
    solver = opened.solver;
    return solver;
  };
  const fallback: http.RequestListener =
    options.requestListener ??
    ((_req, res) => {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found\n");
    });
  let attached: AttachedBridge | null = null;
  const server = http.createServer((req, res) => {
    if (!attached?.handleRequest(req, res)) fallback(req, res);
  });
  attached = attachBridge(server, { token, getSolver, allowedOrigins: options.allowedOrigins ?? [], locals: options.locals ?? {} });
  await new Promise<void>((resolve, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", rejectListen);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "::1" ? "[::1]" : host;
  return {
    server,
    port,
    token,
    url: `ws://${urlHost}:${port}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`,
    detection: () => tried,
    close: () =>
      new Promise<void>((resolve) => {
        attached?.close();
        solver?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
