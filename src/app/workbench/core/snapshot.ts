// What survives a reload and travels in a share link: the text and the options. Local storage holds
// the JSON; a share link holds it deflated (fflate) and base64url-encoded in the fragment
// (`#dockerfile=...`), next to, never clashing with, the Explorer's `#llb=`.
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import { isWorkbenchOptions, resolveWorkbenchOptions, type WorkbenchOptions } from "./options";

export interface WorkbenchSnapshot {
  text: string;
  options: WorkbenchOptions;
}

export const STORAGE_KEY = "llbx.workbench.v1";
export const SHARE_KEY = "dockerfile";

export type SnapshotStorage = Pick<Storage, "getItem" | "setItem">;

export function isWorkbenchSnapshot(value: unknown): value is WorkbenchSnapshot {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.text === "string" && isWorkbenchOptions(v.options);
}

export function saveSnapshot(storage: SnapshotStorage, snapshot: WorkbenchSnapshot): boolean {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(snapshot));
    return true;
  } catch {
    return false; // quota, private mode
  }
}

export function loadSnapshot(storage: SnapshotStorage): WorkbenchSnapshot | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    return isWorkbenchSnapshot(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment (without `#`). Loaded image configs stay out of links (they can be large). */
export function encodeShareFragment(snapshot: WorkbenchSnapshot): string {
  const options: WorkbenchOptions = { ...snapshot.options, images: { kind: "unpinned" } };
  const json = JSON.stringify({ text: snapshot.text, options });
  return `${SHARE_KEY}=${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

export type ShareDecode = { ok: true; snapshot: WorkbenchSnapshot } | { ok: false; message: string | null };

/** Reads a fragment (with or without `#`); `message: null` when it carries no workbench at all. */
export function decodeShareFragment(hash: string): ShareDecode {
  const value = new URLSearchParams(hash.replace(/^#/, "")).get(SHARE_KEY);
  if (value === null || value === "") return { ok: false, message: null };
  try {
    const parsed: unknown = JSON.parse(strFromU8(inflateSync(fromBase64Url(value))));
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as { text?: unknown }).text === "string") {
      const p = parsed as { text: string; options?: unknown };
      const options = isWorkbenchOptions(p.options) ? p.options : resolveWorkbenchOptions();
      return { ok: true, snapshot: { text: p.text, options } };
    }
    return { ok: false, message: "the share link does not hold a Dockerfile" };
  } catch (e) {
    return { ok: false, message: `the share link is damaged: ${e instanceof Error ? e.message : String(e)}` };
  }
}
