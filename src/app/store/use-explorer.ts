// Selector hook over the app store: components subscribe to exactly what they draw.
import { useStore } from "zustand";
import { explorerStore, type ExplorerActions, type ExplorerState } from "./explorer-store";

export function useExplorer<T>(selector: (state: ExplorerState & ExplorerActions) => T): T {
  return useStore(explorerStore, selector);
}

/** Actions never change: components can take them without subscribing to state. */
export function explorerActions(): ExplorerActions {
  return explorerStore.getState();
}
