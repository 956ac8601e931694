// Shown in focus mode: what is focused, and the way back.
import { explorerActions, useExplorer } from "../../store/use-explorer";
import { shortDigest } from "../../core/format";

export function FocusChip() {
  const focus = useExplorer((s) => s.focus);
  const size = useExplorer((s) => s.scope?.size ?? 0);
  const total = useExplorer((s) => s.doc?.graph.nodes.length ?? 0);
  if (!focus) return null;
  return (
    <div className="focus-chip" data-testid="focus-chip">
      Focused on <code>{shortDigest(focus)}</code>: {size} of {total} ops (its inputs and consumers)
      <button type="button" className="btn btn-small" data-testid="focus-exit" onClick={() => explorerActions().focusOn(null)}>
        Show all <kbd>Esc</kbd>
      </button>
    </div>
  );
}
