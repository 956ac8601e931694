// Coalesces a build's status stream into few WebSocket frames. A page absorbs only some thousand
// frames a second (each one is a task on its main thread), while a daemon printing logs sends
// tens of thousands of small statuses: so statuses that arrive in the same turn of the event loop
// travel together, in order, and a frame is cut early when it gets big. Nothing is dropped or
// reordered; a batch is only ever delayed to the next macrotask.
import type { SolveStatus } from "../protocol/status";

export interface StatusBatcherOptions {
  /** Cut a frame once its statuses' estimated JSON size passes this. Default 512 KiB. */
  maxBytes: number;
  /** Schedules a flush after the current macrotask. Default setImmediate. */
  schedule: (fn: () => void) => void;
}

export interface StatusBatcher {
  push(status: SolveStatus): void;
  /** Sends what is pending now (before the build's final message). */
  flush(): void;
}

/** A cheap upper-ish bound of a status's JSON size: log data dominates, the rest is small. */
function estimateBytes(s: SolveStatus): number {
  let n = 64;
  for (const l of s.logs ?? []) n += l.data.length + 160;
  n += (s.vertexes?.length ?? 0) * 320 + (s.statuses?.length ?? 0) * 240 + (s.warnings?.length ?? 0) * 400;
  return n;
}

export function createStatusBatcher(send: (statuses: SolveStatus[]) => void, options: Partial<StatusBatcherOptions> = {}): StatusBatcher {
  const maxBytes = options.maxBytes ?? 512 * 1024;
  const schedule = options.schedule ?? ((fn: () => void) => void setImmediate(fn));
  let pending: SolveStatus[] = [];
  let bytes = 0;
  let scheduled = false;

  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    bytes = 0;
    send(batch);
  };

  return {
    push(status) {
      pending.push(status);
      bytes += estimateBytes(status);
      if (bytes >= maxBytes) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(() => {
          scheduled = false;
          flush();
        });
      }
    },
    flush,
  };
}
