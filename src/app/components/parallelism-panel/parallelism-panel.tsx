// For teaching: how many ops can run at once per level, and the critical path by op count (also
// drawn on the graph while this panel is open).
import { useMemo } from "react";
import { explorerActions, useExplorer } from "../../store/use-explorer";

export function ParallelismPanel() {
  const on = useExplorer((s) => s.parallelism);
  const p = useExplorer((s) => s.doc?.analysis.parallelism);
  const graph = useExplorer((s) => s.doc?.graph);
  const ops = useMemo(() => graph?.nodes.filter((n) => n.kind !== "terminal").length ?? 0, [graph]);
  // Labels of the ops on each level, for the row tooltips.
  const names = useMemo(() => {
    const out: string[][] = [];
    for (const n of graph?.nodes ?? []) {
      const l = p?.levels.get(n.digest);
      if (l === undefined || n.kind === "terminal") continue;
      (out[l] ??= []).push(n.label);
    }
    return out.map((l) => (l.length > 12 ? [...l.slice(0, 12), `… ${l.length - 12} more`] : l).join("\n"));
  }, [graph, p]);
  if (!on || !p) return null;
  const max = Math.max(1, p.maxWidth);
  return (
    <section className="parallelism-panel" data-testid="parallelism-panel" aria-label="Parallelism">
      <header>
        <h3>Parallelism</h3>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => explorerActions().toggleParallelism()} title="Close (p)">
          ✕
        </button>
      </header>
      <div className="par-stats">
        <div>
          <b data-testid="critical-length">{p.criticalLength}</b> ops on the critical path
        </div>
        <div>
          <b>{p.widths.length}</b> levels · up to <b>{p.maxWidth}</b> at once · {ops} ops
        </div>
        <div className="muted">ideal speed-up {p.criticalLength > 0 ? (ops / p.criticalLength).toFixed(1) : "1.0"}× with unlimited workers</div>
      </div>
      <div className="par-chart" data-testid="parallelism-chart">
        {p.widths.map((w, level) => (
          <div key={level} className="par-row" data-testid="parallelism-level" title={names[level]}>
            <span className="par-level">L{level}</span>
            <span className="par-bar-track">
              <span className="par-bar" style={{ width: `${(w / max) * 100}%` }} />
            </span>
            <span className="par-count">{w}</span>
          </div>
        ))}
      </div>
      <p className="muted par-legend">
        <span className="legend-critical" /> critical path · <b>Ln</b> on a node: its level (longest input chain)
      </p>
    </section>
  );
}
