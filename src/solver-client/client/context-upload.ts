// Sends a build context picked in the page to the bridge (protocol/context-upload.ts): one POST
// whose body is a Blob made of the entry headers and the picked File objects themselves, so the
// browser streams the files from disk. XMLHttpRequest where there is one (it reports upload
// progress; fetch does not), else fetch.
import { CONTEXT_UPLOAD_PATH, encodeEntryHeader, TOKEN_HEADER, type ContextUploadReply } from "../protocol/context-upload";
import { solverError, type SolverError } from "../protocol/errors";
import type { BridgeLocation } from "./bridge-url";

/** One entry of a picked context: a file (with its content) or a folder. */
export type ContextEntry = { kind: "file"; path: string; blob: Blob; lastModified?: number } | { kind: "dir"; path: string };

export interface UploadProgress {
  sent: number;
  total: number;
}

export type UploadResult = { ok: true; reply: ContextUploadReply } | { ok: false; error: SolverError };

export interface UploadOptions {
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}

/** The upload body: header line, then the file's bytes, per entry. */
export function contextUploadBody(entries: readonly ContextEntry[]): Blob {
  const parts: BlobPart[] = [];
  for (const e of entries) {
    if (e.kind === "dir") parts.push(encodeEntryHeader({ path: e.path, type: "dir" }));
    else {
      parts.push(encodeEntryHeader({ path: e.path, type: "file", size: e.blob.size, ...(e.lastModified !== undefined ? { mtimeMs: e.lastModified } : {}) }));
      parts.push(e.blob);
    }
  }
  return new Blob(parts, { type: "application/octet-stream" });
}

/** http(s)://host/bridge/context for a bridge at ws(s)://host/bridge. */
export function contextUploadUrl(bridge: BridgeLocation): string {
  const u = new URL(bridge.url);
  u.protocol = u.protocol === "wss:" ? "https:" : "http:";
  u.pathname = CONTEXT_UPLOAD_PATH;
  u.search = "";
  return u.toString();
}

function replyOf(status: number, text: string): UploadResult {
  let v: unknown = null;
  try {
    v = JSON.parse(text);
  } catch {
    // a non-JSON answer is reported below
  }
  const o = typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  if (status === 200 && typeof o.uploadId === "string") {
    return { ok: true, reply: { uploadId: o.uploadId, files: Number(o.files ?? 0), dirs: Number(o.dirs ?? 0), bytes: Number(o.bytes ?? 0) } };
  }
  const why = typeof o.error === "string" ? o.error : `HTTP ${status}`;
  return { ok: false, error: solverError("bad-request", `the bridge refused the build context: ${why}`) };
}

export function uploadContext(bridge: BridgeLocation, body: Blob, options: UploadOptions = {}): Promise<UploadResult> {
  const url = contextUploadUrl(bridge);
  const total = body.size;
  if (typeof XMLHttpRequest !== "undefined") {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader(TOKEN_HEADER, bridge.token);
      xhr.upload.onprogress = (e) => options.onProgress?.({ sent: e.loaded, total });
      xhr.onload = () => resolve(replyOf(xhr.status, xhr.responseText));
      xhr.onerror = () => resolve({ ok: false, error: solverError("unreachable", "could not send the build context to the bridge (connection failed)") });
      xhr.onabort = () => resolve({ ok: false, error: solverError("canceled", "canceled while sending the build context") });
      options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
      xhr.send(body);
    });
  }
  return fetch(url, { method: "POST", body, headers: { [TOKEN_HEADER]: bridge.token }, ...(options.signal ? { signal: options.signal } : {}) }).then(
    async (r) => {
      options.onProgress?.({ sent: total, total });
      return replyOf(r.status, await r.text());
    },
    (e: unknown) =>
      options.signal?.aborted
        ? { ok: false, error: solverError("canceled", "canceled while sending the build context") }
        : { ok: false, error: solverError("unreachable", `could not send the build context to the bridge: ${e instanceof Error ? e.message : String(e)}`) },
  );
}
