// Connects the Workbench to the world while it is mounted: picks the first text (share link, local
// storage, default example), starts the compile loop and saving to local storage.
import { useEffect } from "react";
import { DEFAULT_DOCKERFILE } from "../core/examples";
import { resolveWorkbenchOptions } from "../core/options";
import { compileClient } from "../services/clients";
import { startCompileLoop } from "../services/compile-loop";
import { pickInitialSnapshot, startPersistence } from "../services/persistence";
import { workbenchStore } from "../store/workbench-store";

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

let restored = false;

export function useWorkbenchSession(): void {
  useEffect(() => {
    const storage = storageOrNull();
    if (!restored) {
      restored = true;
      const picked = pickInitialSnapshot({ hash: window.location.hash, storage, fallback: { text: DEFAULT_DOCKERFILE, options: resolveWorkbenchOptions() } });
      workbenchStore.getState().load(picked.snapshot);
    }
    const stopCompiling = startCompileLoop(workbenchStore, compileClient());
    const stopSaving = storage ? startPersistence(workbenchStore, storage) : () => {};
    return () => {
      stopCompiling();
      stopSaving();
    };
  }, []);
}
