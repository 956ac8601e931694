// Selector hooks over the live-build store: components subscribe to exactly what they draw.
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { ConnectionState } from "../../solver-client/client/index";
import type { DaemonInfo } from "../../solver-client/protocol/index";
import type { HistoryEntry } from "./history";
import {
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
} from "./selectors";
import type { OpLogs } from "./selectors";
import { liveBuildStore } from "./store";
import type { LiveBuildActions, LiveBuildState, LiveBuildStore } from "./store";
import type { Timeline } from "./timeline";
import type { BuildSummary, FailureInfo, OpBuildView, RunningEdge } from "./views";

/** Lets a subtree (a test, a story) use another store. */
export const LiveBuildStoreContext = createContext<LiveBuildStore | null>(null);

export function useLiveBuild<T>(selector: (s: LiveBuildState & LiveBuildActions) => T): T {
  const store = useContext(LiveBuildStoreContext) ?? liveBuildStore;
  return useStore(store, selector);
}

/** The actions (stable; no subscription). */
export function useLiveBuildActions(): LiveBuildActions {
  const store = useContext(LiveBuildStoreContext) ?? liveBuildStore;
  return store.getState();
}

/** What a graph node shows for an op: state, elapsed/duration, error, progress. null: not in the build on screen. */
export function useOpBuildState(digest: string): OpBuildView | null {
  return useLiveBuild(selectOpBuildState(digest));
}

/** Input edges into running ops (to animate). Same array while the set does not change. */
export function useRunningEdges(): RunningEdge[] {
  return useLiveBuild(selectRunningEdges);
}

export const useConnection = (): ConnectionState | null => useLiveBuild(selectConnection);
export const useDaemonInfo = (): DaemonInfo | null => useLiveBuild(selectDaemon);
export const useBuildSummary = (): BuildSummary | null => useLiveBuild(selectSummary);
export const useTimeline = (): Timeline | null => useLiveBuild(selectTimeline);
export const usePlainText = (): string => useLiveBuild(selectPlainText);
export const useFailure = (): FailureInfo | null => useLiveBuild(selectFailure);
export const useBuildHistory = (): HistoryEntry[] => useLiveBuild(selectHistory);
export const useOpLogs = (digest: string | null, maxLines = 2000): OpLogs | null => useLiveBuild(selectOpLogs(digest, maxLines));
export const useIsBuilding = (): boolean => useLiveBuild(selectIsRunning);
