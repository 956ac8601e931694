// The build status stream as plain, JSON-safe data. The shape is BuildKit's client.SolveStatus as
// `buildctl build --progress=rawjson` prints it (one object per line): times are RFC 3339 strings
// with nanoseconds as the daemon sent them, log data is base64. Shared by the page and the bridge,
// so it imports nothing.

/** RFC 3339 time with up to nanosecond precision, e.g. "2026-11-22T12:57:37.649968727Z". */
export type StatusTime = string;

export interface ProgressGroup {
  id: string;
  name?: string;
  weak?: boolean;
}

/** One step of the build. Sent repeatedly; each message is a full snapshot of that vertex. */
export interface StatusVertex {
  digest: string;
  inputs?: string[];
  name?: string;
  started?: StatusTime;
  completed?: StatusTime;
  cached?: boolean;
  error?: string;
  progressGroup?: ProgressGroup;
}

/** A progress bar inside a vertex (layer download, context transfer, export). */
export interface StatusVertexStatus {
  id: string;
  vertex?: string;
  name?: string;
  total?: number;
  current: number;
  timestamp: StatusTime;
  started?: StatusTime;
  completed?: StatusTime;
}

/** A raw chunk of a step's output. Not line-aligned. stream 1 = stdout, 2 = stderr. */
export interface StatusLog {
  vertex?: string;
  stream?: number;
  /** base64 of the raw bytes */
  data: string;
  timestamp: StatusTime;
}

export interface StatusRange {
  start?: { line?: number; character?: number };
  end?: { line?: number; character?: number };
}

export interface StatusWarning {
  vertex?: string;
  level?: number;
  /** base64 */
  short?: string;
  /** base64 each */
  detail?: string[];
  url?: string;
  sourceInfo?: { filename?: string; language?: string };
  range?: StatusRange[];
}

export interface SolveStatus {
  vertexes?: StatusVertex[];
  statuses?: StatusVertexStatus[];
  logs?: StatusLog[];
  warnings?: StatusWarning[];
}

/** Milliseconds since the epoch, sub-millisecond digits kept as a fraction (about 0.25 µs precision). NaN if malformed. */
export function statusTimeToMillis(t: StatusTime): number {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  if (!m) return Number.NaN;
  const base = Date.parse(`${m[1]}${m[3]}`);
  const frac = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return base + frac;
}

/** Formats seconds+nanos the way Go's time.RFC3339Nano does (UTC, trailing zeros trimmed). */
export function statusTimeFromParts(seconds: bigint, nanos: number): StatusTime {
  const d = new Date(Number(seconds) * 1000);
  const iso = d.toISOString(); // 2026-11-22T12:57:37.000Z
  const head = iso.slice(0, 19);
  if (nanos === 0) return `${head}Z`;
  const frac = String(nanos).padStart(9, "0").replace(/0+$/, "");
  return `${head}.${frac}Z`;
}

const b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 (with padding), usable in the browser and Node alike. */
export function bytesToBase64(b: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += b64chars.charAt(n >> 18) + b64chars.charAt((n >> 12) & 63) + b64chars.charAt((n >> 6) & 63) + b64chars.charAt(n & 63);
  }
  if (i < b.length) {
    const n = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8);
    out += b64chars.charAt(n >> 18) + b64chars.charAt((n >> 12) & 63);
    out += i + 1 < b.length ? `${b64chars.charAt((n >> 6) & 63)}=` : "==";
  }
  return out;
}

const b64index = new Map<string, number>([...b64chars].map((c, i) => [c, i]));

/** Decodes standard or URL-safe base64 (padding optional). Returns null if the text is not base64. */
export function base64ToBytes(s: string): Uint8Array | null {
  const clean = s.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of clean) {
    const v = b64index.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
