// Connects store requests to the xyflow viewport: centre on an op when asked, fit the view on
// `llbx:fit` events (`f` key), and open a fresh layout at a readable zoom (`llbx:open-view`).
import type { Digest } from "../../../llb/index";
import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect } from "react";
import { initialViewport } from "../../core/scene";
import { explorerStore } from "../../store/explorer-store";
import { useExplorer } from "../../store/use-explorer";

export function useViewportCommands(): void {
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

  useEffect(() => {
    const fit = () => requestAnimationFrame(() => void flow.fitView({ padding: 0.08, duration: 200, maxZoom: 1.2 }));
    const open = () =>
      requestAnimationFrame(() => {
        const scene = explorerStore.getState().scene;
        const { width, height } = flowStore.getState();
        if (!scene || width === 0) return;
        const start = explorerStore.getState().doc?.analysis.parallelism.criticalPath.find((d) => scene.byId.has(d));
        const anchor = start === undefined ? undefined : scene.byId.get(start);
        void flow.setViewport(initialViewport(scene.bounds, { width, height }, scene.direction, { padding: 28, minZoom: 0.6, maxZoom: 1.1 }, anchor));
      });
    window.addEventListener("llbx:fit", fit);
    window.addEventListener("llbx:open-view", open);
    return () => {
      window.removeEventListener("llbx:fit", fit);
      window.removeEventListener("llbx:open-view", open);
    };
  }, [flow, flowStore]);
}
