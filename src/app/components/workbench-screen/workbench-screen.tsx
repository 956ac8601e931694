// The Dockerfile workbench as the app's second screen: editor and options beside the explorer's
// graph canvas (a separate chunk, loaded on demand), with the build-context picker under the
// options. The picked folder's .dockerignore is compiled into the graph, as upstream does.
import { useEffect } from "react";
import { buildInputsStore } from "../../build/inputs-store";
import { droppedFolder, loadContextFolder } from "../../services/context-files";
import { ExplorerGraphPane, Workbench, workbenchStore } from "../../workbench/index";
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

function takeFolder(data: DataTransfer): boolean {
  const folder = droppedFolder(data);
  if (folder) void loadContextFolder(folder);
  return folder !== null;
}

export default function WorkbenchScreen() {
  useEffect(syncContextExcludes, []);
  return (
    <div className="canvas-area workbench-screen" data-testid="workbench-screen">
      <Workbench graphPane={<ExplorerGraphPane />} contextPane={<ContextPicker />} onDropFolder={takeFolder} />
    </div>
  );
}
