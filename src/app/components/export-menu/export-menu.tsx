// Export the open graph (.llb, dump-llb JSON, DOT) or the current view (SVG, PNG); share link.
import { useState } from "react";
import { writeDefinition } from "../../../llb/index";
import { encodeShareFragment } from "../../core/share-link";
import { exportGraph, type ExportFormat } from "../../services/download";
import { explorerStore } from "../../store/explorer-store";

const FORMATS: [ExportFormat, string][] = [
  ["llb", "Definition (.llb)"],
  ["json", "dump-llb JSON"],
  ["dot", "Graphviz DOT"],
  ["svg", "SVG of the view"],
  ["png", "PNG of the view"],
];

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [shared, setShared] = useState(false);
  const run = (f: ExportFormat) => {
    const { doc, scene } = explorerStore.getState();
    setOpen(false);
    if (doc) void exportGraph(f, doc.graph, scene, doc.name);
  };
  const share = () => {
    const doc = explorerStore.getState().doc;
    if (!doc) return;
    const fragment = encodeShareFragment(writeDefinition(doc.graph));
    history.replaceState(null, "", `${location.pathname}${location.search}#${fragment}`);
    void navigator.clipboard?.writeText(location.href).catch(() => undefined);
    setShared(true);
    setTimeout(() => setShared(false), 1500);
  };
  return (
    <div className="menu">
      <button type="button" className="btn" data-testid="share-button" onClick={share} title="Put the whole graph in the URL and copy it">
        {shared ? "Link copied" : "Share"}
      </button>
      <button type="button" className="btn" data-testid="export-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {open && (
        <div className="menu-popover menu-right" data-testid="export-menu" onMouseLeave={() => setOpen(false)}>
          {FORMATS.map(([f, label]) => (
            <button type="button" key={f} className="menu-item" data-testid={`export-${f}`} onClick={() => run(f)}>
              <span className="menu-item-title">{label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
