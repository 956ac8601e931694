// Standalone entry for the Workbench until the app shell mounts it: the Workbench with the
// Explorer's canvas as its graph pane (`?pane=list`: the built-in op list instead).
//   npx vite  →  http://127.0.0.1:5173/src/app/workbench/dev.html
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "../styles/app.css";
import { explorerStore } from "../store/explorer-store";
import { ExplorerGraphPane, Workbench, workbenchStore } from "./index";

// For diagnostics and the @bench spec: the two stores, read-only use.
Object.assign(window, { __llbxWorkbench: { workbenchStore, explorerStore } });

const listPane = new URLSearchParams(window.location.search).get("pane") === "list";
const root = document.getElementById("root");
if (root) {
  root.style.height = "100vh";
  createRoot(root).render(
    <StrictMode>
      <Workbench graphPane={listPane ? undefined : <ExplorerGraphPane />} />
    </StrictMode>,
  );
}
