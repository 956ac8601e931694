// Public types of the browser bridge client.
import type { SolverError } from "../protocol/errors";
import type { DaemonInfo, Entitlement, ServerMessage } from "../protocol/messages";
import type { SolveStatus } from "../protocol/status";
import type { SocketConstructor } from "./socket";
import type { Unsubscribe } from "./listeners";

export type ConnectionStatus = "connecting" | "open" | "closed" | "error";

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why the last connection ended or could not be made. */
  reason?: string;
  /** WebSocket close code of the last connection, when it had one. */
  code?: number;
  /** Connection attempts since the last successful one (0 = the first try). */
  attempt: number;
  /** Epoch ms of the next reconnect attempt, while one is scheduled. */
  retryAt?: number;
  /** The client will not reconnect (closed by the caller, or the bridge refused the token). */
  final: boolean;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface BridgeClientOptions {
  /** ws(s)://host:port/bridge — the token is added as `?token=`. */
  url: string;
  token: string;
  /** The browser's WebSocket by default; tests pass the `ws` package's. */
  WebSocketImpl: SocketConstructor;
  backoff: BackoffOptions;
  /** Build ID generator (1-64 chars of [A-Za-z0-9_.-]). */
  newBuildId: () => string;
  /** Wall clock, for retryAt. */
  now: () => number;
}

export type BuildEvent =
  | { type: "started"; buildId: string }
  | { type: "status"; buildId: string; status: SolveStatus }
  | { type: "done"; buildId: string; exporterResponse: Record<string, string> }
  | { type: "failed"; buildId: string; error: SolverError };

export type BuildOutcome = { ok: true; exporterResponse: Record<string, string> } | { ok: false; error: SolverError };

export interface ClientBuild {
  buildId: string;
  /** Events of this build, in order. Events that arrive before the first subscriber are kept for it. */
  events: { subscribe(fn: (e: BuildEvent) => void): Unsubscribe };
  /** Resolves once the build is over. Never rejects. */
  done: Promise<BuildOutcome>;
  cancel(): void;
}

export type ConnectInfoResult = { ok: true; info: DaemonInfo } | { ok: false; error: SolverError };

export interface BridgeClient {
  state(): ConnectionState;
  onState(fn: (s: ConnectionState) => void): Unsubscribe;
  /** Every valid message from the bridge (for diagnostics). */
  onMessage(fn: (m: ServerMessage) => void): Unsubscribe;
  /** Asks the bridge what daemon it talks to; waits for the connection when it is not open yet. */
  connectInfo(): Promise<ConnectInfoResult>;
  /** Starts a build of a serialized pb.Definition; queued until the connection is open. */
  build(definition: Uint8Array, entitlements: readonly Entitlement[], extras?: BuildExtras): ClientBuild;
  /** Reconnects now (skipping the backoff wait); no-op while open. */
  reconnect(): void;
  /** Closes for good: fails running builds, no more reconnects. */
  close(): void;
  /** Frames that were not valid server messages (dropped). */
  readonly invalidFrames: number;
}

/** What a build may carry besides its definition and entitlements. */
export interface BuildExtras {
  /** The build ID to use (default: a fresh one from `newBuildId`). */
  buildId?: string;
  /** An upload (uploadContext) to serve as `local://context`. */
  contextUpload?: string;
  /** Secret ID -> value for this build only. */
  secrets?: Record<string, string>;
}
