// Geometry of the Gantt chart (pure): bar rectangles, time ticks and the concurrency step line.
import type { Timeline } from "./timeline";
import type { OpRunState } from "./types";

export interface GanttOptions {
  width: number;
  rowHeight: number;
  labelWidth: number;
  /** Height of the concurrency band above the bars. */
  bandHeight: number;
}

export interface GanttBar {
  digest: string;
  label: string;
  state: OpRunState;
  critical: boolean;
  x: number;
  y: number;
  w: number;
  durationMs: number;
}

export interface GanttLayout {
  width: number;
  height: number;
  bars: GanttBar[];
  ticks: { x: number; label: string }[];
  /** SVG path of running ops over time, in the band. */
  concurrencyPath: string;
  maxConcurrency: number;
}

const NICE_STEPS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

function tickLabel(ms: number, step: number): string {
  if (step < 1000) return `${(ms / 1000).toFixed(step < 100 ? 2 : 1)}s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`;
}

export function layoutGantt(t: Timeline, o: GanttOptions): GanttLayout {
  const plot = Math.max(1, o.width - o.labelWidth - 8);
  const span = Math.max(1, t.end - t.start);
  const x = (time: number) => o.labelWidth + ((time - t.start) / span) * plot;
  const bars = t.bars.map((b, i) => ({
    digest: b.digest,
    label: b.name || b.digest.slice(0, 19),
    state: b.state,
    critical: b.onCriticalPath,
    x: x(b.start),
    y: o.bandHeight + i * o.rowHeight,
    w: Math.max(2, x(b.end) - x(b.start)),
    durationMs: b.end - b.start,
  }));
  const step = NICE_STEPS.find((s) => span / s <= Math.max(2, plot / 90)) ?? 3_600_000;
  const ticks: { x: number; label: string }[] = [];
  for (let ms = 0; ms <= span; ms += step) ticks.push({ x: x(t.start + ms), label: tickLabel(ms, step) });
  const max = Math.max(1, t.maxConcurrency);
  const yOf = (n: number) => o.bandHeight - 2 - (n / max) * (o.bandHeight - 6);
  let path = `M${x(t.start).toFixed(1)},${yOf(0).toFixed(1)}`;
  let prev = 0;
  for (const p of t.concurrency) {
    const px = x(p.t).toFixed(1);
    path += `L${px},${yOf(prev).toFixed(1)}L${px},${yOf(p.running).toFixed(1)}`;
    prev = p.running;
  }
  path += `L${x(t.end).toFixed(1)},${yOf(prev).toFixed(1)}`;
  return { width: o.width, height: o.bandHeight + bars.length * o.rowHeight + 4, bars, ticks, concurrencyPath: path, maxConcurrency: t.maxConcurrency };
}
