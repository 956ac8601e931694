// Why the last open failed, and where (byte offset, or line and column). The graph that was open
// stays on screen.
import { useExplorer, explorerActions } from "../../store/use-explorer";

export function ErrorBanner() {
  const error = useExplorer((s) => s.error);
  const hasDoc = useExplorer((s) => s.doc !== null);
  if (!error) return null;
  const e = error.error;
  const where = e.line !== undefined ? `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ""}` : e.offset !== undefined ? `byte offset ${e.offset}` : "";
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-icon">!</span>
      <div className="error-text">
        <strong>Could not open {error.source}</strong>
        {where && (
          <span className="error-where" data-testid="error-where">
            {" "}
            at {where}
          </span>
        )}
        <span className="error-kind"> ({e.kind})</span>: <span data-testid="error-message">{e.message}</span>
        {hasDoc && <span className="muted"> · the previous graph is still open</span>}
      </div>
      <button type="button" className="btn btn-ghost" data-testid="error-dismiss" onClick={() => explorerActions().dismissError()}>
        Dismiss
      </button>
    </div>
  );
}
