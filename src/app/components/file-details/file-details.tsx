// FileOp: each action (copy, mkfile, mkdir, rm, symlink) with all of its options.
import type { FileOp, OpNode } from "../../../llb/index";
import { shortDigest } from "../../core/format";
import { fileActionDetail } from "../../core/op-details";
import { FactTable } from "../fact-table/fact-table";

export function FileDetails({ node, file }: { node: OpNode; file: FileOp }) {
  const actions = file.actions ?? [];
  const inputName = (i: number) => {
    if (i === -1) return "scratch (-1)";
    const input = node.inputs[i];
    if (input) return `#${i} ${shortDigest(input.digest)}`;
    const n = node.inputs.length;
    return i >= n ? `action ${i - n} result (${i})` : String(i);
  };
  return (
    <section className="insp-section" data-testid="inspector-file">
      <h3>
        File actions <span className="count">{actions.length}</span>
      </h3>
      {actions.map((a, i) => {
        const d = fileActionDetail(a, inputName);
        return (
          <div key={i} className="sub-card">
            <div className="sub-card-title">
              <span className="action-chip">{d.action}</span> <span className="muted">action {i}</span>
            </div>
            <FactTable rows={d.rows} />
          </div>
        );
      })}
    </section>
  );
}
