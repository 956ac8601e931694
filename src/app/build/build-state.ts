// Folds a build's status stream into per-build state: per vertex (state, times, error, progress
// items, bounded logs) and build-level (state, times, error, failing op, warnings).
//
// For throughput this is an accumulating reducer: `applyStatus` updates the state in place and
// bumps `rev` (and the changed vertex's `rev`), instead of copying maps and arrays per event.
// Readers (the store's selectors) key their memoized views on those revisions.
import type { SolverError, SolveStatus, StatusVertex } from "../../solver-client/protocol/index";
import { decodeBase64 } from "./base64";
import { LogRing } from "./log-ring";
import { parseStatusTime } from "./time";
import type { BuildState, BuildStateOptions, BuildWarning, Interval, OpRunState, VertexState } from "./types";

export const DEFAULT_BUILD_OPTIONS: BuildStateOptions = {
  logCapacity: 256 * 1024,
  logBudget: 64 * 1024 * 1024,
  edges: null,
  label: "build",
  expectedBytes: null,
};

const textDecoder = new TextDecoder();

const ms = parseStatusTime;

export function createBuildState(id: string, options: Partial<BuildStateOptions> = {}, requestedAt = Date.now(), entitlements: string[] = []): BuildState {
  const opts: BuildStateOptions = { ...DEFAULT_BUILD_OPTIONS, ...options };
  const s: BuildState = {
    id,
    label: opts.label,
    state: "queued",
    requestedAt,
    started: null,
    completed: null,
    lastTime: null,
    error: null,
    failingDigest: null,
    warnings: [],
    vertexes: new Map(),
    order: [],
    rev: 0,
    events: 0,
    logBytes: 0,
    entitlements,
    logBudget: { left: opts.logBudget },
    exporterResponse: null,
    options: opts,
  };
  return s;
}

function vertexFor(s: BuildState, digest: string): VertexState {
  let v = s.vertexes.get(digest);
  if (!v) {
    v = {
      digest,
      name: "",
      inputs: [],
      state: "waiting",
      cached: false,
      started: null,
      completed: null,
      durationMs: null,
      error: null,
      progress: [],
      logs: new LogRing(s.options.logCapacity, s.logBudget),
      order: s.order.length,
      progressGroup: null,
      rev: s.rev,
      intervals: new Map(),
    };
    s.vertexes.set(digest, v);
    s.order.push(digest);
  }
  return v;
}

function isCanceledText(e: string): boolean {
  return e.endsWith("context canceled") || e.endsWith("canceled");
}

export function opStateOf(v: Pick<VertexState, "error" | "completed" | "cached" | "started">): OpRunState {
  if (v.error) return isCanceledText(v.error) ? "canceled" : "failed";
  if (v.completed !== null) return v.cached ? "cached" : "done";
  if (v.started !== null) return "running";
  return "waiting";
}

function mergedDuration(intervals: Iterable<Interval>, now: number): number {
  const list = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = -Infinity;
  let curStop = -Infinity;
  for (const iv of list) {
    const stop = iv.stop ?? now;
    if (iv.start > curStop) {
      if (curStop > curStart) total += curStop - curStart;
      curStart = iv.start;
      curStop = stop;
    } else if (stop > curStop) curStop = stop;
  }
  if (curStop > curStart) total += curStop - curStart;
  return total;
}

function seeTime(s: BuildState, t: number | null): void {
  if (t !== null && (s.lastTime === null || t > s.lastTime)) s.lastTime = t;
}

function applyVertex(s: BuildState, sv: StatusVertex): void {
  const v = vertexFor(s, sv.digest);
  if (sv.name !== undefined) v.name = sv.name;
  if (sv.inputs) v.inputs = sv.inputs;
  if (sv.progressGroup) v.progressGroup = { id: sv.progressGroup.id, name: sv.progressGroup.name ?? "" };
  v.cached = sv.cached === true;
  v.error = sv.error ? sv.error : null;
  const started = ms(sv.started);
  const completed = ms(sv.completed);
  if (sv.started && started !== null) {
    const iv = v.intervals.get(sv.started);
    if (!iv) v.intervals.set(sv.started, { start: started, stop: completed });
    else iv.stop = completed;
    if (v.started === null || started < v.started) v.started = started;
    if (s.started === null || started < s.started) s.started = started;
  }
  v.completed = completed;
  seeTime(s, completed ?? started);
  v.durationMs = completed !== null && v.intervals.size > 0 ? mergedDuration(v.intervals.values(), completed) : completed !== null && v.started !== null ? completed - v.started : null;
  v.state = opStateOf(v);
  v.rev = s.rev;
  if (s.state === "queued" && v.started !== null) s.state = "running";
}

