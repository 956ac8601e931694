/** Go standard-library parsers whose exact errors appear in Dockerfile messages. */
import { encodeUtf8, goQuote } from "../go-text";

export class GoParseError extends Error {}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  "\u00b5s": 1000n,
  "\u03bcs": 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x80 || c < 0x20) {
      const bytes = encodeUtf8(ch);
      for (const b of bytes) out += "\\x" + b.toString(16).padStart(2, "0");
    } else {
      if (ch === '"' || ch === "\\") out += "\\";
      out += ch;
    }
  }
  return out + '"';
}

const MAX_DURATION = (1n << 63n) - 1n;

/** Go's time.ParseDuration; returns nanoseconds. */
export function parseGoDuration(orig: string): bigint {
  const invalid = () => new GoParseError(`time: invalid duration ${timeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw invalid();
  let d = 0n;
  while (s !== "") {
    const c0 = s[0] ?? "";
    if (!(c0 === "." || (c0 >= "0" && c0 <= "9"))) throw invalid();
    let i = 0;
    while (i < s.length && (s[i] ?? "") >= "0" && (s[i] ?? "") <= "9") i++;
    const pre = i > 0;
    const intPart = s.slice(0, i);
    if (intPart.length > 0 && BigInt(intPart) > 1n << 63n) throw invalid();
    const v0 = intPart.length > 0 ? BigInt(intPart) : 0n;
    s = s.slice(i);
    let frac = "";
    let post = false;
    if (s !== "" && s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      while (j < s.length && (s[j] ?? "") >= "0" && (s[j] ?? "") <= "9") j++;
      frac = s.slice(0, j);
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let k = 0;
    while (k < s.length && s[k] !== "." && !((s[k] ?? "") >= "0" && (s[k] ?? "") <= "9")) k++;
    if (k === 0) throw new GoParseError(`time: missing unit in duration ${timeQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[u];
    if (unit === undefined) throw new GoParseError(`time: unknown unit ${timeQuote(u)} in duration ${timeQuote(orig)}`);
    if (v0 > (1n << 63n) / unit) throw invalid();
    let v = v0 * unit;
    if (frac.length > 0) {
      // float64(f) * (float64(unit) / scale), truncated (precision is irrelevant for realistic inputs)
      const f = Number(frac.slice(0, 18)) / 10 ** Math.min(frac.length, 18);
      v += BigInt(Math.trunc(f * Number(unit)));
      if (v > 1n << 63n) throw invalid();
    }
    d += v;
    if (d > 1n << 63n) throw invalid();
  }
  if (neg) return -d;
  if (d > MAX_DURATION) throw invalid();
  return d;
}

/** Go's strconv.ParseInt(s, 10, bits). */
export function parseGoInt(s: string, bits: number): bigint {
  const fn = "ParseInt";
  if (s === "") throw new GoParseError(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
  let body = s;
  let neg = false;
  if (body[0] === "+" || body[0] === "-") {
    neg = body[0] === "-";
    body = body.slice(1);
  }
  if (!/^[0-9]+$/.test(body)) throw new GoParseError(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
  const v = neg ? -BigInt(body) : BigInt(body);
  const max = (1n << BigInt(bits - 1)) - 1n;
  const min = -(1n << BigInt(bits - 1));
  if (v > max || v < min) throw new GoParseError(`strconv.${fn}: parsing ${goQuote(s)}: value out of range`);
  return v;
}

/** Go's strconv.ParseUint(s, base, bits); returns null on any error. */
export function parseGoUint(s: string, base: 8 | 10, bits: number): bigint | null {
  const re = base === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!re.test(s)) return null;
  let v = 0n;
  for (const ch of s) v = v * BigInt(base) + BigInt(ch.charCodeAt(0) - 48);
  if (v > (1n << BigInt(bits)) - 1n) return null;
  return v;
}

/** Go's strconv.ParseBool; null when invalid. */
export function parseGoBool(s: string): boolean | null {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return null;
}

/** Go's strconv.ParseFloat for the decimal forms that matter here; null when invalid. */
function parseGoFloat(s: string): number | null {
  if (/^[+-]?(?:inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return Number.NaN;
  if (!/^[+-]?(?:[0-9](?:_?[0-9])*\.?(?:[0-9](?:_?[0-9])*)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9]+)?$/.test(s)) return null;
  if (s.includes("_")) return null; // underscores are only valid with a base prefix
  return Number(s);
}

/**
 * docker/go-units v0.5.0 RAMInBytes: a number, an optional space, then an
 * optional suffix b | k | m | g | t | p (+ "b" or "ib"), case-insensitive,
 * binary multipliers. Returns null when invalid.
 */
export function parseRamInBytes(sizeStr: string): number | null {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ("01234567890. ".includes(sizeStr[i] ?? "")) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return null;
  const num = sizeStr[sep] !== " " ? sizeStr.slice(0, sep + 1) : sizeStr.slice(0, sep);
  let sfx = sizeStr.slice(sep + 1);
  const size = parseGoFloat(num);
  if (size === null || size < 0) return null;
  if (sfx.length === 0) return Math.trunc(size);
  if (sfx.length > 3) return null;
  sfx = sfx.toLowerCase();
  if (sfx[0] === "b") return sfx.length > 1 ? null : Math.trunc(size);
  const mult: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
  const mul = mult[sfx[0] ?? ""];
  if (mul === undefined) return null;
  if (sfx.length === 2 && sfx[1] !== "b") return null;
  if (sfx.length === 3 && sfx.slice(1) !== "ib") return null;
  return Math.trunc(size * mul);
}
