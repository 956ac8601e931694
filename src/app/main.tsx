// Entry point of the static site.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./styles/app.css";
import { App } from "./components/app/app";
import { liveBuildStore } from "./build/index";
import { hasBridgeToken } from "./services/bridge";

// Opened through `llbx serve` (the URL carries the token): connect to the bridge for live builds.
if (hasBridgeToken()) liveBuildStore.getState().connect();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
