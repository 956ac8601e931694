// In the build dock's bar: whether the graph on screen reads a build context, and which folder
// the next build will send; a click opens the Context tab.
import { useMemo } from "react";
import { useStore } from "zustand";
import { readsBuildContext } from "../../../solver-client/protocol/index";
import { formatSize } from "../../build/format";
import { buildInputsStore } from "../../build/inputs-store";
import { useExplorer } from "../../store/use-explorer";

export function ContextChip({ onOpen }: { onOpen: () => void }) {
  // Scanned once per graph, not on every explorer update (selection, hover).
  const graph = useExplorer((s) => s.doc?.graph ?? null);
  const readsContext = useMemo(() => (graph ? readsBuildContext(graph) : false), [graph]);
  const context = useStore(buildInputsStore, (s) => s.context);
  if (!readsContext && !context) return null;
  const text = context ? `context: ${context.name} · ${context.files.length} files, ${formatSize(context.totalBytes)}` : "needs a build context";
  return (
    <button type="button" className={context ? "btn btn-ghost context-chip" : "btn btn-ghost context-chip missing"} data-testid="context-chip" onClick={onOpen} title="the folder sent as local://context">
      {text}
    </button>
  );
}
