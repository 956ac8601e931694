// Live builds, outside React: the bridge connection, what the daemon is, the build in flight, the
// build on screen (the running one or one reopened from history) and the tab's build history.
// Status events are queued and folded into the build in batches (one store update per flush);
// components read everything through the selectors (selectors.ts) and hooks (use-live-build.ts).
import { createStore, type StoreApi } from "zustand/vanilla";
import type { LlbGraph } from "../../llb/index";
import { bridgeLocationFromPage, createBridgeClient } from "../../solver-client/client/index";
import { contextUploadBody, uploadContext } from "../../solver-client/client/index";
import type { BridgeClient, BridgeLocation, BuildEvent, ClientBuild, ConnectionState, UploadOptions, UploadResult } from "../../solver-client/client/index";
import { solverError } from "../../solver-client/protocol/index";
import type { DaemonInfo, Entitlement, SolverError, SolveStatus } from "../../solver-client/protocol/index";
import { contextEntries, type PickedContext } from "./context";
import { applyStatuses, createBuildState, finishBuild, markBuildStarted } from "./build-state";
import { addToHistory, findInHistory } from "./history";
import type { HistoryEntry } from "./history";
import type { BuildState, BuildStateOptions } from "./types";

export interface LiveBuildState {
  /** null until connect() was called. */
  connection: ConnectionState | null;
  bridge: BridgeLocation | null;
  daemon: DaemonInfo | null;
  daemonError: SolverError | null;
  /** The build in flight. */
  running: BuildState | null;
  /** The build on screen: the running one, the last one, or one reopened from history. */
  view: BuildState | null;
  history: HistoryEntry[];
  /** Bumped whenever a build changed in place (selectors key on it). */
  rev: number;
  /** Client clock (ms); ticks while a build runs, for elapsed times. */
  clock: number;
  /** The build context on its way to the bridge, before the build is sent. */
  upload: { buildId: string; sent: number; total: number } | null;
}

export interface StartBuildInput {
  /** A serialized pb.Definition. Op digests in the status stream are those of these bytes. */
  definition: Uint8Array;
  /** The graph the definition came from: its edges drive the critical path and running edges. */
  graph?: LlbGraph;
  /** Shown in the history. */
  label?: string;
  /** A folder picked in the page, sent to the bridge first and served as `local://context`. */
  context?: PickedContext | null;
  /** Secret ID -> value, for this build only (the store keeps none of them). */
  secrets?: Record<string, string>;
}

export interface LiveBuildActions {
  /** Connects to the bridge (default: the page URL's `?token=`, same origin `/bridge`). */
  connect(location?: BridgeLocation): void;
  disconnect(): void;
  /** Skips the backoff wait and tries the bridge again now. */
  reconnect(): void;
  /** Asks the bridge for daemon info again. */
  refreshInfo(): Promise<void>;
  /** Starts a build; entitlements are granted for this build only. Returns the build ID, or null if one is running. */
  startBuild(input: StartBuildInput, entitlements?: readonly Entitlement[]): string | null;
  cancel(): void;
  /** Shows a finished build again (timeline, logs). */
  openFromHistory(id: string): void;
  clearHistory(): void;
}

export type LiveBuildStore = StoreApi<LiveBuildState & LiveBuildActions>;

export interface LiveBuildDeps {
  createClient(location: BridgeLocation): BridgeClient;
  pageUrl(): string | null;
  now(): number;
  /** Milliseconds between batch flushes of status events. Default 50. */
  flushMs: number;
  /** Milliseconds between clock ticks while a build runs. Default 250. */
  tickMs: number;
  buildOptions: Partial<BuildStateOptions>;
  historyLimit: number;
  uploadContext(bridge: BridgeLocation, body: Blob, options: UploadOptions): Promise<UploadResult>;
}

const defaultDeps: LiveBuildDeps = {
  createClient: (loc) => createBridgeClient({ url: loc.url, token: loc.token }),
  pageUrl: () => (typeof location !== "undefined" ? location.href : null),
  now: () => Date.now(),
  flushMs: 50,
  tickMs: 250,
  buildOptions: {},
  historyLimit: 50,
  uploadContext,
};

let ownBuildCounter = 0;
/** IDs for builds whose context goes first (the client would name them only once sent). */
function ownBuildId(now: number): string {
  ownBuildCounter += 1;
  return `b-${now.toString(36)}-c${ownBuildCounter}`;
}

/** The `local://context` sources of a graph: where the picked context's bytes are expected. */
function contextSources(graph: LlbGraph | undefined, bytes: number): Map<string, number> | null {
  if (!graph) return null;
  const m = new Map<string, number>();
  for (const n of graph.nodes) if (n.op.op?.case === "source" && n.op.op.value.identifier === "local://context") m.set(n.digest, bytes);
  return m.size > 0 ? m : null;
}

function edgesOf(graph: LlbGraph): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const n of graph.nodes) m.set(n.digest, n.inputs.map((i) => i.digest));
  return m;
}

