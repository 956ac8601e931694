// Connects store requests to the xyflow viewport: centre on an op when asked, fit the view on
// `llbx:fit` events (`f` key) or the fit button (`fit`), and open a fresh layout at a readable zoom
// (`llbx:open-view`). Fitting uses the scene's bounds: xyflow's fitView knows only the nodes it
// holds, none when zoomed out (see GraphCanvas).
import type { Digest } from "../../../llb/index";
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback, useEffect } from "react";
import { fitViewport, initialViewport } from "../../core/scene";
import { explorerStore } from "../../store/explorer-store";
import { useExplorer } from "../../store/use-explorer";

export function useViewportCommands(): { fit: () => void } {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const request = useExplorer((s) => s.zoomRequest);
  const scene = useExplorer((s) => s.scene);

  useEffect(() => {
    if (!request || !scene) return;
    const n = scene.byId.get(request.id) ?? [...scene.byId.values()].find((x) => x.stage !== undefined && x.digest === undefined && explorerStore.getState().doc?.analysis.stages.stageOf.get(request.id as Digest) === x.stage);
    if (!n) return;
    void flow.setCenter(n.x + n.width / 2, n.y + n.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
  }, [request, scene, flow]);

  const fit = useCallback(() => {
    const scene = explorerStore.getState().scene;
    const { width, height } = flowStore.getState();
    if (!scene || width === 0) return;
    void flow.setViewport(fitViewport(scene.bounds, { width, height }, { padding: 0.08, maxZoom: 1.2 }), { duration: 200 });
  }, [flow, flowStore]);

  useEffect(() => {
    const onFit = () => requestAnimationFrame(fit);
    const open = () =>
      requestAnimationFrame(() => {
        const scene = explorerStore.getState().scene;
        const { width, height } = flowStore.getState();
        if (!scene || width === 0) return;
        const start = explorerStore.getState().doc?.analysis.parallelism.criticalPath.find((d) => scene.byId.has(d));
        const anchor = start === undefined ? undefined : scene.byId.get(start);
        void flow.setViewport(initialViewport(scene.bounds, { width, height }, scene.direction, { padding: 28, minZoom: 0.6, maxZoom: 1.1 }, anchor));
      });
    window.addEventListener("llbx:fit", onFit);
    window.addEventListener("llbx:open-view", open);
    return () => {
      window.removeEventListener("llbx:fit", onFit);
      window.removeEventListener("llbx:open-view", open);
    };
  }, [flow, flowStore, fit]);

  return { fit };
}
