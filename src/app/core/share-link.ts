// Share links: the canonical .llb, deflated and base64url-encoded into the URL fragment (`#llb=...`).
// No server is involved; the fragment never leaves the browser.
import { deflateSync, inflateSync } from "fflate";

export const SHARE_KEY = "llb";

export function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment (without `#`) that carries `definition`. */
export function encodeShareFragment(definition: Uint8Array): string {
  return `${SHARE_KEY}=${toBase64Url(deflateSync(definition, { level: 9 }))}`;
}

export type ShareDecode = { ok: true; bytes: Uint8Array } | { ok: false; message: string } | { ok: false; message: null };

/** Reads a fragment (with or without `#`). `message: null` when it carries no graph at all. */
export function decodeShareFragment(hash: string): ShareDecode {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const value = params.get(SHARE_KEY);
  if (value === null || value === "") return { ok: false, message: null };
  try {
    return { ok: true, bytes: inflateSync(fromBase64Url(value)) };
  } catch (e) {
    return { ok: false, message: `the share link is damaged: ${e instanceof Error ? e.message : String(e)}` };
  }
}
