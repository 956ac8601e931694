// Typed promise facade over the decode worker: transfers a copy of the input bytes, and falls back
// to decoding on the calling thread when Workers are unavailable or the worker fails to load.
import { decodeNow } from "./decode.shared";
import { isDecodeResultMessage, type DecodeRequestMessage, type Decoded } from "./decode.messages";

export type { Decoded } from "./decode.messages";

export interface DecodeClientOptions {
  /** Creates the worker; null decodes on the calling thread. */
  createWorker: (() => Worker) | null;
}

export interface DecodeClient {
  /** Reads LLB in any format and analyses the graph; never rejects for bad input (the result says why). */
  decode(input: Uint8Array | string): Promise<Decoded>;
  dispose(): void;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL("./decode.worker.ts", import.meta.url), { type: "module", name: "llbx-decode" });
}

export function createDecodeClient(options?: Partial<DecodeClientOptions>): DecodeClient {
  const createWorker = options?.createWorker !== undefined ? options.createWorker : typeof Worker === "undefined" ? null : createDefaultWorker;
  let worker: Worker | null = null;
  let broken = createWorker === null;
  let nextId = 1;
  const pending = new Map<number, { input: Uint8Array | string; resolve: (r: Decoded) => void }>();

  const fallBack = (): void => {
    broken = true;
    worker?.terminate();
    worker = null;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.resolve(decodeNow(p.input));
    }
  };

  const ensureWorker = (): Worker | null => {
    if (worker || broken || createWorker === null) return worker;
    try {
      worker = createWorker();
    } catch {
      broken = true;
      return null;
    }
    worker.addEventListener("message", (event: MessageEvent<unknown>) => {
      if (!isDecodeResultMessage(event.data)) return;
      const p = pending.get(event.data.id);
      pending.delete(event.data.id);
      p?.resolve(event.data.decoded);
    });
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      fallBack();
    });
    return worker;
  };

  return {
    decode(input) {
      const target = ensureWorker();
      if (target === null) return Promise.resolve(decodeNow(input));
      const id = nextId++;
      return new Promise<Decoded>((resolve) => {
        pending.set(id, { input, resolve });
        const message: DecodeRequestMessage = { type: "llbx/decode-request", id, input: typeof input === "string" ? input : input.slice() };
        if (typeof message.input === "string") target.postMessage(message);
        else target.postMessage(message, [message.input.buffer]);
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      broken = true;
    },
  };
}
