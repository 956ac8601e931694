// Exports of the open graph: .llb, dump-llb JSON, DOT, SVG and PNG of the laid-out view.
import { writeDefinition, writeDot, writeDumpJson, type LlbGraph } from "../../llb/index";
import { LIGHT_SVG_THEME, sceneToSvg } from "../core/export-svg";
import type { Scene } from "../core/scene";

export type ExportFormat = "llb" | "json" | "dot" | "svg" | "png";

function save(data: BlobPart, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function baseName(name: string): string {
  const base = name.replace(/^.*[\\/]/, "").replace(/\.(llb|json|txt|b64|dot)$/i, "");
  return base.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "graph";
}

async function svgToPng(svg: string, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportGraph(format: ExportFormat, graph: LlbGraph, scene: Scene | null, name: string): Promise<void> {
  const base = baseName(name);
  switch (format) {
    case "llb":
      return save(writeDefinition(graph) as Uint8Array<ArrayBuffer>, "application/octet-stream", `${base}.llb`);
    case "json":
      return save(writeDumpJson(graph), "application/json", `${base}.dump.json`);
    case "dot":
      return save(writeDot(graph), "text/vnd.graphviz", `${base}.dot`);
    case "svg":
      if (scene) save(sceneToSvg(scene, graph, LIGHT_SVG_THEME), "image/svg+xml", `${base}.svg`);
      return;
    case "png":
      if (scene) {
        const svg = sceneToSvg(scene, graph, LIGHT_SVG_THEME);
        const pixels = scene.bounds.width * scene.bounds.height;
        save(await svgToPng(svg, pixels > 8e6 ? 1 : 2), "image/png", `${base}.png`);
      }
      return;
  }
}
