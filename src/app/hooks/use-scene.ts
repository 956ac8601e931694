// Lays out the visible view in the layout worker whenever the document, focus scope, collapsed
// stages or direction change, and publishes the result as the store's scene. Earlier positions are
// passed along so a re-layout (collapse, focus) moves as little as possible.
import { useEffect, useMemo, useRef, useState } from "react";
import { isLayoutError } from "../../workers/layout.client";
import { buildScene, type Scene } from "../core/scene";
import { buildView, layoutInputOf } from "../core/view-model";
import { layoutClient } from "../services/clients";
import { explorerActions, useExplorer } from "../store/use-explorer";
import { carryPositions, positionsOf } from "../workbench/core/graph-diff";
import { WORKBENCH_DOC_NAME } from "../workbench/services/explorer-bridge";

export interface SceneState {
  scene: Scene | null;
  pending: boolean;
  error: string | null;
}

export function useScene(): SceneState {
  const doc = useExplorer((s) => s.doc);
  const scope = useExplorer((s) => s.scope);
  const collapsed = useExplorer((s) => s.collapsed);
  const direction = useExplorer((s) => s.direction);
  const scene = useExplorer((s) => s.scene);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What the last layout was for: a new document, focus scope or direction re-fits the view.
  const previous = useRef<{ doc: unknown; scope: unknown; direction: unknown }>({ doc: null, scope: null, direction: null });

  const view = useMemo(() => (doc ? buildView(doc.graph, doc.analysis, { scope, collapsed, groups: true }) : null), [doc, scope, collapsed]);

  useEffect(() => {
    if (!view || !doc) {
      explorerActions().setScene(null);
      return;
    }
    let live = true;
    setPending(true);
    const started = performance.now();
    const last = previous.current;
    // The workbench recompiles on every edit: unchanged ops keep their place (and the view stays),
    // so people see what their edit changed.
    const workbench = doc.name === WORKBENCH_DOC_NAME && last.doc !== null && last.direction === direction;
    const fresh = !workbench && (last.doc !== doc || last.scope !== scope || last.direction !== direction);
    const carried = workbench && scene ? carryPositions(positionsOf(scene.nodes), doc.graph) : undefined;
    previous.current = { doc, scope, direction };
    layoutClient()
      .layout(layoutInputOf(view), { direction, groups: true, engine: "auto", layerGap: direction === "TB" ? 44 : 56, nodeGap: 20, ...(carried && carried.size > 0 ? { previous: carried } : {}) })
      .then(
        (layout) => {
          if (!live) return;
          setError(null);
          explorerActions().setScene(buildScene(view, layout, direction));
          explorerActions().setTimings({ layoutMs: Math.round(performance.now() - started), engine: layout.engine });
          setPending(false);
          if (fresh) window.dispatchEvent(new CustomEvent("llbx:open-view"));
        },
        (cause: unknown) => {
          if (!live || (isLayoutError(cause) && cause.kind === "superseded")) return;
          setError(isLayoutError(cause) ? cause.message : String(cause));
          setPending(false);
        },
      );
    return () => {
      live = false;
    };
  }, [view, doc, scope, direction]);

  return { scene, pending, error };
}
