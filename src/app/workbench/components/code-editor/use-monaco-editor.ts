// Mounts a Monaco editor into `container` once Monaco has loaded, and connects it to the store.
import { useEffect, useState, type RefObject } from "react";
import { workbenchStore } from "../../store/workbench-store";
import { connectEditor } from "./editor-sync";
import { loadMonaco } from "./load-monaco";

export type EditorStatus = { state: "loading" } | { state: "ready" } | { state: "failed"; message: string };

function prefersDark(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches;
}

export function useMonacoEditor(container: RefObject<HTMLDivElement | null>): EditorStatus {
  const [status, setStatus] = useState<EditorStatus>({ state: "loading" });

  useEffect(() => {
    let disposed = false;
    let cleanup = (): void => {};
    loadMonaco().then(
      (monaco) => {
        const host = container.current;
        if (disposed || host === null) return;
        const model = monaco.editor.createModel(workbenchStore.getState().text, "dockerfile");
        const editor = monaco.editor.create(host, {
          model,
          theme: prefersDark() ? "vs-dark" : "vs",
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          renderLineHighlight: "gutter",
          glyphMargin: false,
          tabSize: 4,
          ariaLabel: "Dockerfile",
        });
        const disconnect = connectEditor(monaco, editor, workbenchStore, host);
        cleanup = () => {
          disconnect();
          editor.dispose();
          model.dispose();
        };
        setStatus({ state: "ready" });
      },
      (cause: unknown) => {
        if (!disposed) setStatus({ state: "failed", message: cause instanceof Error ? cause.message : String(cause) });
      },
    );
    return () => {
      disposed = true;
      cleanup();
    };
  }, [container]);

  return status;
}
