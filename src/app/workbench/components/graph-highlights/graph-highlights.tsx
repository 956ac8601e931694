// Marks ops in a graph view it does not own (the Explorer's canvas draws `[data-digest]` nodes):
// a style sheet lights the highlighted and selected ops and flashes new/changed ones.
import { useMemo } from "react";
import { useWorkbench } from "../../store/use-workbench";

const selectorOf = (digest: string, scope: string) => `${scope} [data-digest="${digest}"]`;

export function GraphHighlights({ scope = ".wb-graph" }: { scope?: string }) {
  const highlighted = useWorkbench((s) => s.highlighted);
  const changed = useWorkbench((s) => s.output?.changed);
  const css = useMemo(() => {
    const rules: string[] = [];
    if (highlighted.size > 0) rules.push(`${[...highlighted].map((d) => selectorOf(d, scope)).join(",\n")} { outline: 3px solid var(--wb-highlight); outline-offset: 2px; }`);
    if (changed && changed.size > 0) rules.push(`${[...changed].map((d) => selectorOf(d, scope)).join(",\n")} { animation: wb-flash 1.4s ease-out; }`);
    return rules.join("\n");
  }, [highlighted, changed, scope]);
  return <style data-testid="wb-graph-highlights">{css}</style>;
}
