// The context panel for the graph on screen: what it reads from the client, and the folder and
// secrets the next build will send.
import { useMemo } from "react";
import { ContextPanel } from "../../build/components/index";
import { sessionNeeds } from "../../../solver-client/protocol/index";
import { folderFromFileList, loadContextFolder } from "../../services/context-files";
import { useExplorer } from "../../store/use-explorer";

export function ContextPicker() {
  const graph = useExplorer((s) => s.doc?.graph ?? null);
  const needs = useMemo(() => (graph ? sessionNeeds(graph) : []), [graph]);
  return <ContextPanel needs={needs} onPickFiles={(files) => void loadContextFolder(folderFromFileList(files))} />;
}
