// Facts about the open graph along the bottom edge.
import { useExplorer } from "../../store/use-explorer";

export function StatusBar() {
  const doc = useExplorer((s) => s.doc);
  const scene = useExplorer((s) => s.scene);
  const loading = useExplorer((s) => s.loading);
  const timings = useExplorer((s) => s.timings);
  if (!doc) return null;
  const g = doc.graph;
  const a = doc.analysis;
  const mismatches = g.nodes.filter((n) => n.digestCheck.state === "mismatch").length;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="op-count">{g.nodes.length} ops</span>
      <span>{a.stages.stages.length} stages</span>
      <span>{a.parallelism.widths.length} levels</span>
      <span>critical path {a.parallelism.criticalLength}</span>
      {a.commonPlatform && <span>{a.commonPlatform}</span>}
      <span>format {g.format}</span>
      {scene && <span>{scene.nodes.length} shown</span>}
      {mismatches > 0 && <span className="bad">{mismatches} digest mismatches</span>}
      {g.notes.length > 0 && <span title={g.notes.map((n) => `${n.line ? `line ${n.line}: ` : ""}${n.message}`).join("\n")}>{g.notes.length} reader notes</span>}
      {loading && <span>opening {loading}…</span>}
      {timings.decodeMs !== undefined && <span data-testid="timings">read {timings.decodeMs} ms · layout {timings.layoutMs ?? "…"} ms ({timings.engine ?? "…"})</span>}
      <span className="spacer" />
      <span className="muted">
        press <kbd>?</kbd> for shortcuts
      </span>
    </footer>
  );
}
