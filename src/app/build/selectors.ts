// Selectors over the live-build store: derived views memoized on the build revision (and the clock
// while a build runs), so subscribers get the same object until what they show changed. Pure.
import type { ConnectionState } from "../../solver-client/client/index";
import type { DaemonInfo } from "../../solver-client/protocol/index";
import type { HistoryEntry } from "./history";
import { toLogLines } from "./log-lines";
import type { LogLine } from "./log-lines";
import { plainView } from "./plain-view";
import type { LiveBuildState } from "./store";
import { buildTimeline } from "./timeline";
import type { Timeline } from "./timeline";
import type { BuildState } from "./types";
import { buildSummary, failureInfo, opView, runningEdges } from "./views";
import type { BuildSummary, FailureInfo, OpBuildView, RunningEdge } from "./views";

export const selectConnection = (s: LiveBuildState): ConnectionState | null => s.connection;
export const selectDaemon = (s: LiveBuildState): DaemonInfo | null => s.daemon;
export const selectHistory = (s: LiveBuildState): HistoryEntry[] => s.history;
export const selectIsRunning = (s: LiveBuildState): boolean => s.running !== null;

const summaryMemo = new WeakMap<BuildState, { key: string; v: BuildSummary }>();
export function selectSummary(s: LiveBuildState): BuildSummary | null {
  const b = s.view;
  if (!b) return null;
  const key = `${s.rev}:${b.state === "running" || b.state === "queued" ? s.clock : ""}`;
  const hit = summaryMemo.get(b);
  if (hit && hit.key === key) return hit.v;
  const v = buildSummary(b, s.clock);
  summaryMemo.set(b, { key, v });
  return v;
}

export const selectOpBuildState =
  (digest: string) =>
  (s: LiveBuildState): OpBuildView | null =>
    s.view ? opView(s.view, digest, s.clock) : null;

export const selectRunningEdges = (s: LiveBuildState): RunningEdge[] => runningEdges(s.view);

const timelineMemo = new WeakMap<BuildState, { key: string; v: Timeline }>();
export function selectTimeline(s: LiveBuildState): Timeline | null {
  const b = s.view;
  if (!b) return null;
  const key = `${s.rev}:${b.state === "running" ? s.clock : ""}`;
  const hit = timelineMemo.get(b);
  if (hit && hit.key === key) return hit.v;
  const v = buildTimeline(b, b.state === "running" ? s.clock : null);
  timelineMemo.set(b, { key, v });
  return v;
}

const plainMemo = new WeakMap<BuildState, { rev: number; v: string }>();
export function selectPlainText(s: LiveBuildState): string {
  const b = s.view;
  if (!b) return "";
  const hit = plainMemo.get(b);
  if (hit && hit.rev === s.rev) return hit.v;
  const v = plainView(b);
  plainMemo.set(b, { rev: s.rev, v });
  return v;
}

const failureMemo = new WeakMap<BuildState, { rev: number; v: FailureInfo | null }>();
export function selectFailure(s: LiveBuildState): FailureInfo | null {
  const b = s.view;
  if (!b) return null;
  const hit = failureMemo.get(b);
  if (hit && hit.rev === s.rev) return hit.v;
  const v = failureInfo(b);
  failureMemo.set(b, { rev: s.rev, v });
  return v;
}

export interface OpLogs {
  digest: string;
  name: string;
  /** The newest lines (at most `maxLines`). */
  lines: LogLine[];
  /** Bytes received for this op, per stream. */
  bytes: { stdout: number; stderr: number };
  /** Bytes no longer kept (the log is capped per op). */
  droppedBytes: number;
}

const logsMemo = new WeakMap<BuildState, Map<string, { key: string; v: OpLogs }>>();
export const selectOpLogs =
  (digest: string | null, maxLines = 2000) =>
  (s: LiveBuildState): OpLogs | null => {
    const b = s.view;
    const v = digest && b ? b.vertexes.get(digest) : undefined;
    if (!b || !v) return null;
    let m = logsMemo.get(b);
    if (!m) {
      m = new Map();
      logsMemo.set(b, m);
    }
    const key = `${v.rev}:${maxLines}`;
    const hit = m.get(v.digest);
    if (hit && hit.key === key) return hit.v;
    const out: OpLogs = {
      digest: v.digest,
      name: v.name,
      lines: toLogLines(v.logs.chunks(), maxLines),
      bytes: { stdout: v.logs.perStream.get(1) ?? 0, stderr: v.logs.perStream.get(2) ?? 0 },
      droppedBytes: v.logs.dropped,
    };
    m.set(v.digest, { key, v: out });
    return out;
  };
