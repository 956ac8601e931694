// Top bar: open, document name, search, kind filter, direction, parallelism, export.
import { explorerActions, useExplorer } from "../../store/use-explorer";
import { ExportMenu } from "../export-menu/export-menu";
import { OpenMenu } from "../open-menu/open-menu";
import { SearchBox } from "../search-box/search-box";
import { ModeSwitch } from "../mode-switch/mode-switch";

export function Toolbar() {
  const name = useExplorer((s) => s.doc?.name);
  const direction = useExplorer((s) => s.direction);
  const parallelism = useExplorer((s) => s.parallelism);
  const stageCount = useExplorer((s) => s.doc?.analysis.stages.stages.length ?? 0);
  const anyCollapsed = useExplorer((s) => s.collapsed.size > 0);
  return (
    <header className="toolbar">
      <div className="brand">
        <span className="brand-mark">◆</span> LLB Explorer
      </div>
      <ModeSwitch />
      <OpenMenu />
      {name && (
        <>
          <span className="doc-name" data-testid="doc-name" title={name}>
            {name}
          </span>
          <SearchBox />
          <span className="spacer" />
          <div className="seg" role="group" aria-label="Direction">
            {(["LR", "TB"] as const).map((d) => (
              <button type="button" key={d} className={d === direction ? "seg-btn on" : "seg-btn"} data-testid={`direction-${d}`} onClick={() => explorerActions().setDirection(d)}>
                {d === "LR" ? "→ LR" : "↓ TB"}
              </button>
            ))}
          </div>
          {stageCount > 0 && (
            <button type="button" className="btn" data-testid="stages-toggle" onClick={() => explorerActions().toggleAllStages()} title="Fold every Dockerfile stage into one node, or unfold them">
              {anyCollapsed ? "Expand stages" : "Collapse stages"}
            </button>
          )}
          <button type="button" className={parallelism ? "btn on" : "btn"} data-testid="parallelism-toggle" aria-pressed={parallelism} onClick={() => explorerActions().toggleParallelism()} title="Parallelism view (p)">
            Parallelism
          </button>
          <ExportMenu />
        </>
      )}
    </header>
  );
}
