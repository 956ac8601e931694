// Bottom dock for live builds: connection, Build button, logs, timeline, history and the failure
// card. Live builds need the local bridge (`npm start`); the static site says so instead.
import { useState } from "react";
import { BuildBar, BuildHistory, ConnectPanel, FailureCard, LogsPanel, Timeline } from "../../build/components/index";
import { useBuildSummary, useConnection } from "../../build/index";
import { buildableDefinition } from "../../core/build-input";
import type { Digest } from "../../../llb/index";
import { explorerActions, useExplorer } from "../../store/use-explorer";
import { explorerStore } from "../../store/explorer-store";
import { useShell } from "../../store/shell-store";
import { hasBridgeToken } from "../../services/bridge";
import { buildInputsStore } from "../../build/inputs-store";
import { readsBuildContext } from "../../../solver-client/protocol/index";
import { ContextChip } from "../context-chip/context-chip";
import { ContextPicker } from "../context-picker/context-picker";

type Tab = "logs" | "timeline" | "history" | "context" | "daemon";

const TAB_LABEL: Record<Tab, string> = { logs: "Logs", timeline: "Timeline", history: "History", context: "Context", daemon: "Daemon" };

export function BuildDock() {
  const open = useShell((s) => s.dockOpen);
  const setOpen = useShell((s) => s.setDockOpen);
  const [tab, setTab] = useState<Tab>("logs");
  const selected = useExplorer((s) => s.selected);
  const hasDoc = useExplorer((s) => s.doc !== null);
  const summary = useBuildSummary();
  const connection = useConnection();
  const bridge = hasBridgeToken();
  // In the workbench, a build waits for the compile of the latest edit (or picked folder), so the
  // graph sent is the graph on screen.
  const compiling = useShell((s) => s.mode === "workbench" && s.compilePending);
  return (
    <section className={open ? "build-dock open" : "build-dock"} data-testid="build-dock" aria-label="Live build">
      <header className="build-dock-bar">
        <button type="button" className="btn btn-ghost" data-testid="build-dock-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? "▾" : "▸"} Build
        </button>
        {bridge ? (
          <>
            <ConnectPanel
              compact
              onShowDetails={() => {
                setOpen(true);
                setTab("daemon");
              }}
            />
            <BuildBar
              disabled={!hasDoc || connection?.status !== "open" || compiling}
              getInput={() => {
                const doc = explorerStore.getState().doc;
                if (!doc) return null;
                const inputs = buildInputsStore.getState();
                // The picked folder goes only to graphs that read local://context.
                const context = readsBuildContext(doc.graph) ? inputs.context : null;
                return { definition: buildableDefinition(doc.graph), graph: doc.graph, label: doc.name, context, secrets: inputs.takeSecrets() };
              }}
              onBuildStarted={() => setOpen(true)}
            />
            <ContextChip
              onOpen={() => {
                setOpen(true);
                setTab("context");
              }}
            />
          </>
        ) : (
          <span className="build-dock-note" data-testid="build-needs-bridge">
            Live builds run through the local bridge: start the app with <code>npm start</code> (or <code>llbx serve</code>) and open the URL it prints.
          </span>
        )}
      </header>
      {open && bridge && (
        <div className="build-dock-body">
          <FailureCard onShowLines={(d) => explorerActions().select(d as Digest, true)} onSelectOp={(d) => explorerActions().select(d as Digest, true)} />
          <div className="seg" role="tablist">
            {(["logs", "timeline", "history", "context", "daemon"] as const).map((t) => (
              <button type="button" key={t} role="tab" aria-selected={tab === t} className={tab === t ? "seg-btn on" : "seg-btn"} data-testid={`build-tab-${t}`} onClick={() => setTab(t)}>
                {TAB_LABEL[t]}
              </button>
            ))}
            {summary && <span className="build-dock-summary">{summary.label}</span>}
          </div>
          {tab === "logs" && <LogsPanel digest={selected} />}
          {tab === "timeline" && <Timeline onSelectOp={(d) => explorerActions().select(d as Digest, true)} selectedDigest={selected} />}
          {tab === "history" && <BuildHistory onOpen={() => setTab("timeline")} />}
          {tab === "context" && <ContextPicker />}
          {tab === "daemon" && <ConnectPanel />}
        </div>
      )}
    </section>
  );
}
