// Public surface of the Dockerfile Workbench (issue #5): the mount point, its store with selectors
// and actions, and the pure helpers the app shell may want (share links, positions to carry over).
export { Workbench, type WorkbenchProps } from "./components/workbench/workbench";
export { ExplorerGraphPane } from "./components/explorer-pane/explorer-pane";
export { createWorkbenchStore, workbenchStore } from "./store/workbench-store";
export type { WorkbenchActions, WorkbenchOutput, WorkbenchState, WorkbenchStore, WorkbenchTimings } from "./store/workbench-store";
export { useWorkbench, workbenchActions } from "./store/use-workbench";
export { selectErrorCount, selectHighlighted, selectOpCount, selectOutput, selectSelectedOp, selectStale, selectUpToDate, selectWarningCount } from "./store/selectors";
export { connectExplorer, WORKBENCH_DOC_NAME } from "./services/explorer-bridge";
export { carryPositions, diffGraphs, positionsOf, type GraphDiff } from "./core/graph-diff";
export { decodeShareFragment, encodeShareFragment, SHARE_KEY as WORKBENCH_SHARE_KEY, type WorkbenchSnapshot } from "./core/snapshot";
export type { WorkbenchOptions, ImageSource } from "./core/options";
export type { CompileError, CompileOutcome } from "./core/compile";
export type { EditorMarker } from "./core/markers";
export type { LineSpan } from "./core/source-map";