export function createLiveBuildStore(partial: Partial<LiveBuildDeps> = {}): LiveBuildStore {
  const deps: LiveBuildDeps = { ...defaultDeps, ...partial };
  let client: BridgeClient | null = null;
  let unsubscribe: (() => void) | null = null;
  let handle: ClientBuild | null = null;
  let uploadAbort: AbortController | null = null;
  let pending: SolveStatus[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let tickTimer: ReturnType<typeof setInterval> | null = null;

  const store = createStore<LiveBuildState & LiveBuildActions>()((set, get) => {
    const flush = () => {
      flushTimer = null;
      const b = get().running;
      if (!b || pending.length === 0) return;
      const batch = pending;
      pending = [];
      applyStatuses(b, batch);
      set({ rev: get().rev + 1 });
    };
    const stopTimers = () => {
      if (flushTimer) clearTimeout(flushTimer);
      if (tickTimer) clearInterval(tickTimer);
      flushTimer = null;
      tickTimer = null;
    };
    const onBuildEvent = (b: BuildState, e: BuildEvent) => {
      if (get().running !== b) return;
      if (e.type === "status") {
        pending.push(e.status);
        if (!flushTimer) flushTimer = setTimeout(flush, deps.flushMs);
        return;
      }
      if (e.type === "started") {
        markBuildStarted(b);
        set({ rev: get().rev + 1 });
        return;
      }
      flush();
      stopTimers();
      finishBuild(b, e.type === "done" ? { ok: true, exporterResponse: e.exporterResponse } : { ok: false, error: e.error }, deps.now());
      handle = null;
      set({ running: null, upload: null, history: addToHistory(get().history, b, { limit: deps.historyLimit }), rev: get().rev + 1, clock: deps.now() });
    };

    return {
      connection: null,
      bridge: null,
      daemon: null,
      daemonError: null,
      running: null,
      view: null,
      history: [],
      rev: 0,
      clock: deps.now(),
      upload: null,

      connect(location) {
        const page = deps.pageUrl();
        const loc = location ?? (page ? bridgeLocationFromPage(page) : null);
        if (!loc) {
          set({ connection: { status: "error", reason: "the page URL has no ?token= (open the address `llbx serve` printed)", attempt: 0, final: true } });
          return;
        }
        get().disconnect();
        client = deps.createClient(loc);
        const c = client;
        unsubscribe = c.onState((s) => {
          set({ connection: s });
          if (s.status === "open") void get().refreshInfo();
        });
        set({ bridge: loc, connection: c.state() });
        if (c.state().status === "open") void get().refreshInfo();
      },

      disconnect() {
        unsubscribe?.();
        unsubscribe = null;
        const c = client;
        client = null;
        c?.close();
        if (c) set({ connection: c.state() });
      },

      reconnect() {
        if (client) client.reconnect();
        else get().connect();
      },

      async refreshInfo() {
        const c = client;
        if (!c) return;
        const r = await c.connectInfo();
        if (client !== c) return;
        if (r.ok) set({ daemon: r.info, daemonError: null });
        else set({ daemonError: r.error });
      },

      startBuild(input, entitlements = []) {
        if (get().running) return null;
        if (!client) get().connect();
        const c = client;
        if (!c) return null;
        const secrets = input.secrets ?? {};
        const context = input.context ?? null;
        const buildOptions: Partial<BuildStateOptions> = {
          ...deps.buildOptions,
          label: input.label ?? "build",
          edges: input.graph ? edgesOf(input.graph) : null,
          expectedBytes: context ? contextSources(input.graph, context.totalBytes) : null,
        };
        // Sends the build once its context is at the bridge (the build ID was chosen here).
        const send = (b: BuildState, contextUpload?: string) => {
          const h = c.build(input.definition, entitlements, { buildId: b.id, ...(contextUpload ? { contextUpload } : {}), secrets });
          handle = h;
          h.events.subscribe((e) => onBuildEvent(b, e));
        };
        const id = context ? ownBuildId(deps.now()) : null;
        const b = createBuildState(id ?? "", buildOptions, deps.now(), [...entitlements]);
        pending = [];
        tickTimer = setInterval(() => set({ clock: deps.now() }), deps.tickMs);
        if (!context) {
          const h = c.build(input.definition, entitlements, { secrets });
          b.id = h.buildId;
          handle = h;
          set({ running: b, view: b, rev: get().rev + 1, clock: deps.now() });
          h.events.subscribe((e) => onBuildEvent(b, e));
          return h.buildId;
        }
        // The context goes first; the build message names the upload once the bridge has it.
        const bridge = get().bridge;
        const body = contextUploadBody(contextEntries(context));
        uploadAbort = new AbortController();
        set({ running: b, view: b, upload: { buildId: b.id, sent: 0, total: body.size }, rev: get().rev + 1, clock: deps.now() });
        const fail = (error: SolverError) => onBuildEvent(b, { type: "failed", buildId: b.id, error });
        if (!bridge) {
          fail(solverError("unreachable", "not connected to the bridge"));
          return b.id;
        }
        void deps.uploadContext(bridge, body, { signal: uploadAbort.signal, onProgress: (p) => get().upload?.buildId === b.id && set({ upload: { buildId: b.id, ...p } }) }).then((r) => {
          uploadAbort = null;
          if (get().running !== b) return;
          set({ upload: null });
          if (r.ok) send(b, r.reply.uploadId);
          else fail(r.error);
        });
        return b.id;
      },

      cancel() {
        if (uploadAbort) uploadAbort.abort();
        else handle?.cancel();
      },

      openFromHistory(id) {
        const e = findInHistory(get().history, id);
        if (e) set({ view: e.build, rev: get().rev + 1 });
      },

      clearHistory() {
        const { view, running } = get();
        set({ history: [], view: view === running ? view : null });
      },
    };
  });
  return store;
}

/** The app's live-build store (one per tab). */
export const liveBuildStore: LiveBuildStore = createLiveBuildStore();
