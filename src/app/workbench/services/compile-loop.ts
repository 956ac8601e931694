// Adapter: recompiles whenever the text or the options change, through the compile client (latest
// wins), and applies replies to the store. A change after a quiet spell compiles at once (leading
// edge); changes while typing are debounced (trailing edge). Changed-op marks fade after `markMs`.
import type { CompileClient } from "../../../workers/compile.client";
import type { WorkbenchStore } from "../store/workbench-store";

export interface CompileLoopOptions {
  debounceMs: number;
  /** How long new/changed ops stay marked. */
  markMs: number;
}

const defaults: CompileLoopOptions = { debounceMs: 150, markMs: 1500 };

/** Starts the loop (compiling the current text at once); returns a function that stops it. */
export function startCompileLoop(store: WorkbenchStore, client: CompileClient, options?: Partial<CompileLoopOptions>): () => void {
  const { debounceMs, markMs } = { ...defaults, ...options };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fade: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lastRun = -Infinity;

  const run = (): void => {
    timer = undefined;
    lastRun = performance.now();
    const { text, options: compileOptions, revision } = store.getState();
    store.getState().setCompiling(true);
    void client.compile(text, compileOptions).then((reply) => {
      if (stopped || reply.status !== "done") return;
      store.getState().receive(revision, reply.outcome, reply.totalMs);
      if (fade !== undefined) clearTimeout(fade);
      fade = setTimeout(() => store.getState().clearChanged(), markMs);
    });
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.revision === previous.revision) return;
    if (timer !== undefined) clearTimeout(timer);
    const quiet = performance.now() - lastRun >= debounceMs;
    // Leading edge: a macrotask, so that changes made in the same tick compile together.
    timer = setTimeout(run, quiet ? 0 : debounceMs);
  });
  run();

  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    if (fade !== undefined) clearTimeout(fade);
  };
}
