// The Explorer's canvas as the Workbench's graph pane: while mounted, each new Workbench graph is
// opened in the Explorer's store and an op selected on the canvas is revealed in the editor.
// Note: it shares the Explorer's one store, so the Explorer shows the Workbench's graph afterwards.
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect } from "react";
import { GraphCanvas } from "../../../components/graph-canvas/graph-canvas";
import { explorerStore } from "../../../store/explorer-store";
import { useExplorer } from "../../../store/use-explorer";
import { connectExplorer } from "../../services/explorer-bridge";
import { workbenchStore } from "../../store/workbench-store";

export function ExplorerGraphPane() {
  const hasDoc = useExplorer((s) => s.doc !== null);
  useEffect(() => connectExplorer(workbenchStore, explorerStore), []);
  return <ReactFlowProvider>{hasDoc ? <GraphCanvas /> : <div className="wb-muted">compiling…</div>}</ReactFlowProvider>;
}