/** Absorbs one status message. */
export function applyStatus(s: BuildState, st: SolveStatus): void {
  s.rev += 1;
  s.events += 1;
  for (const sv of st.vertexes ?? []) applyVertex(s, sv);
  for (const p of st.statuses ?? []) {
    if (!p.vertex) continue;
    const v = vertexFor(s, p.vertex);
    const ts = ms(p.timestamp) ?? s.lastTime ?? 0;
    seeTime(s, ts);
    let item = v.progress.find((x) => x.id === p.id);
    if (!item) {
      item = { id: p.id, name: p.name ?? p.id, current: 0, total: 0, started: null, completed: null, timestamp: ts };
      v.progress.push(item);
    }
    item.current = p.current;
    item.total = p.total ?? 0;
    item.started = ms(p.started);
    item.completed = ms(p.completed);
    item.timestamp = ts;
    if (p.name) item.name = p.name;
    v.rev = s.rev;
  }
  for (const l of st.logs ?? []) {
    if (!l.vertex) continue;
    const v = vertexFor(s, l.vertex);
    const ts = ms(l.timestamp);
    seeTime(s, ts);
    const bytes = decodeBase64(l.data);
    s.logBytes += bytes.length;
    v.logs.append(l.stream ?? 1, ts ?? s.lastTime ?? 0, bytes);
    v.rev = s.rev;
  }
  for (const w of st.warnings ?? []) s.warnings.push(decodeWarning(w));
}

function decodeWarning(w: NonNullable<SolveStatus["warnings"]>[number]): BuildWarning {
  const text = (b64: string | undefined) => (b64 ? textDecoder.decode(decodeBase64(b64)) : "");
  return { vertex: w.vertex ?? null, level: w.level ?? 0, short: text(w.short), detail: (w.detail ?? []).map(text), url: w.url ?? null };
}

/** Absorbs a batch of status messages. */
export function applyStatuses(s: BuildState, list: readonly SolveStatus[]): void {
  for (const st of list) applyStatus(s, st);
}

/** The bridge accepted the build. */
export function markBuildStarted(s: BuildState): void {
  if (s.state === "queued") {
    s.state = "running";
    s.rev += 1;
  }
}

export type BuildEnd = { ok: true; exporterResponse?: Record<string, string> } | { ok: false; error: SolverError };

/** Ends the build: sets its state, finds the failing op, and closes vertexes left running. */
export function finishBuild(s: BuildState, end: BuildEnd, clientNow = Date.now()): void {
  s.rev += 1;
  s.completed = s.lastTime ?? clientNow;
  if (end.ok) {
    s.state = "done";
    s.exporterResponse = end.exporterResponse ?? {};
  } else {
    s.error = end.error;
    s.state = end.error.kind === "canceled" ? "canceled" : "failed";
    const fromError = end.error.vertex?.digest;
    const firstFailed = s.order.find((d) => s.vertexes.get(d)?.state === "failed") ?? null;
    s.failingDigest = fromError && (s.vertexes.has(fromError) || !firstFailed) ? fromError : firstFailed;
    for (const v of s.vertexes.values()) {
      if (v.state === "running" || (v.state === "waiting" && s.state === "canceled")) {
        v.state = v.state === "running" && s.state === "failed" && v.digest === s.failingDigest ? "failed" : "canceled";
        v.rev = s.rev;
      }
    }
  }
}

/** Running time of a vertex: its duration once completed, else time since it started. */
export function elapsedMs(v: Pick<VertexState, "started" | "completed" | "durationMs">, now: number): number | null {
  if (v.durationMs !== null) return v.durationMs;
  if (v.started === null) return null;
  return Math.max(0, (v.completed ?? now) - v.started);
}

/**
 * Fraction done over the vertex's progress items that have a total (or, for items without one,
 * the bytes the vertex is expected to move); null when none has.
 */
export function progressFraction(v: Pick<VertexState, "progress">, expectedBytes = 0): number | null {
  let cur = 0;
  let tot = 0;
  for (const p of v.progress) {
    const total = p.total > 0 ? p.total : expectedBytes;
    if (total > 0) {
      cur += Math.min(p.current, total);
      tot += total;
    }
  }
  return tot > 0 ? cur / tot : null;
}

/** Bytes moved by the vertex's progress items that have no total of their own; null when none. */
export function untotalledBytes(v: Pick<VertexState, "progress">): number | null {
  let n: number | null = null;
  for (const p of v.progress) if (p.total <= 0) n = (n ?? 0) + p.current;
  return n;
}

/** Edges (digest -> inputs) for a vertex: the op graph's when given, else the stream's. */
export function inputsOf(s: BuildState, digest: string): readonly string[] {
  return s.options.edges?.get(digest) ?? s.vertexes.get(digest)?.inputs ?? [];
}
