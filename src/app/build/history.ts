// Finished builds for the tab's lifetime. Entries keep the final BuildState (its logs are bounded
// by the state's caps), so a finished build can be reopened with its timeline and logs.
import type { BuildRunState, BuildState } from "./types";

export interface HistoryEntry {
  id: string;
  label: string;
  state: BuildRunState;
  /** Client clock when requested. */
  requestedAt: number;
  /** Daemon-time duration (first vertex start to end), or null when nothing ran. */
  durationMs: number | null;
  ops: number;
  cachedOps: number;
  failingDigest: string | null;
  errorMessage: string | null;
  build: BuildState;
}

export interface HistoryOptions {
  /** Most builds kept (the oldest go first). Default 50. */
  limit: number;
  /** Most log bytes kept over all entries; the oldest entries go first (the newest always stays). Default 256 MiB. */
  maxLogBytes: number;
}

/** Log bytes a build keeps. */
export function keptLogBytes(b: BuildState): number {
  let n = 0;
  for (const v of b.vertexes.values()) n += v.logs.size;
  return n;
}

export function historyEntry(b: BuildState): HistoryEntry {
  let cachedOps = 0;
  for (const v of b.vertexes.values()) if (v.state === "cached") cachedOps++;
  return {
    id: b.id,
    label: b.label,
    state: b.state,
    requestedAt: b.requestedAt,
    durationMs: b.started !== null && b.completed !== null ? Math.max(0, b.completed - b.started) : null,
    ops: b.vertexes.size,
    cachedOps,
    failingDigest: b.failingDigest,
    errorMessage: b.error?.message ?? null,
    build: b,
  };
}

/** Newest first; an entry with the same id replaces the old one. */
export function addToHistory(list: readonly HistoryEntry[], b: BuildState, options: Partial<HistoryOptions> = {}): HistoryEntry[] {
  const limit = options.limit ?? 50;
  const maxBytes = options.maxLogBytes ?? 256 * 1024 * 1024;
  const all = [historyEntry(b), ...list.filter((e) => e.id !== b.id)].slice(0, limit);
  let bytes = 0;
  const out: HistoryEntry[] = [];
  for (const e of all) {
    bytes += keptLogBytes(e.build);
    if (out.length > 0 && bytes > maxBytes) break;
    out.push(e);
  }
  return out;
}

export function findInHistory(list: readonly HistoryEntry[], id: string): HistoryEntry | null {
  return list.find((e) => e.id === id) ?? null;
}
