// ExecOp: process meta and every mount with its options.
import type { ExecOp, OpNode } from "../../../llb/index";
import { shortDigest } from "../../core/format";
import { execRows, mountRows } from "../../core/op-details";
import { FactTable } from "../fact-table/fact-table";

export function ExecDetails({ node, exec }: { node: OpNode; exec: ExecOp }) {
  const inputName = (i: number) => {
    const input = node.inputs[i];
    return input ? `#${i} ${shortDigest(input.digest)}` : `#${i}`;
  };
  const mounts = exec.mounts ?? [];
  return (
    <>
      <section className="insp-section" data-testid="inspector-exec">
        <h3>Exec</h3>
        <FactTable rows={execRows(exec)} />
      </section>
      <section className="insp-section" data-testid="inspector-mounts">
        <h3>
          Mounts <span className="count">{mounts.length}</span>
        </h3>
        {mounts.map((m, i) => (
          <div key={i} className="sub-card">
            <div className="sub-card-title">
              <code>{m.dest ?? ""}</code>
            </div>
            <FactTable rows={mountRows(m, inputName(m.input ?? 0))} />
          </div>
        ))}
      </section>
    </>
  );
}
