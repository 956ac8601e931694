// Monaco is big: it is fetched the first time an editor mounts, never with the Explorer.
export type MonacoApi = typeof import("monaco-editor/editor/editor.api.js");

let loading: Promise<MonacoApi> | null = null;

export function loadMonaco(): Promise<MonacoApi> {
  loading ??= import("./monaco-setup").then((m) => m.monaco);
  loading.catch(() => {
    loading = null; // let a later mount retry
  });
  return loading;
}
