// Node colouring by live build state: class names (styled in build.css) and colours, so the graph
// view can mark ops without knowing the palette.
import type { OpRunState } from "../types";

export const OP_STATE_LABEL: Record<OpRunState, string> = {
  waiting: "waiting",
  running: "running",
  cached: "cached",
  done: "done",
  failed: "failed",
  canceled: "canceled",
};

/** CSS custom property holding each state's colour (defined in build.css, dark-friendly). */
export const OP_STATE_COLOR_VAR: Record<OpRunState, string> = {
  waiting: "var(--build-waiting)",
  running: "var(--build-running)",
  cached: "var(--build-cached)",
  done: "var(--build-done)",
  failed: "var(--build-failed)",
  canceled: "var(--build-canceled)",
};

/** `build-op build-op--running` etc.; "" when the op is not in the build. */
export function opStateClass(state: OpRunState | null | undefined): string {
  return state ? `build-op build-op--${state}` : "";
}
