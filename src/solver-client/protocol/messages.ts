// Messages between the page and the Node bridge (WebSocket, JSON text frames). Types plus strict
// validators; shared by browser and Node, so nothing here imports Node or DOM APIs.
import type { DaemonCaps } from "./caps";
import type { SolverError } from "./errors";
import { UPLOAD_ID } from "./context-upload";
import type { SolveStatus } from "./status";

/** Entitlements a build may ask for. The bridge grants none unless the build message lists them. */
export const ENTITLEMENTS = ["network.host", "security.insecure"] as const;
export type Entitlement = (typeof ENTITLEMENTS)[number];

export interface PlatformInfo {
  os: string;
  architecture: string;
  variant?: string;
}

export interface WorkerInfo {
  id: string;
  labels: Record<string, string>;
  platforms: PlatformInfo[];
}

export interface BuildkitVersionInfo {
  package: string;
  version: string;
  revision: string;
}

/** What the bridge learned about the daemon it talks to. */
export interface DaemonInfo {
  /** The address in use, e.g. "unix:///run/buildkit/buildkitd.sock" or "docker+unix:///var/run/docker.sock". */
  address: string;
  transport: "buildkitd" | "docker";
  /** From Control.Info (BuildKit >= v0.11) or the worker record; absent on older daemons. */
  buildkitVersion?: BuildkitVersionInfo;
  /** For Docker Engine: GET /version. */
  dockerEngine?: { version: string; apiVersion: string };
  workers: WorkerInfo[];
  caps: DaemonCaps;
}

// ---- page -> bridge ----

/** Sent first when the page did not put the token in the URL query. */
export interface AuthMessage {
  type: "auth";
  token: string;
}

export interface ConnectInfoMessage {
  type: "connect-info";
}

export interface BuildMessage {
  type: "build";
  /** Chosen by the page (1-64 chars of [A-Za-z0-9_.-]); names the build in later messages. */
  buildId: string;
  /** A serialized pb.Definition, base64. Sent to the daemon byte for byte. */
  definition: string;
  /** Entitlements to grant this build. Empty unless the user asked for them. */
  entitlements: Entitlement[];
  /**
   * An upload (POST /bridge/context) to serve as `local://context` to this build; the bridge
   * removes it when the build ends.
   */
  contextUpload?: string;
  /** Secret ID -> value, for `RUN --mount=type=secret` of this build only. Never stored or logged. */
  secrets?: Record<string, string>;
}

export interface CancelMessage {
  type: "cancel";
  buildId: string;
}

export type ClientMessage = AuthMessage | ConnectInfoMessage | BuildMessage | CancelMessage;

// ---- bridge -> page ----

export interface ReadyMessage {
  type: "ready";
}
export interface ConnectInfoReply {
  type: "connect-info";
  info: DaemonInfo;
}
export interface BuildStartedMessage {
  type: "build-started";
  buildId: string;
}
/**
 * Status updates of a build, oldest first. The bridge coalesces what the daemon sent in one turn
 * of its event loop into one message, so a chatty build costs the page few frames.
 */
export interface StatusMessage {
  type: "statuses";
  buildId: string;
  statuses: SolveStatus[];
}
export interface BuildDoneMessage {
  type: "build-done";
  buildId: string;
  exporterResponse: Record<string, string>;
}
export interface BuildFailedMessage {
  type: "build-failed";
  buildId: string;
  error: SolverError;
}
/** A request could not be served. `buildId` is set when it concerned a build. */
export interface ErrorMessage {
  type: "error";
  error: SolverError;
  buildId?: string;
}

export type ServerMessage =
  | ReadyMessage
  | ConnectInfoReply
  | BuildStartedMessage
  | StatusMessage
  | BuildDoneMessage
  | BuildFailedMessage
  | ErrorMessage;

// ---- validation ----

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const BUILD_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const SECRET_ID = /^[\x21-\x7e]{1,256}$/;
/** BuildKit's limit on one secret (secretsprovider.MaxSecretSize). */
const MAX_SECRET_BYTES = 500 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): string | null {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return `unexpected field "${k}"`;
  return null;
}

function fail<T>(message: string): ParseResult<T> {
  return { ok: false, message };
}

/**
 * Validates a page -> bridge message (already JSON-parsed). Strict: unknown types, unknown fields,
 * wrong types, bad build IDs, non-base64 definitions and unknown entitlements are all rejected.
 */
