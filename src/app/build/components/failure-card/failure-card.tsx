// Why the build on screen failed: the failing op, its error, its last log lines, and a way to
// jump to the op in the graph or to its Dockerfile lines.
import { useMemo } from "react";
import { ansiLines } from "../../ansi";
import { useFailure } from "../../use-live-build";
import { AnsiText } from "../ansi-text/ansi-text";

export interface FailureCardProps {
  /** Show the failing op's source lines (the Dockerfile range of that op). */
  onShowLines?: (digest: string) => void;
  /** Select the failing op in the graph. */
  onSelectOp?: (digest: string) => void;
}

export function FailureCard({ onShowLines, onSelectOp }: FailureCardProps) {
  const failure = useFailure();
  // No log lines (a build refused before any op ran): no empty log box.
  const lines = useMemo(() => (failure && failure.lines.length > 0 ? ansiLines(failure.lines.join("\n")).lines : []), [failure]);
  if (!failure) return null;
  return (
    <section className="build-panel failure-card" data-testid="failure-card" role="alert">
      <header className="build-panel__head">
        <span className="build-badge build-badge--failed">failed</span>
        <span className="build-panel__title failure-card__op" data-testid="failure-op" title={failure.digest}>
          {failure.name || failure.digest || "the build"}
        </span>
        <span className="build-spacer" />
        {failure.digest && onSelectOp && (
          <button type="button" className="build-btn build-btn--quiet" data-testid="failure-select" onClick={() => onSelectOp(failure.digest)}>
            Show op
          </button>
        )}
        {failure.digest && onShowLines && (
          <button type="button" className="build-btn" data-testid="failure-show-lines" onClick={() => onShowLines(failure.digest)}>
            Show lines
          </button>
        )}
      </header>
      <p className="build-error build-mono" data-testid="failure-error">
        {failure.error}
      </p>
      {lines.length > 0 && (
        <div className="build-log build-log--short" data-testid="failure-lines">
          {lines.map((spans, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed list
            <div key={i} className="build-log__line">
              <AnsiText spans={spans} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
