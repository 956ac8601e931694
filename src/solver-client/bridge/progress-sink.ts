// The printer a CLI command wires to a build: `--progress=plain|rawjson|quiet`.
import type { SolveStatus } from "../protocol/status";
import { PlainPrinter } from "./progress-plain";
import { formatRawJson } from "./progress-rawjson";

export type ProgressMode = "plain" | "rawjson" | "quiet";

export interface ProgressSink {
  /** Pass as Solver.solve's onStatus. */
  update(s: SolveStatus): void;
  /** Call once the build's `done` resolved: prints what is left (plain: the error-log block) and stops the timer. */
  finish(): void;
}

/** For plain mode, flushes rate-limited output every 150 ms (as buildctl's ticker does) while the build runs. */
export function createProgressSink(mode: ProgressMode, write: (text: string) => void, description = ""): ProgressSink {
  if (mode === "quiet") return { update() {}, finish() {} };
  if (mode === "rawjson") return { update: (s) => write(formatRawJson(s)), finish() {} };
  const p = new PlainPrinter(write, { description });
  const timer = setInterval(() => p.flush(), 150);
  timer.unref();
  return {
    update: (s) => p.update(s),
    finish() {
      clearInterval(timer);
      p.finish();
    },
  };
}
