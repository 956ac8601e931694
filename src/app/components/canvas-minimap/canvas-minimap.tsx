// Minimap drawn on a canvas: one rect per op coloured by kind, the viewport as a frame; click or
// drag to move there. A canvas stays cheap at 9k ops where one SVG element per node does not.
import { useReactFlow, useStore } from "@xyflow/react";
import { useEffect, useMemo, useRef } from "react";
import { opClass } from "../../../llb/index";
import type { Scene } from "../../core/scene";
import { explorerStore } from "../../store/explorer-store";
import { fitMinimap, minimapToFlow } from "./minimap-geometry";

const W = 180;
const H = 120;

function drawScene(scene: Scene, fit: ReturnType<typeof fitMinimap>): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const ctx = canvas.getContext("2d");
  if (!ctx) return canvas;
  ctx.scale(dpr, dpr);
  const css = getComputedStyle(document.documentElement);
  const colour = new Map<string, string>();
  const graph = explorerStore.getState().doc?.graph;
  for (const n of scene.nodes) {
    const op = n.digest === undefined ? undefined : graph?.byDigest.get(n.digest);
    const cls = op ? opClass(op) : "other";
    let c = colour.get(cls);
    if (c === undefined) {
      c = css.getPropertyValue(`--kind-${cls}`).trim() || "#888";
      colour.set(cls, c);
    }
    ctx.fillStyle = c;
    ctx.fillRect(fit.offsetX + n.x * fit.scale, fit.offsetY + n.y * fit.scale, Math.max(1, n.width * fit.scale), Math.max(1, n.height * fit.scale));
  }
  return canvas;
}

export function CanvasMinimap({ scene }: { scene: Scene }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const flow = useReactFlow();
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const paneW = useStore((s) => s.width);
  const paneH = useStore((s) => s.height);
  const fit = useMemo(() => fitMinimap(scene.bounds, W, H), [scene]);
  const base = useMemo(() => drawScene(scene, fit), [scene, fit]);

  useEffect(() => {
    const ctx = ref.current?.getContext("2d");
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, W * dpr, H * dpr);
    ctx.drawImage(base, 0, 0);
    ctx.scale(dpr, dpr);
    const x = fit.offsetX + (-tx / zoom) * fit.scale;
    const y = fit.offsetY + (-ty / zoom) * fit.scale;
    ctx.strokeStyle = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#4493f8";
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x, y, (paneW / zoom) * fit.scale, (paneH / zoom) * fit.scale);
  }, [base, fit, tx, ty, zoom, paneW, paneH]);

  const moveTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const p = minimapToFlow(fit, e.clientX - r.left, e.clientY - r.top);
    void flow.setCenter(p.x, p.y, { zoom: flow.getZoom() });
  };

  return (
    <canvas
      ref={ref}
      className="canvas-minimap"
      data-testid="minimap"
      width={W * (window.devicePixelRatio || 1)}
      height={H * (window.devicePixelRatio || 1)}
      style={{ width: W, height: H }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons === 1) moveTo(e);
      }}
      aria-label="Minimap: click to move the view"
    />
  );
}
