// Browser client for the bridge: one WebSocket, reconnected with backoff, typed messages in and
// out, builds routed by ID. No DOM types beyond the WebSocket shape in socket.ts; no Node APIs.
import { solverError } from "../protocol/errors";
import { isServerMessage } from "../protocol/messages";
import type { ClientMessage, Entitlement, ServerMessage } from "../protocol/messages";
import { bytesToBase64 } from "../protocol/status";
import { withToken } from "./bridge-url";
import { Listeners } from "./listeners";
import { defaultSocketImpl, SOCKET_OPEN } from "./socket";
import type { SocketLike } from "./socket";
import type { BridgeClient, BridgeClientOptions, BuildEvent, BuildExtras, BuildOutcome, ClientBuild, ConnectInfoResult, ConnectionState } from "./types";

/** Close code the bridge uses for a missing or wrong token. */
export const CLOSE_UNAUTHORIZED = 4401;

const DEFAULT_BACKOFF = { initialMs: 250, maxMs: 10_000, factor: 2 };

let buildCounter = 0;
function defaultBuildId(): string {
  buildCounter += 1;
  return `b-${Date.now().toString(36)}-${buildCounter}`;
}

/** Delay before reconnect attempt `attempt` (1-based). */
export function backoffDelay(attempt: number, b: BridgeClientOptions["backoff"]): number {
  return Math.min(b.maxMs, b.initialMs * b.factor ** Math.max(0, attempt - 1));
}

interface PendingBuild {
  buildId: string;
  message: ClientMessage;
  sent: boolean;
  buffered: BuildEvent[] | null;
  listeners: Listeners<BuildEvent>;
  resolve: (o: BuildOutcome) => void;
}

function frameText(data: unknown): string | null {
  if (typeof data === "string") return data;
  if (data instanceof Uint8Array) return new TextDecoder().decode(data);
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(data));
  return null;
}

