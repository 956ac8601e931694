// Side panel with everything about the selected op.
import { useExplorer } from "../../store/use-explorer";
import { explorerActions } from "../../store/use-explorer";
import { DockerfileLines } from "../dockerfile-lines/dockerfile-lines";
import { ExecDetails } from "../exec-details/exec-details";
import { FileDetails } from "../file-details/file-details";
import { OpIo } from "../op-io/op-io";
import { OpSummary } from "../op-summary/op-summary";
import { OtherDetails } from "../other-details/other-details";
import { RawOp } from "../raw-op/raw-op";

export function Inspector() {
  const graph = useExplorer((s) => s.doc?.graph);
  const node = useExplorer((s) => (s.selected ? s.doc?.graph.byDigest.get(s.selected) : undefined));
  if (!graph || !node) return null;
  const o = node.op.op;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Op inspector">
      <button type="button" className="inspector-close btn btn-ghost" onClick={() => explorerActions().select(null)} title="Close (Esc)">
        ✕
      </button>
      <OpSummary node={node} />
      <DockerfileLines graph={graph} node={node} />
      <OpIo node={node} />
      {o?.case === "exec" && <ExecDetails node={node} exec={o.value} />}
      {o?.case === "file" && <FileDetails node={node} file={o.value} />}
      <OtherDetails node={node} />
      <RawOp op={node.op} />
    </aside>
  );
}
