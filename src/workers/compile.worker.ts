// Compile worker: message loop only; the work is compileDockerfile from the workbench core.
//   new Worker(new URL("./compile.worker.ts", import.meta.url), { type: "module" })
import { compileDockerfile } from "../app/workbench/core/compile";
import { isCompileRequestMessage, type CompileResultMessage } from "./compile.messages";

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener("message", (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isCompileRequestMessage(request)) return;
  const outcome = compileDockerfile(request.text, request.options);
  const reply: CompileResultMessage = { type: "llbx/compile-result", id: request.id, outcome };
  if (outcome.ok) self.postMessage(reply, [outcome.definition.buffer]);
  else self.postMessage(reply);
});
