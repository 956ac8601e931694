// Head of the inspector: kind, label, full digest with copy, digest verification, stage, level,
// platform and constraints.
import { outputCount, type OpNode } from "../../../llb/index";
import { platformString } from "../../core/format";
import { kindName } from "../../core/labels";
import { constraintRows } from "../../core/op-details";
import { explorerActions, useExplorer } from "../../store/use-explorer";
import { CopyButton } from "../copy-button/copy-button";
import { FactTable } from "../fact-table/fact-table";

function DigestState({ node }: { node: OpNode }) {
  const c = node.digestCheck;
  if (c.state === "verified") return <span className="badge badge-ok" data-testid="digest-state">verified</span>;
  if (c.state === "hashed") return <span className="badge" data-testid="digest-state" title="computed from the op's bytes">hashed</span>;
  return (
    <span className="badge badge-bad" data-testid="digest-state" title={`printed ${c.printed}`}>
      mismatch: {c.reason}
    </span>
  );
}

export function OpSummary({ node }: { node: OpNode }) {
  const stage = useExplorer((s) => s.doc?.analysis.stages.stageOf.get(node.digest));
  const level = useExplorer((s) => s.doc?.analysis.parallelism.levels.get(node.digest));
  const focused = useExplorer((s) => s.focus === node.digest);
  const cls = node.kind === "source" ? node.sourceKind : node.kind;
  const constraints = constraintRows(node.op);
  return (
    <section className="insp-summary" data-testid="inspector-summary">
      <div className="insp-kind-row">
        <span className={`kind-chip op-${cls}`}>{kindName(node)}</span>
        {stage && <span className="badge">stage {stage}</span>}
        {level !== undefined && <span className="badge">level {level}</span>}
        <span className="badge">def #{node.position}</span>
        <DigestState node={node} />
      </div>
      <h2 className="insp-title" data-testid="inspector-title">
        {node.kind === "terminal" ? "terminal op (the build result)" : node.label}
      </h2>
      <div className="insp-digest">
        <code data-testid="inspector-digest">{node.digest}</code>
        <CopyButton text={node.digest} testId="copy-digest" />
      </div>
      <div className="insp-actions">
        <button type="button" className="btn btn-small" data-testid="focus-button" onClick={() => explorerActions().focusOn(focused ? null : node.digest)}>
          {focused ? "Show whole graph" : "Focus sub-graph"} <kbd>s</kbd>
        </button>
        <button type="button" className="btn btn-small" onClick={() => explorerActions().select(node.digest, true)}>
          Zoom to <kbd>z</kbd>
        </button>
      </div>
      <FactTable
        rows={[
          ...(node.platform ? [{ key: "platform", value: platformString(node.platform) + (node.platform.OSVersion ? ` (${node.platform.OSVersion})` : "") }] : []),
          { key: "outputs", value: String(outputCount(node.op)) },
          ...constraints,
        ]}
      />
    </section>
  );
}
