// The op as `buildctl debug dump-llb` prints it (opJson), collapsed by default.
import { useMemo } from "react";
import { opJson, type Op } from "../../../llb/index";
import { indentJson } from "../../core/json-indent";
import { CopyButton } from "../copy-button/copy-button";

function pretty(op: Op): string {
  return indentJson(opJson(op));
}

export function RawOp({ op }: { op: Op }) {
  const text = useMemo(() => pretty(op), [op]);
  return (
    <details className="insp-section raw-op" data-testid="inspector-raw">
      <summary>
        <h3>Raw op (dump-llb JSON)</h3>
      </summary>
      <div className="raw-actions">
        <CopyButton text={text} label="Copy JSON" />
      </div>
      <pre className="raw-json">{text}</pre>
    </details>
  );
}
