// Small display formatters shared by the Explorer's components and exports.
import { CacheSharingOpt, MountType, NetMode, SecurityMode, type Platform } from "../../llb/index";

/** The 12 hex characters people recognise a digest by. */
export function shortDigest(digest: string): string {
  return digest.startsWith("sha256:") ? digest.slice(7, 19) : digest.slice(0, 12);
}

export function platformString(p: Platform | undefined): string {
  if (!p) return "";
  const base = [p.OS ?? "", p.Architecture ?? ""].join("/");
  return p.Variant ? `${base}/${p.Variant}` : base;
}

function nameOf(table: Record<string, number>, value: number | undefined): string {
  const v = value ?? 0;
  const found = Object.entries(table).find(([, n]) => n === v)?.[0];
  return found ? found.toLowerCase() : String(v);
}

export const mountTypeName = (v: number | undefined): string => nameOf(MountType, v);
export const netModeName = (v: number | undefined): string => nameOf(NetMode, v);
export const securityModeName = (v: number | undefined): string => nameOf(SecurityMode, v);
export const cacheSharingName = (v: number | undefined): string => nameOf(CacheSharingOpt, v);

/** Bytes as text when they are valid UTF-8 without control characters other than whitespace. */
export function bytesAsText(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return "";
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

export function hexPreview(bytes: Uint8Array, max = 64): string {
  const hex = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return bytes.length > max ? `${hex} … (${bytes.length} bytes)` : hex;
}

export function octal(mode: number | undefined): string {
  return mode === undefined || mode === -1 ? "" : `0${mode.toString(8)}`;
}

export function formatBytes(n: number | bigint): string {
  const v = Number(n);
  if (v < 1024) return `${v} B`;
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KiB`;
  return `${(v / 1024 / 1024).toFixed(1)} MiB`;
}
