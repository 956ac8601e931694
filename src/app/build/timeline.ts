// Derived views of a build for the Gantt chart: one bar per started vertex with its real start and
// end, the measured concurrency over time, and the critical path by measured duration.
import { elapsedMs, inputsOf } from "./build-state";
import type { BuildState, OpRunState } from "./types";

export interface TimelineBar {
  digest: string;
  name: string;
  start: number;
  /** completed, or `now` while running */
  end: number;
  state: OpRunState;
  onCriticalPath: boolean;
}

export interface ConcurrencyPoint {
  /** From this time on (ms since the epoch)… */
  t: number;
  /** …this many vertexes run. */
  running: number;
}

export interface CriticalPath {
  /** Source first, last op last. */
  digests: string[];
  totalMs: number;
}

export interface Timeline {
  start: number;
  end: number;
  bars: TimelineBar[];
  concurrency: ConcurrencyPoint[];
  maxConcurrency: number;
  criticalPath: CriticalPath;
}

/** The time a running build's open bars extend to: the latest daemon time seen, or `now` if later. */
export function timelineNow(s: BuildState, clientNow: number | null): number {
  const last = s.lastTime ?? s.started ?? 0;
  if (s.completed !== null) return Math.max(s.completed, last);
  return clientNow !== null ? Math.max(clientNow, last) : last;
}

/** Longest chain through the op graph, each op weighted by its measured run time (cached: ~0). */
export function criticalPath(s: BuildState, now: number): CriticalPath {
  const weight = (d: string): number => {
    const v = s.vertexes.get(d);
    return v ? (elapsedMs(v, now) ?? 0) : 0;
  };
  const best = new Map<string, number>();
  const via = new Map<string, string | null>();
  const onStack = new Set<string>();
  const visit = (root: string) => {
    // iterative post-order DFS (graphs can be deep)
    const stack: { d: string; i: number }[] = [{ d: root, i: 0 }];
    onStack.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { d: string; i: number };
      const ins = inputsOf(s, top.d);
      if (top.i < ins.length) {
        const next = ins[top.i++] as string;
        if (!best.has(next) && !onStack.has(next)) {
          onStack.add(next);
          stack.push({ d: next, i: 0 });
        }
        continue;
      }
      let m = 0;
      let from: string | null = null;
      for (const inp of ins) {
        const b = best.get(inp);
        if (b !== undefined && (from === null || b > m)) {
          m = b;
          from = inp;
        }
      }
      best.set(top.d, m + weight(top.d));
      via.set(top.d, from);
      onStack.delete(top.d);
      stack.pop();
    }
  };
  for (const d of s.order) if (!best.has(d)) visit(d);
  let end: string | null = null;
  let total = -1;
  for (const d of s.order) {
    const b = best.get(d) ?? 0;
    if (b > total) {
      total = b;
      end = d;
    }
  }
  const digests: string[] = [];
  for (let d: string | null = end; d !== null; d = via.get(d) ?? null) digests.push(d);
  digests.reverse();
  return { digests: digests.filter((d) => s.vertexes.has(d)), totalMs: Math.max(0, total) };
}

/** Running-vertex count over time, as a step function. */
export function concurrency(bars: readonly { start: number; end: number }[]): { points: ConcurrencyPoint[]; max: number } {
  const ev: [number, number][] = [];
  for (const b of bars) {
    if (b.end <= b.start) continue;
    ev.push([b.start, 1], [b.end, -1]);
  }
  ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const points: ConcurrencyPoint[] = [];
  let running = 0;
  let max = 0;
  for (const [t, d] of ev) {
    running += d;
    if (running > max) max = running;
    const last = points[points.length - 1];
    if (last && last.t === t) last.running = running;
    else points.push({ t, running });
  }
  return { points, max };
}

export function buildTimeline(s: BuildState, clientNow: number | null = null): Timeline {
  const now = timelineNow(s, clientNow);
  const cp = criticalPath(s, now);
  const onPath = new Set(cp.digests);
  const bars: TimelineBar[] = [];
  for (const d of s.order) {
    const v = s.vertexes.get(d);
    if (!v || v.started === null) continue;
    bars.push({ digest: d, name: v.name, start: v.started, end: v.completed ?? now, state: v.state, onCriticalPath: onPath.has(d) });
  }
  bars.sort((a, b) => a.start - b.start || a.end - b.end);
  const { points, max } = concurrency(bars);
  const start = bars.reduce((m, b) => Math.min(m, b.start), bars[0]?.start ?? now);
  const end = bars.reduce((m, b) => Math.max(m, b.end), start);
  return { start, end, bars, concurrency: points, maxConcurrency: max, criticalPath: cp };
}
