// Layout worker: message loop only; the work is layoutGraph from the layout core.
//   new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" })

import { layoutGraph } from "../app/layout/index";
import { isLayoutRequestMessage, listTransferables, makeLayoutError, packLayoutResult } from "./layout.messages";
import type { LayoutClientMessage } from "./layout.messages";

declare const self: DedicatedWorkerGlobalScope;

// elkjs's bundled build, when evaluated in a worker, installs its own `self.onmessage` dispatcher
// (it assumes it *is* the worker) and would answer our requests with errors. Our loop listens with
// addEventListener, and `onmessage` is cleared and made inert before elkjs is loaded (Vite's worker
// bundle evaluates elkjs lazily, at its dynamic import).
self.onmessage = null;
Object.defineProperty(self, "onmessage", {
  configurable: true,
  get: () => null,
  set: () => undefined,
});

function reply(message: LayoutClientMessage): void {
  self.postMessage(message, message.type === "llbx/layout-result" ? listTransferables(message.result) : []);
}

self.addEventListener("message", (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isLayoutRequestMessage(request)) return;
  layoutGraph(request.input, request.options).then(
    (result) => reply({ type: "llbx/layout-result", id: request.id, result: packLayoutResult(result) }),
    (cause: unknown) => reply({ type: "llbx/layout-failed", id: request.id, error: makeLayoutError("failed", cause instanceof Error ? cause.message : String(cause)) }),
  );
});
