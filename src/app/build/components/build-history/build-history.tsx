// Builds of this tab, newest first; clicking one shows it again (timeline, logs, failure).
import { formatClock, formatDuration } from "../../format";
import { useBuildHistory, useLiveBuild, useLiveBuildActions } from "../../use-live-build";

export interface BuildHistoryProps {
  onOpen?: (buildId: string) => void;
}

export function BuildHistory({ onOpen }: BuildHistoryProps) {
  const history = useBuildHistory();
  const viewId = useLiveBuild((s) => s.view?.id ?? null);
  const actions = useLiveBuildActions();
  return (
    <section className="build-panel history-panel" data-testid="build-history">
      <header className="build-panel__head">
        <span className="build-panel__title">History</span>
        <span className="build-spacer" />
        {history.length > 0 && (
          <button type="button" className="build-btn build-btn--quiet" data-testid="history-clear" onClick={() => actions.clearHistory()}>
            Clear
          </button>
        )}
      </header>
      {history.length === 0 && <div className="build-log__note">No finished builds yet.</div>}
      <ul className="history-list">
        {history.map((e) => (
          <li key={e.id}>
            <button
              type="button"
              className={`history-item${e.id === viewId ? " history-item--open" : ""}`}
              data-testid="history-item"
              data-build-id={e.id}
              data-state={e.state}
              onClick={() => {
                actions.openFromHistory(e.id);
                onOpen?.(e.id);
              }}
            >
              <span className={`build-badge build-badge--${e.state}`}>{e.state}</span>
              <span className="history-label">{e.label}</span>
              <span className="build-muted">
                {formatClock(e.requestedAt)} · {formatDuration(e.durationMs)} · {e.ops} ops{e.cachedOps > 0 ? `, ${e.cachedOps} cached` : ""}
              </span>
              {e.errorMessage && e.state === "failed" && <span className="history-error">{e.errorMessage}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
