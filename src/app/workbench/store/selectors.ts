// Selectors over the Workbench store, for the app shell and the graph view.
import type { Digest } from "../../../llb/index";
import type { WorkbenchOutput, WorkbenchState } from "./workbench-store";

/** `{graph, definition, changed, stale}`, or null before the first successful compile. */
export const selectOutput = (s: WorkbenchState): WorkbenchOutput | null => s.output;
export const selectHighlighted = (s: WorkbenchState): Set<Digest> => s.highlighted;
export const selectSelectedOp = (s: WorkbenchState): Digest | null => s.selectedOp;
export const selectStale = (s: WorkbenchState): boolean => s.output?.stale ?? false;
export const selectOpCount = (s: WorkbenchState): number => s.output?.graph.nodes.length ?? 0;
export const selectErrorCount = (s: WorkbenchState): number => s.markers.filter((m) => m.severity === "error").length;
export const selectWarningCount = (s: WorkbenchState): number => s.markers.filter((m) => m.severity === "warning").length;
/** The graph on screen is the compile of the current text and options (no change in flight). */
export const selectUpToDate = (s: WorkbenchState): boolean => s.appliedRevision === s.revision && !s.compiling;
