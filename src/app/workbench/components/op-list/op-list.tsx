// A plain list of the graph's ops: the Workbench's own graph pane when no graph view is passed in
// (and a keyboard-friendly view of the same selection and highlights).
import { displayOp } from "./display-op";
import { useWorkbench, workbenchActions } from "../../store/use-workbench";

export function OpList() {
  const output = useWorkbench((s) => s.output);
  const highlighted = useWorkbench((s) => s.highlighted);
  const selected = useWorkbench((s) => s.selectedOp);
  if (!output) return <div className="wb-op-list wb-muted">No graph yet.</div>;
  return (
    <ol className={`wb-op-list${output.stale ? " stale" : ""}`} data-testid="wb-op-list" data-node-count={output.graph.nodes.length}>
      {output.graph.nodes.map((node) => {
        const op = displayOp(node);
        const tone = selected === node.digest ? "selected" : highlighted.has(node.digest) ? "highlighted" : output.changed.has(node.digest) ? "changed" : "plain";
        return (
          <li key={node.digest}>
            <button type="button" className={`wb-op wb-op-${tone}`} data-testid="wb-op" data-digest={node.digest} data-tone={tone} onClick={() => workbenchActions().revealOp(node.digest)}>
              <span className="wb-op-kind">{op.kind}</span>
              <span className="wb-op-label">{op.label}</span>
              <span className="wb-op-digest">{op.shortDigest}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
