// A build context picked in the page travels to the bridge as one HTTP POST whose body is a
// sequence of entries: a JSON header line, then (for a file) exactly `size` bytes of content. The
// page builds that body as a Blob of header strings and the picked File objects, so the browser
// streams the files from disk and nothing is read into memory first; the bridge writes the
// entries into a temporary folder that lives for one build. Shared by page and bridge: pure.
import type { ParseResult } from "./messages";

/** Where the page POSTs a context (same origin as the bridge's WebSocket). */
export const CONTEXT_UPLOAD_PATH = "/bridge/context";
/** The request header that carries the per-launch token. */
export const TOKEN_HEADER = "x-llbx-token";
/** Longest header line the bridge reads (a path of a few thousand characters fits). */
export const MAX_ENTRY_HEADER = 16 * 1024;

export interface ContextEntryHeader {
  /** Slash-separated, relative, clean: no `.`/`..` segments, no leading or doubled `/`. */
  path: string;
  type: "file" | "dir";
  /** Bytes that follow the header line (files only). */
  size?: number;
  /** Permission bits (0o777 at most). Browsers know none: files are 0644 and folders 0755 then. */
  mode?: number;
  /** Modification time, milliseconds since the epoch (File.lastModified). */
  mtimeMs?: number;
}

/** What the bridge answers to a finished upload. */
export interface ContextUploadReply {
  uploadId: string;
  files: number;
  dirs: number;
  bytes: number;
}

/** An upload ID as the bridge makes them (and as build messages may name them). */
export const UPLOAD_ID = /^u-[A-Za-z0-9_-]{8,64}$/;

/** Why a path may not be written, or null when it is a clean relative path. */
export function entryPathProblem(path: string): string | null {
  if (path === "") return "empty path";
  if (path.length > 4096) return "path longer than 4096 characters";
  if (path.includes("\0")) return "path contains a NUL character";
  if (path.includes("\\")) return "path contains a backslash";
  if (path.startsWith("/")) return "path is absolute";
  for (const seg of path.split("/")) {
    if (seg === "") return "path has an empty segment";
    if (seg === "." || seg === "..") return `path has a "${seg}" segment`;
  }
  return null;
}

/** The header line of one entry, newline included. */
export function encodeEntryHeader(h: ContextEntryHeader): string {
  return `${JSON.stringify(h)}\n`;
}

/** Validates one header line (without its newline). */
export function parseEntryHeader(line: string): ParseResult<ContextEntryHeader> {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { ok: false, message: "entry header is not valid JSON" };
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { ok: false, message: "entry header must be a JSON object" };
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!["path", "type", "size", "mode", "mtimeMs"].includes(k)) return { ok: false, message: `entry header: unexpected field "${k}"` };
  if (typeof o.path !== "string") return { ok: false, message: "entry header: path must be a string" };
  const problem = entryPathProblem(o.path);
  if (problem) return { ok: false, message: `entry ${JSON.stringify(o.path)}: ${problem}` };
  if (o.type !== "file" && o.type !== "dir") return { ok: false, message: `entry ${JSON.stringify(o.path)}: type must be "file" or "dir"` };
  const h: ContextEntryHeader = { path: o.path, type: o.type };
  if (o.type === "file") {
    if (typeof o.size !== "number" || !Number.isSafeInteger(o.size) || o.size < 0) return { ok: false, message: `entry ${JSON.stringify(o.path)}: size must be a non-negative integer` };
    h.size = o.size;
  } else if (o.size !== undefined) return { ok: false, message: `entry ${JSON.stringify(o.path)}: a folder has no size` };
  if (o.mode !== undefined) {
    if (typeof o.mode !== "number" || !Number.isInteger(o.mode) || o.mode < 0 || o.mode > 0o777) return { ok: false, message: `entry ${JSON.stringify(o.path)}: mode must be permission bits (0 to 0o777)` };
    h.mode = o.mode;
  }
  if (o.mtimeMs !== undefined) {
    if (typeof o.mtimeMs !== "number" || !Number.isFinite(o.mtimeMs)) return { ok: false, message: `entry ${JSON.stringify(o.path)}: mtimeMs must be a number` };
    h.mtimeMs = o.mtimeMs;
  }
  return { ok: true, value: h };
}
