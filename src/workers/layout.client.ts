// Typed promise facade over the layout worker. Only the latest request wins: an older request that
// is still pending when a newer one is made rejects with a `superseded` LayoutError (its result, if
// it still arrives, is dropped). A worker busy for longer than `restartAfterMs` on a superseded
// request is terminated and replaced, so a huge stale layout does not delay the fresh one.
// Without `Worker` (Node, tests) the core runs on the calling thread with the same semantics.

import { layoutGraph } from "../app/layout/index";
import type { LayoutInput, LayoutOptions, LayoutResult } from "../app/layout/index";
import { isLayoutClientMessage, makeLayoutError, unpackLayoutResult } from "./layout.messages";
import type { LayoutError, LayoutRequestMessage } from "./layout.messages";

export { isLayoutError } from "./layout.messages";
export type { LayoutError } from "./layout.messages";

export interface LayoutClientOptions {
  /** Creates the worker; default: the module worker next to this file, or none without `Worker`. */
  createWorker: (() => Worker) | null;
  /** A superseded request running longer than this gets its worker restarted. */
  restartAfterMs: number;
}

export interface LayoutClient {
  /** Lays out `input` off the main thread when possible. Rejects with a LayoutError. */
  layout(input: LayoutInput, options?: Partial<LayoutOptions>): Promise<LayoutResult>;
  /** Terminates the worker; pending requests reject with `disposed`. */
  dispose(): void;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module", name: "llbx-layout" });
}

interface Pending {
  id: number;
  startedAt: number;
  resolve: (result: LayoutResult) => void;
  reject: (error: LayoutError) => void;
}

export function createLayoutClient(options?: Partial<LayoutClientOptions>): LayoutClient {
  const createWorker = options?.createWorker !== undefined ? options.createWorker : typeof Worker === "undefined" ? null : createDefaultWorker;
  const restartAfterMs = options?.restartAfterMs ?? 200;
  let worker: Worker | null = null;
  let nextId = 1;
  let latest = 0;
  let disposed = false;
  const pending = new Map<number, Pending>();

  const settle = (id: number, outcome: { result: LayoutResult } | { error: LayoutError }): void => {
    const entry = pending.get(id);
    if (entry === undefined) return;
    pending.delete(id);
    if ("result" in outcome && id === latest) entry.resolve(outcome.result);
    else entry.reject("error" in outcome ? outcome.error : makeLayoutError("superseded", `layout request ${id} was superseded by ${latest}`));
  };

  const dropWorker = (kind: LayoutError["kind"], message: string): void => {
    worker?.terminate();
    worker = null;
    for (const id of [...pending.keys()]) settle(id, { error: makeLayoutError(kind, message) });
  };

  const ensureWorker = (): Worker | null => {
    if (worker !== null || createWorker === null) return worker;
    try {
      worker = createWorker();
    } catch {
      return null;
    }
    worker.addEventListener("message", (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isLayoutClientMessage(message)) return;
      if (message.type === "llbx/layout-failed") settle(message.id, { error: message.error });
      else if (message.id === latest && pending.has(message.id)) settle(message.id, { result: unpackLayoutResult(message.result) });
      else settle(message.id, { error: makeLayoutError("superseded", `layout request ${message.id} was superseded by ${latest}`) });
    });
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      dropWorker("worker-crashed", event.message || "layout worker failed");
    });
    return worker;
  };

  return {
    layout(input, layoutOptions = {}) {
      if (disposed) return Promise.reject(makeLayoutError("disposed", "layout client was disposed"));
      const id = nextId++;
      latest = id;
      const now = performance.now();
      // Older requests are now stale: reject them at once, and restart a worker stuck on a long one.
      let restart = false;
      for (const entry of pending.values()) if (now - entry.startedAt > restartAfterMs) restart = true;
      for (const oldId of [...pending.keys()]) settle(oldId, { error: makeLayoutError("superseded", `layout request ${oldId} was superseded by ${id}`) });
      if (restart && worker !== null) {
        worker.terminate();
        worker = null;
      }
      return new Promise<LayoutResult>((resolve, reject) => {
        pending.set(id, { id, startedAt: now, resolve, reject });
        const target = ensureWorker();
        if (target === null) {
          layoutGraph(input, layoutOptions).then(
            (result) => settle(id, { result }),
            (cause: unknown) => settle(id, { error: makeLayoutError("failed", cause instanceof Error ? cause.message : String(cause)) }),
          );
          return;
        }
        const message: LayoutRequestMessage = { type: "llbx/layout-request", id, input, options: layoutOptions };
        target.postMessage(message);
      });
    },
    dispose() {
      disposed = true;
      dropWorker("disposed", "layout client was disposed");
    },
  };
}
