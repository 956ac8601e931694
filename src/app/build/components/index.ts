// The live-build panels. Importing this loads build.css.
import "./build.css";

export { BuildBar, type BuildBarProps } from "./build-bar/build-bar";
export { BuildHistory, type BuildHistoryProps } from "./build-history/build-history";
export { ConnectPanel, type ConnectPanelProps } from "./connect-panel/connect-panel";
export { FailureCard, type FailureCardProps } from "./failure-card/failure-card";
export { LogsPanel, type LogsMode, type LogsPanelProps } from "./logs-panel/logs-panel";
export { Timeline, type TimelineProps } from "./timeline/timeline";
export { OP_STATE_COLOR_VAR, OP_STATE_LABEL, opStateClass } from "./op-state";
export { ContextPanel, type ContextPanelProps } from "./context-panel/context-panel";
