// What the UI reads from a build, derived and memoized on revisions so selectors hand React the
// same object until something it shows changed. Pure (no React).
import { elapsedMs, inputsOf, progressFraction, untotalledBytes } from "./build-state";
import { formatSize } from "./format";
import { lastLines } from "./log-ring";
import type { BuildRunState, BuildState, OpRunState } from "./types";

/** What a graph node needs to show an op's live state. */
export interface OpBuildView {
  digest: string;
  name: string;
  state: OpRunState;
  /** Daemon time, ms since the epoch. */
  startedAt: number | null;
  completedAt: number | null;
  /** Final run time (null while running or waiting). */
  durationMs: number | null;
  /** Run time so far: durationMs once completed. */
  elapsedMs: number | null;
  error: string | null;
  /** Done fraction of its pulls/transfers, when they have totals. */
  progress: number | null;
  /** Bytes a transfer without a total has moved so far, e.g. "12.3 MiB" or "12.3 MiB / 20.0 MiB". */
  transferred: string | null;
  /** This op is the one the build failed on. */
  failing: boolean;
}

export interface RunningEdge {
  /** The input op. */
  source: string;
  /** The running op. */
  target: string;
}

export interface BuildSummary {
  id: string;
  label: string;
  state: BuildRunState;
  elapsedMs: number | null;
  counts: Record<OpRunState, number>;
  errorMessage: string | null;
  failingDigest: string | null;
  warnings: number;
  entitlements: readonly string[];
}

export interface FailureInfo {
  digest: string;
  name: string;
  /** The op's error, else the build's. */
  error: string;
  /** The op's last log lines (from the stream, else from the daemon's error details). */
  lines: string[];
}

function transferredText(v: Parameters<typeof untotalledBytes>[0], expected: number): string | null {
  const moved = untotalledBytes(v);
  if (moved === null) return null;
  return expected > 0 ? `${formatSize(moved)} / ${formatSize(expected)}` : formatSize(moved);
}

const opMemo = new WeakMap<BuildState, Map<string, { key: string; view: OpBuildView }>>();

export function opView(b: BuildState, digest: string, clock: number): OpBuildView | null {
  const v = b.vertexes.get(digest);
  if (!v) return null;
  const failing = b.failingDigest === digest;
  const key = `${v.rev}:${v.state}:${failing}:${v.state === "running" ? clock : ""}`;
  let m = opMemo.get(b);
  if (!m) {
    m = new Map();
    opMemo.set(b, m);
  }
  const hit = m.get(digest);
  if (hit && hit.key === key) return hit.view;
  const view: OpBuildView = {
    digest,
    name: v.name,
    state: v.state,
    startedAt: v.started,
    completedAt: v.completed,
    durationMs: v.durationMs,
    elapsedMs: elapsedMs(v, Math.max(clock, v.started ?? clock)),
    error: v.error,
    progress: progressFraction(v, b.options.expectedBytes?.get(digest) ?? 0),
    // Once done, what was moved (an incremental transfer moves less than the whole context).
    transferred: transferredText(v, v.completed === null ? (b.options.expectedBytes?.get(digest) ?? 0) : 0),
    failing,
  };
  m.set(digest, { key, view });
  return view;
}

const edgeMemo = new WeakMap<BuildState, { rev: number; sig: string; edges: RunningEdge[] }>();

/** Input edges into ops that are running now (stable array identity while the set is unchanged). */
export function runningEdges(b: BuildState | null): RunningEdge[] {
  if (!b) return EMPTY_EDGES;
  const prev = edgeMemo.get(b);
  if (prev && prev.rev === b.rev) return prev.edges;
  const edges: RunningEdge[] = [];
  if (b.state === "running") {
    for (const v of b.vertexes.values()) {
      if (v.state !== "running") continue;
      for (const src of inputsOf(b, v.digest)) edges.push({ source: src, target: v.digest });
    }
  }
  const sig = edges.map((e) => `${e.source}>${e.target}`).join(",");
  const out = prev && prev.sig === sig ? prev.edges : edges.length === 0 ? EMPTY_EDGES : edges;
  edgeMemo.set(b, { rev: b.rev, sig, edges: out });
  return out;
}
const EMPTY_EDGES: RunningEdge[] = [];

export function buildSummary(b: BuildState, clock: number): BuildSummary {
  const counts: Record<OpRunState, number> = { waiting: 0, running: 0, cached: 0, done: 0, failed: 0, canceled: 0 };
  for (const v of b.vertexes.values()) counts[v.state]++;
  let elapsed: number | null = null;
  if (b.state === "running" || b.state === "queued") elapsed = Math.max(0, clock - b.requestedAt);
  else if (b.started !== null && b.completed !== null) elapsed = Math.max(0, b.completed - b.started);
  return {
    id: b.id,
    label: b.label,
    state: b.state,
    elapsedMs: elapsed,
    counts,
    errorMessage: b.error?.message ?? null,
    failingDigest: b.failingDigest,
    warnings: b.warnings.length,
    entitlements: b.entitlements,
  };
}

export function failureInfo(b: BuildState, lineCount = 20): FailureInfo | null {
  if (b.state !== "failed") return null;
  const digest = b.failingDigest ?? b.error?.vertex?.digest ?? null;
  const v = digest ? b.vertexes.get(digest) : undefined;
  const fromStream = v ? lastLines(v.logs, lineCount) : [];
  return {
    digest: digest ?? "",
    name: v?.name ?? b.error?.vertex?.name ?? "",
    error: v?.error ?? b.error?.message ?? "build failed",
    lines: fromStream.length > 0 ? fromStream : (b.error?.vertex?.logs ?? []).slice(-lineCount),
  };
}
