// Adapter: where the first text comes from (share link, then local storage, then the default
// example) and saving text + options to local storage as they change.
import { decodeShareFragment, encodeShareFragment, loadSnapshot, saveSnapshot, type SnapshotStorage, type WorkbenchSnapshot } from "../core/snapshot";
import { persistentWorkbenchOptions } from "../core/options";
import type { WorkbenchStore } from "../store/workbench-store";

export interface RestoreSources {
  hash: string;
  storage: SnapshotStorage | null;
  fallback: WorkbenchSnapshot;
}

export type RestoredFrom = "link" | "storage" | "default";

/** Picks the snapshot to start from; a damaged link falls through to storage (with its message). */
export function pickInitialSnapshot(sources: RestoreSources): { snapshot: WorkbenchSnapshot; from: RestoredFrom; linkError: string | null } {
  const link = decodeShareFragment(sources.hash);
  if (link.ok) return { snapshot: link.snapshot, from: "link", linkError: null };
  const stored = sources.storage ? loadSnapshot(sources.storage) : null;
  if (stored) return { snapshot: stored, from: "storage", linkError: link.message };
  return { snapshot: sources.fallback, from: "default", linkError: link.message };
}

/** Saves text + options after each change (debounced); returns a function that stops it. */
export function startPersistence(store: WorkbenchStore, storage: SnapshotStorage, debounceMs = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    timer = undefined;
    const { text, options } = store.getState();
    saveSnapshot(storage, { text, options: persistentWorkbenchOptions(options) });
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.text === previous.text && state.options === previous.options) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  });
  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
  };
  if (typeof window !== "undefined") window.addEventListener("pagehide", flush);
  return () => {
    flush();
    unsubscribe();
    if (typeof window !== "undefined") window.removeEventListener("pagehide", flush);
  };
}

/** A link to the page with the current text and options in the fragment. */
export function shareUrlOf(store: WorkbenchStore, location: Pick<Location, "href">): string {
  const { text, options } = store.getState();
  const url = new URL(location.href);
  url.hash = encodeShareFragment({ text, options: persistentWorkbenchOptions(options) });
  return url.toString();
}