export function parseClientMessage(v: unknown): ParseResult<ClientMessage> {
  if (!isRecord(v)) return fail("message must be a JSON object");
  const t = v.type;
  switch (t) {
    case "auth": {
      const extra = onlyKeys(v, ["type", "token"]);
      if (extra) return fail(extra);
      if (typeof v.token !== "string" || v.token === "") return fail("auth.token must be a non-empty string");
      return { ok: true, value: { type: "auth", token: v.token } };
    }
    case "connect-info": {
      const extra = onlyKeys(v, ["type"]);
      if (extra) return fail(extra);
      return { ok: true, value: { type: "connect-info" } };
    }
    case "build": {
      const extra = onlyKeys(v, ["type", "buildId", "definition", "entitlements", "contextUpload", "secrets"]);
      if (extra) return fail(extra);
      if (typeof v.buildId !== "string" || !BUILD_ID.test(v.buildId)) return fail("build.buildId must be 1-64 characters of [A-Za-z0-9_.-]");
      if (typeof v.definition !== "string" || v.definition === "" || v.definition.length % 4 !== 0 || !BASE64.test(v.definition)) {
        return fail("build.definition must be non-empty standard base64");
      }
      const ents = v.entitlements ?? [];
      if (!Array.isArray(ents)) return fail("build.entitlements must be an array");
      const entitlements: Entitlement[] = [];
      for (const e of ents) {
        const known = ENTITLEMENTS.find((k) => k === e);
        if (!known) return fail(`build.entitlements: unknown entitlement ${JSON.stringify(e)} (allowed: ${ENTITLEMENTS.join(", ")})`);
        if (!entitlements.includes(known)) entitlements.push(known);
      }
      const build: BuildMessage = { type: "build", buildId: v.buildId, definition: v.definition, entitlements };
      if (v.contextUpload !== undefined) {
        if (typeof v.contextUpload !== "string" || !UPLOAD_ID.test(v.contextUpload)) return fail("build.contextUpload must be an upload ID from POST /bridge/context");
        build.contextUpload = v.contextUpload;
      }
      if (v.secrets !== undefined) {
        if (!isRecord(v.secrets)) return fail("build.secrets must be an object of secret ID -> value");
        const secrets: Record<string, string> = {};
        for (const [id, value] of Object.entries(v.secrets)) {
          if (!SECRET_ID.test(id)) return fail(`build.secrets: bad secret ID ${JSON.stringify(id.slice(0, 80))} (1-256 printable characters)`);
          if (typeof value !== "string") return fail(`build.secrets.${id} must be a string`);
          if (new TextEncoder().encode(value).length > MAX_SECRET_BYTES) return fail(`build.secrets.${id} is larger than 500 KiB`);
          secrets[id] = value;
        }
        build.secrets = secrets;
      }
      return { ok: true, value: build };
    }
    case "cancel": {
      const extra = onlyKeys(v, ["type", "buildId"]);
      if (extra) return fail(extra);
      if (typeof v.buildId !== "string" || !BUILD_ID.test(v.buildId)) return fail("cancel.buildId must be 1-64 characters of [A-Za-z0-9_.-]");
      return { ok: true, value: { type: "cancel", buildId: v.buildId } };
    }
    default:
      return fail(typeof t === "string" ? `unknown message type ${JSON.stringify(t)}` : "message.type must be a string");
  }
}

/** Parses a WebSocket text frame into a ClientMessage. */
export function parseClientFrame(text: string): ParseResult<ClientMessage> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return fail("message is not valid JSON");
  }
  return parseClientMessage(v);
}

const SERVER_TYPES: ReadonlySet<string> = new Set(["ready", "connect-info", "build-started", "statuses", "build-done", "build-failed", "error"]);

/**
 * Light check for bridge -> page messages (the page trusts its own bridge, but not a wrong server):
 * the type is known and the build ID, when required, is a string.
 */
export function isServerMessage(v: unknown): v is ServerMessage {
  if (!isRecord(v) || typeof v.type !== "string" || !SERVER_TYPES.has(v.type)) return false;
  switch (v.type) {
    case "ready":
      return true;
    case "connect-info":
      return isRecord(v.info);
    case "error":
      return isRecord(v.error);
    case "build-failed":
      return typeof v.buildId === "string" && isRecord(v.error);
    case "statuses":
      return typeof v.buildId === "string" && Array.isArray(v.statuses) && v.statuses.every(isRecord);
    case "build-done":
      return typeof v.buildId === "string" && isRecord(v.exporterResponse);
    default:
      return typeof v.buildId === "string";
  }
}
