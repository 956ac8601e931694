// Gantt chart of the build on screen: one bar per op at its real start and end, the measured
// concurrency as a step line above, the critical path highlighted. Clicking a bar selects the op.
import { useMemo, useRef } from "react";
import { formatDuration } from "../../format";
import { useTimeline } from "../../use-live-build";
import { layoutGantt } from "../../timeline-layout";
import { useWidth } from "./use-width";

export interface TimelineProps {
  onSelectOp?: (digest: string) => void;
  /** Highlights this op's bar. */
  selectedDigest?: string | null;
  rowHeight?: number;
  labelWidth?: number;
}

export function Timeline({ onSelectOp, selectedDigest = null, rowHeight = 18, labelWidth = 240 }: TimelineProps) {
  const timeline = useTimeline();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 800);
  const layout = useMemo(() => (timeline ? layoutGantt(timeline, { width, rowHeight, labelWidth, bandHeight: 36 }) : null), [timeline, width, rowHeight, labelWidth]);
  return (
    <section className="build-panel timeline-panel" data-testid="timeline">
      <header className="build-panel__head">
        <span className="build-panel__title">Timeline</span>
        {timeline && (
          <span className="build-muted" data-testid="timeline-facts">
            {timeline.bars.length} ops · {formatDuration(timeline.end - timeline.start)} · up to {timeline.maxConcurrency} at once · critical path {timeline.criticalPath.digests.length} ops,{" "}
            {formatDuration(timeline.criticalPath.totalMs)}
          </span>
        )}
      </header>
      <div className="timeline-scroll" ref={box}>
        {!layout && <div className="build-log__note">No build yet.</div>}
        {layout && (
          <svg width={layout.width} height={layout.height} className="timeline-svg" role="img" aria-label="build timeline">
            {layout.ticks.map((t) => (
              <g key={t.x}>
                <line x1={t.x} x2={t.x} y1={0} y2={layout.height} className="timeline-tick" />
                <text x={t.x + 3} y={10} className="timeline-tick-label">
                  {t.label}
                </text>
              </g>
            ))}
            <path d={layout.concurrencyPath} className="timeline-concurrency" data-testid="timeline-concurrency" />
            <text x={4} y={24} className="timeline-tick-label">
              concurrency (max {layout.maxConcurrency})
            </text>
            {layout.bars.map((b) => (
              <g
                key={b.digest}
                className={`timeline-row${b.digest === selectedDigest ? " timeline-row--selected" : ""}`}
                data-testid="timeline-bar"
                data-digest={b.digest}
                data-state={b.state}
                data-critical={b.critical ? "true" : undefined}
                onClick={() => onSelectOp?.(b.digest)}
              >
                <title>{`${b.label}\n${b.state} · ${formatDuration(b.durationMs)}${b.critical ? " · critical path" : ""}`}</title>
                <rect x={0} y={b.y} width={layout.width} height={rowHeight} className="timeline-row-bg" />
                <text x={4} y={b.y + rowHeight - 5} className="timeline-label">
                  {b.label.length > labelWidth / 6.5 ? `${b.label.slice(0, Math.floor(labelWidth / 6.5) - 1)}…` : b.label}
                </text>
                <rect x={b.x} y={b.y + 3} width={b.w} height={rowHeight - 6} rx={2} className={`timeline-bar timeline-bar--${b.state}${b.critical ? " timeline-bar--critical" : ""}`} />
              </g>
            ))}
          </svg>
        )}
      </div>
    </section>
  );
}
