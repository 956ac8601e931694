// The Explorer screen.
import { ReactFlowProvider } from "@xyflow/react";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { layoutClient } from "../../services/clients";
import { useGlobalInput } from "../../hooks/use-global-input";
import { useKeyboard } from "../../hooks/use-keyboard";
import { useExplorer } from "../../store/use-explorer";
import { EmptyState } from "../empty-state/empty-state";
import { ErrorBanner } from "../error-banner/error-banner";
import { FocusChip } from "../focus-chip/focus-chip";
import { GraphCanvas } from "../graph-canvas/graph-canvas";
import { HelpDialog } from "../help-dialog/help-dialog";
import { KindFilter } from "../kind-filter/kind-filter";
import { Inspector } from "../inspector/inspector";
import { ParallelismPanel } from "../parallelism-panel/parallelism-panel";
import { StatusBar } from "../status-bar/status-bar";
import { Toolbar } from "../toolbar/toolbar";
import { BuildDock } from "../build-dock/build-dock";
import { useShell } from "../../store/shell-store";

// The workbench (Monaco, compiler worker) loads only when that screen is opened.
const WorkbenchScreen = lazy(() => import("../workbench-screen/workbench-screen"));

function ArrowDefs() {
  return (
    <svg width="0" height="0" style={{ position: "absolute" }} aria-hidden="true">
      <defs>
        <marker id="llbx-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
      </defs>
    </svg>
  );
}

export function App() {
  const dragging = useGlobalInput();
  useEffect(() => {
    // Start the layout worker (and load elkjs in it) before the first graph arrives.
    layoutClient()
      .layout({ nodes: [{ id: "warm-up", width: 1, height: 1 }], edges: [] }, { engine: "elk" })
      .catch(() => undefined);
  }, []);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useKeyboard(toggleHelp);
  const hasDoc = useExplorer((s) => s.doc !== null);
  const loading = useExplorer((s) => s.loading);
  const mode = useShell((s) => s.mode);
  return (
    <ReactFlowProvider>
      <div className="app" data-testid="app" data-loading={loading ? "true" : "false"}>
        <ArrowDefs />
        <Toolbar />
        <ErrorBanner />
        <main className="workspace">
          {mode === "workbench" ? (
            <Suspense fallback={<div className="canvas-area wb-loading">Loading the Dockerfile workbench…</div>}>
              <WorkbenchScreen />
            </Suspense>
          ) : (
            <div className="canvas-area">
              <GraphCanvas />
              {!hasDoc && <EmptyState />}
              <FocusChip />
              <ParallelismPanel />
              {hasDoc && <KindFilter />}
            </div>
          )}
          <Inspector />
        </main>
        <BuildDock />
        <StatusBar />
        {dragging && (
          <div className="drop-overlay" data-testid="drop-overlay">
            Drop to open
          </div>
        )}
        {help && <HelpDialog onClose={toggleHelp} />}
      </div>
    </ReactFlowProvider>
  );
}
