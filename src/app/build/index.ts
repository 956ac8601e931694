// Live builds (issue #6): the pure core (build state, timeline, plain view, history), the store with
// its selector hooks, and the panels. The graph view colours nodes with useOpBuildState(digest) +
// opStateClass(), and animates edges from useRunningEdges().
export {
  applyStatus,
  applyStatuses,
  createBuildState,
  elapsedMs,
  finishBuild,
  markBuildStarted,
  opStateOf,
  progressFraction,
  type BuildEnd,
} from "./build-state";
export type { BuildRunState, BuildState, BuildStateOptions, BuildWarning, OpRunState, ProgressItem, VertexState } from "./types";
export { buildTimeline, criticalPath, type ConcurrencyPoint, type CriticalPath, type Timeline as BuildTimeline, type TimelineBar } from "./timeline";
export { plainView, type PlainViewOptions } from "./plain-view";
export { addToHistory, findInHistory, historyEntry, type HistoryEntry, type HistoryOptions } from "./history";
export { ansiLines, stripAnsi, type AnsiSpan, type AnsiStyle } from "./ansi";
export { toLogLines, type LogLine } from "./log-lines";
export type { BuildSummary, FailureInfo, OpBuildView, RunningEdge } from "./views";
export {
  createLiveBuildStore,
  liveBuildStore,
  type LiveBuildActions,
  type LiveBuildDeps,
  type LiveBuildState,
  type LiveBuildStore,
  type StartBuildInput,
} from "./store";
export {
  selectConnection,
  selectDaemon,
  selectFailure,
  selectHistory,
  selectIsRunning,
  selectOpBuildState,
  selectOpLogs,
  selectPlainText,
  selectRunningEdges,
  selectSummary,
  selectTimeline,
  type OpLogs,
} from "./selectors";
export {
  LiveBuildStoreContext,
  useBuildHistory,
  useBuildSummary,
  useConnection,
  useDaemonInfo,
  useFailure,
  useIsBuilding,
  useLiveBuild,
  useLiveBuildActions,
  useOpBuildState,
  useOpLogs,
  usePlainText,
  useRunningEdges,
  useTimeline,
} from "./use-live-build";
export * from "./components/index";
