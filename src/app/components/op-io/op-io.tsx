// Inputs (with output index and the roles this op gives them) and consumers of the selected op.
import type { OpNode } from "../../../llb/index";
import { edgeLabel } from "../../core/op-facts";
import { useExplorer } from "../../store/use-explorer";
import { DigestLink } from "../digest-link/digest-link";

export function OpIo({ node }: { node: OpNode }) {
  const consumers = useExplorer((s) => s.doc?.analysis.consumers.get(node.digest));
  const byDigest = useExplorer((s) => s.doc?.graph.byDigest);
  return (
    <>
      <section className="insp-section" data-testid="inspector-inputs">
        <h3>
          Inputs <span className="count">{node.inputs.length}</span>
        </h3>
        {node.inputs.length === 0 && <p className="muted">none: a source of the graph</p>}
        <ol className="io-list" start={0}>
          {node.inputs.map((input, i) => (
            <li key={i}>
              <span className="io-index">#{i}</span>
              <DigestLink digest={input.digest} testId="input-link" />
              <span className="io-role">
                output {input.index}
                {input.roles.length > 0 && ` · ${edgeLabel(input.roles).label}`}
                {edgeLabel(input.roles).selector && ` · selector ${edgeLabel(input.roles).selector}`}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section className="insp-section" data-testid="inspector-consumers">
        <h3>
          Consumers <span className="count">{consumers?.length ?? 0}</span>
        </h3>
        {(consumers?.length ?? 0) === 0 && <p className="muted">none: nothing uses this op's output</p>}
        <ul className="io-list">
          {(consumers ?? []).map((c) => {
            const roles = byDigest?.get(c)?.inputs.filter((i) => i.digest === node.digest).flatMap((i) => i.roles) ?? [];
            return (
              <li key={c}>
                <DigestLink digest={c} testId="consumer-link" />
                {roles.length > 0 && <span className="io-role">as {edgeLabel(roles).label}</span>}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
