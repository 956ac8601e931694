// The bridge connection and the daemon behind it: address, BuildKit/Docker version, workers and
// their platforms, connection state with a reconnecting indicator.
import type { ConnectionState } from "../../../../solver-client/client/index";
import type { DaemonInfo } from "../../../../solver-client/protocol/index";
import { useConnection, useDaemonInfo, useLiveBuild, useLiveBuildActions } from "../../use-live-build";

function platformText(p: DaemonInfo["workers"][number]["platforms"][number]): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}`;
}

function stateText(c: ConnectionState | null, now: number, noDaemon: boolean): string {
  if (!c) return "not connected";
  // The WebSocket is the bridge; the bridge may still have found no daemon to build on.
  if (c.status === "open") return noDaemon ? "bridge up, no daemon answering" : "connected";
  if (c.status === "connecting") return c.attempt > 0 ? `reconnecting (attempt ${c.attempt + 1})…` : "connecting…";
  const wait = c.retryAt !== undefined ? ` — retrying in ${Math.max(0, Math.ceil((c.retryAt - now) / 1000))}s` : "";
  return `${c.status === "error" ? "error" : "disconnected"}${c.reason ? `: ${c.reason}` : ""}${wait}`;
}

/** Where the LLB caps the compiler targets come from, in words. */
function capsText(caps: DaemonInfo["caps"]): string {
  if (!caps.buildkit) return "version unknown: compiling for v0.8's LLB caps, the safe floor";
  const v = `v${caps.buildkit.join(".")}`;
  switch (caps.source) {
    case "info":
      return `LLB caps of ${v}`;
    case "worker":
      return `LLB caps of ${v} (its worker's version)`;
    case "docker-engine":
      return `LLB caps of ${v} (the BuildKit this Docker Engine embeds)`;
    case "info-rpc":
      return `LLB caps of ${v} at least (it answers Info, but its version says nothing)`;
    case "unknown":
      return `LLB caps of ${v}`;
  }
}

export interface ConnectPanelProps {
  /** Hide the daemon details (compact header use). */
  compact?: boolean;
  /** Compact use: the title opens the full panel elsewhere. */
  onShowDetails?: () => void;
}

export function ConnectPanel({ compact = false, onShowDetails }: ConnectPanelProps) {
  const connection = useConnection();
  const daemon = useDaemonInfo();
  const daemonError = useLiveBuild((s) => s.daemonError);
  const clock = useLiveBuild((s) => s.clock);
  const actions = useLiveBuildActions();
  const status = connection?.status ?? "closed";
  const reconnecting = connection !== null && !connection.final && (connection.attempt > 0 || connection.retryAt !== undefined);
  const version = daemon?.buildkitVersion?.version ?? (daemon?.dockerEngine ? `Docker ${daemon.dockerEngine.version}` : null);
  return (
    <section className="build-panel connect-panel" data-testid="connect-panel">
      <header className="build-panel__head">
        <span
          className={`build-dot build-dot--${status === "open" && daemonError !== null && daemon === null ? "error" : status}`}
          data-testid="connection-state"
          data-state={status}
          data-daemon={daemon ? "ok" : daemonError ? "missing" : "unknown"}
        />
        {compact && onShowDetails ? (
          <button type="button" className="build-panel__title build-linkish" data-testid="connect-details" title="daemon address, version, workers and platforms" onClick={onShowDetails}>
            BuildKit
          </button>
        ) : (
          <span className="build-panel__title">BuildKit</span>
        )}
        <span className="build-muted" data-testid="connection-text">
          {stateText(connection, clock, daemonError !== null && daemon === null)}
        </span>
        {reconnecting && (
          <span className="build-spinner" data-testid="reconnecting" title="reconnecting with backoff" />
        )}
        <span className="build-spacer" />
        {(connection === null || connection.final) && (
          <button type="button" className="build-btn" data-testid="connect" onClick={() => actions.connect()}>
            Connect
          </button>
        )}
        {connection !== null && !connection.final && status !== "open" && (
          <button type="button" className="build-btn" data-testid="reconnect-now" onClick={() => actions.reconnect()}>
            Retry now
          </button>
        )}
      </header>
      {!compact && daemon && (
        <dl className="build-facts" data-testid="daemon-info">
          <dt>address</dt>
          <dd className="build-mono" data-testid="daemon-address">
            {daemon.address}
          </dd>
          <dt>daemon</dt>
          <dd data-testid="daemon-version">
            {daemon.transport === "docker" ? "Docker Engine" : "buildkitd"}
            {version ? ` · ${version}` : ""}
          </dd>
          <dt>compiles for</dt>
          <dd data-testid="daemon-caps">
            {capsText(daemon.caps)} · {daemon.caps.llbCaps.length} caps
          </dd>
          <dt>workers</dt>
          <dd>
            <ul className="build-workers" data-testid="daemon-workers">
              {daemon.workers.map((w) => (
                <li key={w.id}>
                  <span className="build-mono">{w.id}</span> {w.platforms.map(platformText).join(", ")}
                </li>
              ))}
              {daemon.workers.length === 0 && <li className="build-muted">none reported</li>}
            </ul>
          </dd>
        </dl>
      )}
      {!compact && daemonError && (
        <p className="build-error" data-testid="daemon-error">
          {daemonError.message}
        </p>
      )}
    </section>
  );
}
