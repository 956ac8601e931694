// Selector hooks over the live-build store: components subscribe to exactly what they draw.
import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from "react";
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

/**
 * Like useLiveBuild, but re-reads the store at most every `ms` (trailing): for views whose
 * selector is costly and whose reader gains nothing from more than a few updates a second (the
 * log panel re-parses its lines on every batch of a build that streams tens of thousands of
 * statuses a second).
 */
export function useThrottledLiveBuild<T>(selector: (s: LiveBuildState & LiveBuildActions) => T, ms: number): T {
  const store = useContext(LiveBuildStoreContext) ?? liveBuildStore;
  const cache = useRef<{ selector: (s: LiveBuildState & LiveBuildActions) => T; value: T } | null>(null);
  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let last = 0;
      const fire = () => {
        timer = null;
        last = Date.now();
        cache.current = null;
        notify();
      };
      const unsubscribe = store.subscribe(() => {
        if (timer === null) timer = setTimeout(fire, Math.max(0, last + ms - Date.now()));
      });
      return () => {
        unsubscribe();
        if (timer !== null) clearTimeout(timer);
      };
    },
    [store, ms],
  );
  const getSnapshot = (): T => {
    // A new selector (new digest, new mode) is read at once; the same one only when notified.
    if (cache.current === null || cache.current.selector !== selector) cache.current = { selector, value: selector(store.getState()) };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
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
