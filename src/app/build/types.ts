// Types of the live-build core (pure data; no React, no DOM).
import type { SolverError } from "../../solver-client/protocol/index";
import type { LogBudget, LogRing } from "./log-ring";

export type OpRunState = "waiting" | "running" | "cached" | "done" | "failed" | "canceled";
export type BuildRunState = "queued" | "running" | "done" | "failed" | "canceled";

/** A progress bar inside a vertex: a layer pull, a context transfer, an export step. */
export interface ProgressItem {
  id: string;
  name: string;
  current: number;
  /** 0 when unknown. */
  total: number;
  started: number | null;
  completed: number | null;
  timestamp: number;
}

export interface Interval {
  start: number;
  stop: number | null;
}

export interface VertexState {
  digest: string;
  name: string;
  /** Inputs as the status stream announced them. */
  inputs: readonly string[];
  state: OpRunState;
  cached: boolean;
  /** Daemon time, ms since the epoch. */
  started: number | null;
  completed: number | null;
  /** Time spent running (merged intervals); null until completed. */
  durationMs: number | null;
  error: string | null;
  progress: ProgressItem[];
  logs: LogRing;
  /** First-seen order in the stream (0-based). */
  order: number;
  progressGroup: { id: string; name: string } | null;
  /** The build revision at which this vertex last changed. */
  rev: number;
  /** internal: raw started strings -> interval */
  intervals: Map<string, Interval>;
}

export interface BuildWarning {
  vertex: string | null;
  level: number;
  short: string;
  detail: string[];
  url: string | null;
}

export interface BuildStateOptions {
  /** Bytes of output kept per vertex. Default 256 KiB. */
  logCapacity: number;
  /**
   * Log buffer bytes all vertexes of the build may allocate together. Default 64 MiB. Once spent,
   * each op keeps what its buffer already holds (at least 1 KiB), newest bytes first.
   */
  logBudget: number;
  /** Op graph edges (digest -> input digests), e.g. from an LlbGraph; preferred over the stream's. */
  edges: ReadonlyMap<string, readonly string[]> | null;
  /** The Build's label (shown in history). */
  label: string;
  /**
   * Bytes an op is expected to transfer, for progress the daemon reports without a total (the
   * context picked in the page, on its `local://context` source).
   */
  expectedBytes: ReadonlyMap<string, number> | null;
}

export interface BuildState {
  id: string;
  label: string;
  state: BuildRunState;
  /** Client clock when the build was requested. */
  requestedAt: number;
  /** Earliest vertex start (daemon time). */
  started: number | null;
  /** When the build was over (latest daemon time seen, or client time if none). */
  completed: number | null;
  /** Latest daemon time seen in the stream. */
  lastTime: number | null;
  error: SolverError | null;
  failingDigest: string | null;
  warnings: BuildWarning[];
  vertexes: Map<string, VertexState>;
  /** Digests in first-seen order. */
  order: string[];
  /** Bumped by every change. */
  rev: number;
  /** Status messages absorbed. */
  events: number;
  /** Log bytes received (kept or not). */
  logBytes: number;
  entitlements: string[];
  /** What is left of options.logBudget (shared by the vertexes' log rings). */
  logBudget: LogBudget;
  exporterResponse: Record<string, string> | null;
  options: BuildStateOptions;
}