export function createBridgeClient(options: Pick<BridgeClientOptions, "url" | "token"> & Partial<BridgeClientOptions>): BridgeClient {
  const impl = options.WebSocketImpl ?? defaultSocketImpl();
  const opts: Omit<BridgeClientOptions, "WebSocketImpl"> = {
    backoff: DEFAULT_BACKOFF,
    newBuildId: defaultBuildId,
    now: () => Date.now(),
    ...options,
  };
  const stateListeners = new Listeners<ConnectionState>();
  const messageListeners = new Listeners<ServerMessage>();
  const builds = new Map<string, PendingBuild>();
  const infoWaiters: ((r: ConnectInfoResult) => void)[] = [];
  let infoRequested = 0;
  let state: ConnectionState = { status: "connecting", attempt: 0, final: false };
  let socket: SocketLike | null = null;
  let ready = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closedByCaller = false;
  let invalidFrames = 0;

  const setState = (s: ConnectionState) => {
    state = s;
    stateListeners.emit(s);
  };

  const sendNow = (m: ClientMessage): boolean => {
    if (!socket || !ready || socket.readyState !== SOCKET_OPEN) return false;
    socket.send(JSON.stringify(m));
    return true;
  };

  const finishBuild = (b: PendingBuild, e: BuildEvent & { type: "done" | "failed" }) => {
    builds.delete(b.buildId);
    emitBuild(b, e);
    b.resolve(e.type === "done" ? { ok: true, exporterResponse: e.exporterResponse } : { ok: false, error: e.error });
  };

  const emitBuild = (b: PendingBuild, e: BuildEvent) => {
    if (b.buffered) b.buffered.push(e);
    else b.listeners.emit(e);
  };

  const flushQueue = () => {
    for (let i = 0; i < infoRequested; i++) sendNow({ type: "connect-info" });
    infoRequested = 0;
    for (const b of builds.values()) if (!b.sent) b.sent = sendNow(b.message);
  };

  const onServerMessage = (m: ServerMessage) => {
    messageListeners.emit(m);
    switch (m.type) {
      case "ready":
        ready = true;
        setState({ status: "open", attempt: 0, final: false });
        flushQueue();
        return;
      case "connect-info":
        infoWaiters.shift()?.({ ok: true, info: m.info });
        return;
      case "error": {
        const b = m.buildId !== undefined ? builds.get(m.buildId) : undefined;
        if (b) finishBuild(b, { type: "failed", buildId: b.buildId, error: m.error });
        else if (m.buildId === undefined) infoWaiters.shift()?.({ ok: false, error: m.error });
        return;
      }
      case "build-started":
      case "statuses":
      case "build-done":
      case "build-failed": {
        const b = builds.get(m.buildId);
        if (!b) return;
        if (m.type === "build-started") emitBuild(b, { type: "started", buildId: b.buildId });
        else if (m.type === "statuses") for (const status of m.statuses) emitBuild(b, { type: "status", buildId: b.buildId, status });
        else if (m.type === "build-done") finishBuild(b, { type: "done", buildId: b.buildId, exporterResponse: m.exporterResponse });
        else finishBuild(b, { type: "failed", buildId: b.buildId, error: m.error });
        return;
      }
    }
  };

  const lostConnection = (reason: string) => {
    for (const b of [...builds.values()]) {
      if (b.sent) finishBuild(b, { type: "failed", buildId: b.buildId, error: solverError("unreachable", `lost the connection to the bridge during the build (${reason})`) });
    }
    // connect-info requests in flight are sent again on the next connection
    infoRequested = infoWaiters.length;
  };

  const connect = () => {
    timer = null;
    if (closedByCaller) return;
    if (!impl) {
      setState({ status: "error", reason: "no WebSocket implementation", attempt: state.attempt, final: true });
      return;
    }
    setState({ status: "connecting", attempt: state.attempt, final: false });
    let sawError = false;
    let opened = false;
    let ws: SocketLike;
    try {
      ws = new impl(withToken(opts.url, opts.token));
    } catch (e) {
      scheduleReconnect("error", e instanceof Error ? e.message : String(e), undefined);
      return;
    }
    socket = ws;
    ws.onopen = () => {
      opened = true;
    };
    ws.onerror = () => {
      sawError = true;
    };
    ws.onmessage = (ev) => {
      const text = frameText(ev.data);
      let v: unknown = null;
      try {
        v = text === null ? null : JSON.parse(text);
      } catch {
        v = null;
      }
      if (isServerMessage(v)) onServerMessage(v);
      else invalidFrames += 1;
    };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      const reason = ev.reason || (opened ? "connection closed" : "could not connect to the bridge");
      lostConnection(reason);
      if (closedByCaller) return;
      if (ev.code === CLOSE_UNAUTHORIZED) {
        setState({ status: "error", reason: `the bridge refused the token (${ev.reason || "unauthorized"})`, code: ev.code, attempt: state.attempt, final: true });
        failAllInfo("the bridge refused the token");
        return;
      }
      scheduleReconnect(sawError || !opened ? "error" : "closed", reason, ev.code);
    };
  };

  const failAllInfo = (message: string) => {
    for (const w of infoWaiters.splice(0)) w({ ok: false, error: solverError("unreachable", message) });
    infoRequested = 0;
  };

  const scheduleReconnect = (status: "closed" | "error", reason: string, code: number | undefined) => {
    const attempt = state.attempt + 1;
    const delay = backoffDelay(attempt, opts.backoff);
    setState({ status, reason, ...(code !== undefined ? { code } : {}), attempt, retryAt: opts.now() + delay, final: false });
    timer = setTimeout(connect, delay);
  };

  connect();

  return {
    state: () => state,
    onState: (fn) => stateListeners.subscribe(fn),
    onMessage: (fn) => messageListeners.subscribe(fn),
    get invalidFrames() {
      return invalidFrames;
    },
    connectInfo() {
      if (closedByCaller || state.final) return Promise.resolve({ ok: false, error: solverError("unreachable", state.reason ?? "the client is closed") });
      return new Promise<ConnectInfoResult>((resolve) => {
        infoWaiters.push(resolve);
        if (!sendNow({ type: "connect-info" })) infoRequested += 1;
      });
    },
    build(definition: Uint8Array, entitlements: readonly Entitlement[], extras: BuildExtras = {}): ClientBuild {
      const buildId = extras.buildId ?? opts.newBuildId();
      let resolve: (o: BuildOutcome) => void = () => {};
      const done = new Promise<BuildOutcome>((r) => {
        resolve = r;
      });
      const b: PendingBuild = {
        buildId,
        message: {
          type: "build",
          buildId,
          definition: bytesToBase64(definition),
          entitlements: [...new Set(entitlements)],
          ...(extras.contextUpload ? { contextUpload: extras.contextUpload } : {}),
          ...(extras.secrets && Object.keys(extras.secrets).length > 0 ? { secrets: { ...extras.secrets } } : {}),
        },
        sent: false,
        buffered: [],
        listeners: new Listeners<BuildEvent>(),
        resolve,
      };
      builds.set(buildId, b);
      if (closedByCaller || state.final) finishBuild(b, { type: "failed", buildId, error: solverError("unreachable", state.reason ?? "the client is closed") });
      else b.sent = sendNow(b.message);
      return {
        buildId,
        done,
        events: {
          subscribe(fn) {
            const un = b.listeners.subscribe(fn);
            if (b.buffered) {
              const pending = b.buffered;
              b.buffered = null;
              for (const e of pending) fn(e);
            }
            return un;
          },
        },
        cancel() {
          if (!builds.has(buildId)) return;
          if (b.sent) sendNow({ type: "cancel", buildId });
          else finishBuild(b, { type: "failed", buildId, error: solverError("canceled", "canceled before it was sent") });
        },
      };
    },
    reconnect() {
      if (closedByCaller || socket) return;
      if (timer) clearTimeout(timer);
      connect();
    },
    close() {
      closedByCaller = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const s = socket;
      socket = null;
      ready = false;
      lostConnection("client closed");
      for (const b of [...builds.values()]) finishBuild(b, { type: "failed", buildId: b.buildId, error: solverError("canceled", "the client was closed") });
      failAllInfo("the client was closed");
      s?.close(1000, "client closed");
      setState({ status: "closed", reason: "closed by the page", attempt: 0, final: true });
    },
  };
}
