// Rows of (field, value) with BuildKit's field names; long values as preformatted blocks.
import type { Row } from "../../core/op-details";

export function FactTable({ rows, testId }: { rows: readonly Row[]; testId?: string }) {
  if (rows.length === 0) return null;
  return (
    <dl className="fact-table" data-testid={testId}>
      {rows.map((r, i) => (
        <div key={`${r.key}:${i}`} className={r.block ? "fact-row fact-block" : "fact-row"}>
          <dt>{r.key}</dt>
          <dd>{r.block ? <pre>{r.value}</pre> : r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
