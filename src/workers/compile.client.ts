// Typed promise facade over the compile worker. Latest wins: at most one request runs in the worker
// and at most one waits behind it; a newer request replaces the waiting one, which resolves
// `superseded` without ever being compiled (and a result for an older request than the latest also
// comes back `superseded`). Without `Worker` (Node, tests) or when the worker fails to load, it
// compiles on the calling thread with the same semantics.
import { compileDockerfile, type CompileOutcome } from "../app/workbench/core/compile";
import type { WorkbenchOptions } from "../app/workbench/core/options";
import { isCompileResultMessage, type CompileRequestMessage } from "./compile.messages";

export type CompileReply =
  | { status: "done"; outcome: CompileOutcome; /** Request to reply, in milliseconds (queueing and transfer included). */ totalMs: number }
  | { status: "superseded" };

export interface CompileClientOptions {
  /** Creates the worker; null compiles on the calling thread. */
  createWorker: (() => Worker) | null;
}

export interface CompileClient {
  compile(text: string, options: WorkbenchOptions): Promise<CompileReply>;
  dispose(): void;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL("./compile.worker.ts", import.meta.url), { type: "module", name: "llbx-compile" });
}

interface Job {
  id: number;
  text: string;
  options: WorkbenchOptions;
  startedAt: number;
  resolve: (reply: CompileReply) => void;
}

export function createCompileClient(options?: Partial<CompileClientOptions>): CompileClient {
  const createWorker = options?.createWorker !== undefined ? options.createWorker : typeof Worker === "undefined" ? null : createDefaultWorker;
  let worker: Worker | null = null;
  let broken = createWorker === null;
  let nextId = 1;
  let latest = 0;
  let running: Job | null = null;
  let waiting: Job | null = null;

  const finish = (job: Job, outcome: CompileOutcome): void => {
    job.resolve(job.id === latest ? { status: "done", outcome, totalMs: performance.now() - job.startedAt } : { status: "superseded" });
  };

  const runLocally = (job: Job): void => {
    // A macrotask, so that a burst of calls in one tick coalesces like it does with the worker.
    setTimeout(() => {
      if (job.id !== latest) job.resolve({ status: "superseded" });
      else finish(job, compileDockerfile(job.text, job.options));
      running = null;
      pump();
    }, 0);
  };

  const pump = (): void => {
    if (running !== null || waiting === null) return;
    const job = waiting;
    waiting = null;
    running = job;
    const target = ensureWorker();
    if (target === null) {
      runLocally(job);
      return;
    }
    const message: CompileRequestMessage = { type: "llbx/compile-request", id: job.id, text: job.text, options: job.options };
    target.postMessage(message);
  };

  const fallBack = (): void => {
    broken = true;
    worker?.terminate();
    worker = null;
    const job = running;
    running = null;
    if (job !== null) {
      if (waiting === null) waiting = job;
      else job.resolve({ status: "superseded" });
    }
    pump();
  };

  function ensureWorker(): Worker | null {
    if (worker !== null || broken || createWorker === null) return worker;
    try {
      worker = createWorker();
    } catch {
      broken = true;
      return null;
    }
    worker.addEventListener("message", (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isCompileResultMessage(message) || running === null || message.id !== running.id) return;
      const job = running;
      running = null;
      finish(job, message.outcome);
      pump();
    });
    worker.addEventListener("error", (event: ErrorEvent) => {
      event.preventDefault();
      fallBack();
    });
    return worker;
  }

  return {
    compile(text, compileOptions) {
      const id = nextId++;
      latest = id;
      return new Promise<CompileReply>((resolve) => {
        waiting?.resolve({ status: "superseded" });
        waiting = { id, text, options: compileOptions, startedAt: performance.now(), resolve };
        pump();
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      broken = true;
      waiting?.resolve({ status: "superseded" });
      running?.resolve({ status: "superseded" });
      waiting = null;
      running = null;
    },
  };
}

