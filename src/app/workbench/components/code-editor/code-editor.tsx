// The Dockerfile editor: Monaco, loaded on demand; a plain text area stands in while it loads or
// if it fails to load, so typing works at once.
import { useRef } from "react";
import { useWorkbench, workbenchActions } from "../../store/use-workbench";
import { useMonacoEditor } from "./use-monaco-editor";

function FallbackTextArea() {
  const text = useWorkbench((s) => s.text);
  return (
    <textarea
      className="wb-fallback-editor"
      data-testid="wb-fallback-editor"
      spellCheck={false}
      value={text}
      onChange={(e) => workbenchActions().setText(e.target.value)}
      aria-label="Dockerfile"
    />
  );
}

// Keys and pastes in the editor are the editor's: page-wide handlers (the Explorer's shortcuts, its
// paste-to-open) must not see them, whatever element Monaco types into (EditContext or textarea).
const keepInside = (e: { stopPropagation(): void }) => e.stopPropagation();

export function CodeEditor() {
  const host = useRef<HTMLDivElement | null>(null);
  const status = useMonacoEditor(host);
  return (
    <div className="wb-editor" data-testid="wb-editor" data-state={status.state} onKeyDown={keepInside} onPaste={keepInside}>
      <div ref={host} className="wb-monaco" data-testid="wb-monaco" hidden={status.state !== "ready"} />
      {status.state !== "ready" && <FallbackTextArea />}
      {status.state === "failed" && <div className="wb-editor-note">editor failed to load ({status.message}); plain text mode</div>}
    </div>
  );
}
