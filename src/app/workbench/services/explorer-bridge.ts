// Adapter between the Workbench store and the Explorer's store, for showing the Workbench's graph
// in the Explorer's canvas: each new graph is opened there, and an op selected there is revealed
// in the editor. Returns a function that disconnects.
import type { ExplorerStore } from "../../store/explorer-store";
import type { WorkbenchStore } from "../store/workbench-store";

export const WORKBENCH_DOC_NAME = "Dockerfile workbench";

export function connectExplorer(workbench: WorkbenchStore, explorer: ExplorerStore): () => void {
  const show = (): void => {
    const output = workbench.getState().output;
    if (output && explorer.getState().doc?.graph !== output.graph) explorer.getState().open(output.graph, WORKBENCH_DOC_NAME);
  };
  show();
  const offWorkbench = workbench.subscribe((state, previous) => {
    if (state.output?.graph !== previous.output?.graph) show();
  });
  const offExplorer = explorer.subscribe((state, previous) => {
    if (state.selected !== previous.selected && state.selected !== null) workbench.getState().revealOp(state.selected);
  });
  return () => {
    offWorkbench();
    offExplorer();
  };
}
