// What the next build takes besides its graph: the context folder picked in the page and the
// secret values typed for it. Lives in memory only: the folder cannot survive a reload anyway,
// and secret values are cleared as soon as a build has taken them.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { PickedContext } from "./context";

export interface BuildInputsState {
  context: PickedContext | null;
  /** A folder is being read (large folders take a moment). */
  reading: boolean;
  /** Why the last folder could not be read. */
  error: string | null;
  /** Secret ID -> value, for the next build only. */
  secrets: Record<string, string>;
}

export interface BuildInputsActions {
  startReading(): void;
  setContext(context: PickedContext): void;
  setError(message: string): void;
  clearContext(): void;
  setSecret(id: string, value: string): void;
  /** Hands the secrets to a build and forgets them. */
  takeSecrets(): Record<string, string>;
}

export type BuildInputsStore = StoreApi<BuildInputsState & BuildInputsActions>;

export function createBuildInputsStore(): BuildInputsStore {
  return createStore<BuildInputsState & BuildInputsActions>()((set, get) => ({
    context: null,
    reading: false,
    error: null,
    secrets: {},
    startReading: () => set({ reading: true, error: null }),
    setContext: (context) => set({ context, reading: false, error: null }),
    setError: (message) => set({ reading: false, error: message }),
    clearContext: () => set({ context: null, reading: false, error: null }),
    setSecret: (id, value) => set({ secrets: { ...get().secrets, [id]: value } }),
    takeSecrets() {
      const s = get().secrets;
      set({ secrets: {} });
      return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== ""));
    },
  }));
}

/** The tab's build inputs. */
export const buildInputsStore: BuildInputsStore = createBuildInputsStore();
