// Source, build, merge, diff and passthrough ops, and the op metadata.
import type { OpNode } from "../../../llb/index";
import { shortDigest } from "../../core/format";
import { buildRows, metadataRows, sourceRows, type Row } from "../../core/op-details";
import { FactTable } from "../fact-table/fact-table";

function opRows(node: OpNode): { title: string; rows: Row[] } | null {
  const o = node.op.op;
  const inputName = (i: number) => (node.inputs[i] ? `#${i} ${shortDigest(node.inputs[i].digest)}` : `#${i}`);
  switch (o?.case) {
    case "source":
      return { title: "Source", rows: sourceRows(o.value) };
    case "build":
      return { title: "Build", rows: buildRows(o.value, inputName) };
    case "merge":
      return { title: "Merge", rows: (o.value.inputs ?? []).map((m, i) => ({ key: `inputs[${i}]`, value: inputName(m.input ?? 0) })) };
    case "diff":
      return {
        title: "Diff",
        rows: [
          { key: "lower", value: o.value.lower ? inputName(o.value.lower.input ?? 0) : "scratch" },
          { key: "upper", value: o.value.upper ? inputName(o.value.upper.input ?? 0) : "scratch" },
        ],
      };
    case "passthrough":
      return { title: "Passthrough", rows: [{ key: "id", value: o.value.id ?? "" }, { key: "outputs", value: (o.value.outputs ?? []).join(", ") }] };
    default:
      return null;
  }
}

export function OtherDetails({ node }: { node: OpNode }) {
  const details = opRows(node);
  const meta = metadataRows(node.metadata);
  return (
    <>
      {details && (
        <section className="insp-section" data-testid={`inspector-${details.title.toLowerCase()}`}>
          <h3>{details.title}</h3>
          <FactTable rows={details.rows} />
        </section>
      )}
      <section className="insp-section" data-testid="inspector-metadata">
        <h3>Metadata</h3>
        {meta.length === 0 ? <p className="muted">{node.hasMetadataEntry ? "empty" : "no metadata entry"}</p> : <FactTable rows={meta} />}
      </section>
    </>
  );
}
