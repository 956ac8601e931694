// A short digest with the op's label; click selects the op and brings it into view.
import type { Digest } from "../../../llb/index";
import { shortDigest } from "../../core/format";
import { kindName } from "../../core/labels";
import { explorerActions, useExplorer } from "../../store/use-explorer";

export function DigestLink({ digest, testId }: { digest: Digest; testId?: string }) {
  const node = useExplorer((s) => s.doc?.graph.byDigest.get(digest));
  return (
    <button type="button" className="digest-link" data-testid={testId} data-digest={digest} onClick={() => explorerActions().select(digest, true)} title={digest}>
      <code>{shortDigest(digest)}</code>
      {node ? (
        <>
          <span className={`kind-chip op-${node.kind === "source" ? node.sourceKind : node.kind}`}>{kindName(node)}</span>
          <span className="digest-link-label">{node.label}</span>
        </>
      ) : (
        <span className="digest-link-label missing">not in this graph</span>
      )}
    </button>
  );
}
