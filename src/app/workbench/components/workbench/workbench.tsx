// The Workbench screen (mount point): a Dockerfile editor with its options on the left, the LLB
// graph it compiles to on the right. Pass the graph view as `graphPane` (fed from `selectOutput`);
// without one, a plain op list stands in.
import { useState, type DragEvent, type ReactNode } from "react";
import "../../workbench.css";
import { useWorkbenchSession } from "../../hooks/use-workbench-session";
import { useWorkbench } from "../../store/use-workbench";
import { CodeEditor } from "../code-editor/code-editor";
import { GraphHighlights } from "../graph-highlights/graph-highlights";
import { OpList } from "../op-list/op-list";
import { OptionsPanel } from "../options-panel/options-panel";
import { ProblemsList } from "../problems-list/problems-list";
import { StaleBanner } from "../stale-banner/stale-banner";
import { openDockerfileFile, WorkbenchToolbar } from "../workbench-toolbar/workbench-toolbar";

export interface WorkbenchProps {
  /** The graph view for the right-hand side; default: the built-in op list. */
  graphPane?: ReactNode;
  /** Shown under the options: the app's build-context picker. */
  contextPane?: ReactNode;
  /** A drop that carries a folder (the build context); return true when it was taken. */
  onDropFolder?: (data: DataTransfer) => boolean;
  className?: string;
}

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes("Files");

export function Workbench({ graphPane, contextPane, onDropFolder, className }: WorkbenchProps) {
  useWorkbenchSession();
  const [dragging, setDragging] = useState(false);
  const stale = useWorkbench((s) => s.output?.stale ?? false);
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation(); // the Explorer's page-wide drop handler must not open it as LLB
    setDragging(false);
    if (onDropFolder?.(e.dataTransfer)) return;
    const file = e.dataTransfer.files[0];
    if (file) void openDockerfileFile(file);
  };
  return (
    <div
      className={`wb${className ? ` ${className}` : ""}`}
      data-testid="workbench"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.stopPropagation();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <WorkbenchToolbar />
      <div className="wb-body">
        <section className="wb-left" aria-label="Dockerfile">
          <OptionsPanel />
          {contextPane}
          <CodeEditor />
          <ProblemsList />
        </section>
        <section className={`wb-graph${stale ? " stale" : ""}`} data-testid="wb-graph" data-stale={stale ? "true" : "false"} aria-label="LLB graph">
          <StaleBanner />
          <div className="wb-graph-body">{graphPane ?? <OpList />}</div>
          <GraphHighlights />
        </section>
      </div>
      {dragging && <div className="wb-drop" data-testid="wb-drop-overlay">Drop a Dockerfile to open it</div>}
    </div>
  );
}
