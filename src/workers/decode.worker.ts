// Decode worker: message loop only; the work is readLlb from the LLB core (and the graph analysis).
//   new Worker(new URL("./decode.worker.ts", import.meta.url), { type: "module" })
import { decodeNow } from "./decode.shared";
import { isDecodeRequestMessage, type DecodeResultMessage } from "./decode.messages";

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener("message", (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isDecodeRequestMessage(request)) return;
  let reply: DecodeResultMessage;
  try {
    reply = { type: "llbx/decode-result", id: request.id, decoded: decodeNow(request.input) };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    reply = { type: "llbx/decode-result", id: request.id, decoded: { result: { ok: false, error: { kind: "format", message: `decoder failed: ${message}` } } } };
  }
  self.postMessage(reply);
});
