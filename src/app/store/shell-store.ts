// App-shell state: which screen is showing (the explorer, or the Dockerfile workbench beside the
// graph) and whether the live-build dock is open. Kept apart from the explorer's document store.
import { create } from "zustand";

export type ShellMode = "explore" | "workbench";

export interface ShellState {
  mode: ShellMode;
  dockOpen: boolean;
  /** The workbench has an edit (or a picked folder) not compiled yet: a build now would send an older graph. */
  compilePending: boolean;
  setMode(mode: ShellMode): void;
  setDockOpen(open: boolean): void;
  setCompilePending(pending: boolean): void;
}

/** A workbench share link (`#dockerfile=…`) opens the workbench. */
function initialMode(): ShellMode {
  return typeof location !== "undefined" && location.hash.startsWith("#dockerfile=") ? "workbench" : "explore";
}

export const useShell = create<ShellState>((set) => ({
  mode: initialMode(),
  dockOpen: false,
  compilePending: false,
  setMode: (mode) => set({ mode }),
  setDockOpen: (dockOpen) => set({ dockOpen }),
  setCompilePending: (compilePending) => set({ compilePending }),
}));
