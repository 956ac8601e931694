// Build / Cancel, per-build entitlements (unchecked by default, sent with the next build only),
// elapsed time and the result.
import { useState } from "react";
import { ENTITLEMENTS } from "../../../../solver-client/protocol/index";
import type { Entitlement } from "../../../../solver-client/protocol/index";
import { formatDuration } from "../../format";
import type { StartBuildInput } from "../../store";
import { useBuildSummary, useConnection, useIsBuilding, useLiveBuildActions } from "../../use-live-build";

export interface BuildBarProps {
  /** What to build: called when Build is pressed; null disables building. */
  getInput: () => StartBuildInput | null;
  /** Disable the Build button (e.g. no graph open). */
  disabled?: boolean;
  onBuildStarted?: (buildId: string) => void;
}

export function BuildBar({ getInput, disabled = false, onBuildStarted }: BuildBarProps) {
  const [entitlements, setEntitlements] = useState<Entitlement[]>([]);
  const building = useIsBuilding();
  const summary = useBuildSummary();
  const connection = useConnection();
  const actions = useLiveBuildActions();
  const toggle = (e: Entitlement) => setEntitlements((cur) => (cur.includes(e) ? cur.filter((x) => x !== e) : [...cur, e]));
  const start = () => {
    const input = getInput();
    if (!input) return;
    const id = actions.startBuild(input, entitlements);
    if (id) {
      setEntitlements([]); // granted for this build only
      onBuildStarted?.(id);
    }
  };
  const offline = connection?.status !== "open";
  return (
    <div className="build-bar" data-testid="build-bar">
      {building ? (
        <button type="button" className="build-btn build-btn--danger" data-testid="build-cancel" onClick={() => actions.cancel()}>
          Cancel
        </button>
      ) : (
        <button
          type="button"
          className="build-btn build-btn--primary"
          data-testid="build-start"
          disabled={disabled}
          title={offline ? "not connected to the bridge: the build starts once it is" : undefined}
          onClick={start}
        >
          Build
        </button>
      )}
      {ENTITLEMENTS.map((e) => (
        <label key={e} className="build-check" title={`grant ${e} to the next build only`}>
          <input type="checkbox" data-testid={`entitlement-${e}`} checked={entitlements.includes(e)} disabled={building} onChange={() => toggle(e)} />
          {e}
        </label>
      ))}
      <span className="build-spacer" />
      {summary && (
        <>
          <span className="build-mono" data-testid="build-elapsed">
            {formatDuration(summary.elapsedMs)}
          </span>
          <span className={`build-badge build-badge--${summary.state}`} data-testid="build-result" data-state={summary.state}>
            {summary.state === "queued" ? "starting" : summary.state}
          </span>
          <span className="build-muted" data-testid="build-counts">
            {summary.counts.done + summary.counts.cached}/{Object.values(summary.counts).reduce((a, b) => a + b, 0)} ops
            {summary.counts.cached > 0 ? ` · ${summary.counts.cached} cached` : ""}
            {summary.warnings > 0 ? ` · ${summary.warnings} warnings` : ""}
          </span>
        </>
      )}
    </div>
  );
}
