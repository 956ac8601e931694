// Selector hook over the Workbench store: components subscribe to exactly what they draw.
import { useStore } from "zustand";
import { workbenchStore, type WorkbenchActions, type WorkbenchState } from "./workbench-store";

export function useWorkbench<T>(selector: (state: WorkbenchState & WorkbenchActions) => T): T {
  return useStore(workbenchStore, selector);
}

/** Actions never change: components can take them without subscribing to state. */
export function workbenchActions(): WorkbenchActions {
  return workbenchStore.getState();
}
