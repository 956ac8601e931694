// Fast RFC 3339 -> epoch ms for the status stream's timestamps. The date-and-minute prefix is
// parsed once (Date.parse) and cached; seconds and the fraction are read digit by digit.
import { statusTimeToMillis } from "../../solver-client/protocol/index";

let lastPrefix = "";
let lastPrefixMs = 0;

/** Epoch ms with sub-ms fraction, or null when absent or malformed. */
export function parseStatusTime(t: string | undefined): number | null {
  if (!t) return null;
  // "YYYY-MM-DDTHH:MM:SS[.fffffffff]Z" (UTC, as BuildKit sends it)
  if (t.length >= 20 && t.charCodeAt(t.length - 1) === 90 /* Z */ && t.charCodeAt(16) === 58 /* : */) {
    const prefix = t.slice(0, 16);
    if (prefix !== lastPrefix) {
      const p = Date.parse(`${prefix}:00Z`);
      if (Number.isNaN(p)) return fallback(t);
      lastPrefix = prefix;
      lastPrefixMs = p;
    }
    const s1 = t.charCodeAt(17) - 48;
    const s2 = t.charCodeAt(18) - 48;
    if (s1 < 0 || s1 > 9 || s2 < 0 || s2 > 9) return fallback(t);
    let ms = lastPrefixMs + (s1 * 10 + s2) * 1000;
    if (t.charCodeAt(19) === 46 /* . */) {
      let scale = 100;
      for (let i = 20; i < t.length - 1; i++) {
        const d = t.charCodeAt(i) - 48;
        if (d < 0 || d > 9) return fallback(t);
        ms += d * scale;
        scale /= 10;
      }
    } else if (t.length !== 20) return fallback(t);
    return ms;
  }
  return fallback(t);
}

function fallback(t: string): number | null {
  const v = statusTimeToMillis(t);
  return Number.isNaN(v) ? null : v;
}
