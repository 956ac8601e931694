// Errors of the solver client as plain data: they cross the bridge <-> page boundary as JSON.

export type SolverErrorKind =
  /** The address could not be understood (unknown scheme, missing TLS file, ...). */
  | "bad-address"
  /** Nothing answered at the address (socket missing, connection refused, upgrade refused). */
  | "unreachable"
  /** The daemon answered but does not offer what was asked (e.g. Info on BuildKit < v0.11). */
  | "unsupported"
  /** The daemon ran the build and it failed; `message` is the daemon's error text. */
  | "solve-failed"
  /** The connection to the daemon broke while a build was running. */
  | "daemon-died"
  /** The build was canceled by the client. */
  | "canceled"
  /** A request from the page was malformed or not allowed. */
  | "bad-request"
  /** Anything else the daemon or gRPC reported. */
  | "internal";

/** The op a failed build points at, from the daemon's error details. */
export interface FailedVertex {
  digest: string;
  /** The vertex name as the status stream announced it, when it did. */
  name?: string;
  /** The last lines the vertex logged (at most 20), when the status stream carried them. */
  logs?: string[];
}

export interface SolverError {
  kind: SolverErrorKind;
  message: string;
  /** gRPC status code, when the error came from a gRPC call. */
  grpcCode?: number;
  /** For solve-failed: the failing op. */
  vertex?: FailedVertex;
  /** The address the error refers to, as the user wrote it or as auto-detection found it. */
  address?: string;
}

export function solverError(kind: SolverErrorKind, message: string, extra: Partial<Omit<SolverError, "kind" | "message">> = {}): SolverError {
  return { kind, message, ...extra };
}

const kinds: ReadonlySet<string> = new Set<SolverErrorKind>([
  "bad-address",
  "unreachable",
  "unsupported",
  "solve-failed",
  "daemon-died",
  "canceled",
  "bad-request",
  "internal",
]);

export function isSolverError(e: unknown): e is SolverError {
  if (typeof e !== "object" || e === null) return false;
  const o = e as { kind?: unknown; message?: unknown };
  return typeof o.kind === "string" && kinds.has(o.kind) && typeof o.message === "string";
}

export function isSolverErrorOfKind<K extends SolverErrorKind>(e: unknown, kind: K): e is SolverError & { kind: K } {
  return isSolverError(e) && e.kind === kind;
}

/** An Error carrying a SolverError, for code that prefers throw/catch over result values. */
export class SolverFailure extends Error {
  override readonly name = "SolverFailure";
  constructor(readonly error: SolverError) {
    super(error.message);
  }
}

export function isSolverFailure(e: unknown): e is SolverFailure {
  return e instanceof Error && e.name === "SolverFailure" && isSolverError((e as SolverFailure).error);
}
