// Op kind filter: toggling a kind dims its ops on the graph and drops them from search results.
import { useMemo } from "react";
import { OP_CLASSES, opClass, type OpClass } from "../../../llb/index";
import { explorerActions, useExplorer } from "../../store/use-explorer";

export function KindFilter() {
  const graph = useExplorer((s) => s.doc?.graph);
  const hidden = useExplorer((s) => s.hiddenClasses);
  const counts = useMemo(() => {
    const m = new Map<OpClass, number>();
    for (const n of graph?.nodes ?? []) m.set(opClass(n), (m.get(opClass(n)) ?? 0) + 1);
    return m;
  }, [graph]);
  const present = OP_CLASSES.filter((c) => counts.has(c));
  return (
    <div className="kind-filter" data-testid="kind-filter" role="group" aria-label="Filter by op kind">
      {present.map((c) => (
        <button
          type="button"
          key={c}
          className={`kind-toggle op-${c}${hidden.has(c) ? " off" : ""}`}
          aria-pressed={!hidden.has(c)}
          data-testid="kind-toggle"
          data-kind={c}
          onClick={() => explorerActions().toggleClass(c)}
          title={`${hidden.has(c) ? "Show" : "Dim"} ${c} ops`}
        >
          <span className="kind-dot" />
          {c === "other" ? "result" : c} <span className="count">{counts.get(c)}</span>
        </button>
      ))}
    </div>
  );
}
