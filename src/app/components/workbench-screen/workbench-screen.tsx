// The Dockerfile workbench as the app's second screen: editor and options beside the explorer's
// graph canvas (a separate chunk, loaded on demand), with the build-context picker under the
// options. The picked folder's .dockerignore is compiled into the graph, as upstream does.
import { useEffect } from "react";
import { buildInputsStore } from "../../build/inputs-store";
import { liveBuildStore } from "../../build/store";
import type { DaemonInfo } from "../../../solver-client/protocol/index";
import type { DaemonCapsTarget } from "../../workbench/core/options";
import { droppedFolder, loadContextFolder } from "../../services/context-files";
import { useShell } from "../../store/shell-store";
import { ExplorerGraphPane, selectUpToDate, Workbench, workbenchStore } from "../../workbench/index";
import { ContextPicker } from "../context-picker/context-picker";

function syncContextExcludes(): () => void {
  const apply = () => {
    const excludes = buildInputsStore.getState().context?.excludes ?? [];
    const current = workbenchStore.getState().options.contextExcludes ?? [];
    if (excludes.join("\n") !== current.join("\n")) workbenchStore.getState().setOptions({ contextExcludes: excludes });
  };
  apply();
  return buildInputsStore.subscribe(apply);
}

/** Who the connected daemon is, for the workbench's note. */
function daemonLabel(d: DaemonInfo): string {
  const bk = d.caps.buildkit ? `BuildKit v${d.caps.buildkit.join(".")}` : "a BuildKit of unknown version";
  return d.dockerEngine ? `${bk} (Docker ${d.dockerEngine.version})` : bk;
}

/** Compiles for the connected daemon's LLB caps, as upstream's frontend does with its daemon's. */
function syncDaemonCaps(): () => void {
  const apply = () => {
    const d = liveBuildStore.getState().daemon;
    const next: DaemonCapsTarget | undefined = d ? { label: daemonLabel(d), caps: [...d.caps.llbCaps] } : undefined;
    const cur = workbenchStore.getState().options.daemonCaps;
    if (cur?.label === next?.label && cur?.caps.join() === next?.caps.join()) return;
    workbenchStore.getState().setOptions({ daemonCaps: next });
  };
  apply();
  return liveBuildStore.subscribe(apply);
}

/** Tells the shell while the graph on screen is behind the text (the dock waits to build). */
function publishCompilePending(): () => void {
  const apply = () => useShell.getState().setCompilePending(!selectUpToDate(workbenchStore.getState()));
  apply();
  const stop = workbenchStore.subscribe(apply);
  return () => {
    stop();
    useShell.getState().setCompilePending(false);
  };
}

function takeFolder(data: DataTransfer): boolean {
  const folder = droppedFolder(data);
  if (folder) void loadContextFolder(folder);
  return folder !== null;
}

export default function WorkbenchScreen() {
  useEffect(syncContextExcludes, []);
  useEffect(publishCompilePending, []);
  useEffect(syncDaemonCaps, []);
  return (
    <div className="canvas-area workbench-screen" data-testid="workbench-screen">
      <Workbench graphPane={<ExplorerGraphPane />} contextPane={<ContextPicker />} onDropFolder={takeFolder} />
    </div>
  );
}
