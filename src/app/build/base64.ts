// Fast base64 -> bytes for log chunks (the status stream carries every log byte as base64).
// A table lookup per character; standard and URL-safe alphabets, padding optional.

const TABLE = (() => {
  const t = new Int16Array(128).fill(-1);
  const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < a.length; i++) t[a.charCodeAt(i)] = i;
  t["-".charCodeAt(0)] = 62;
  t["_".charCodeAt(0)] = 63;
  return t;
})();

/** Decodes base64; invalid characters are skipped (BuildKit only sends valid base64). */
export function decodeBase64(s: string): Uint8Array {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  // fast path: whole quads of valid characters
  const quads = end - (end % 4);
  let o = 0;
  let i = 0;
  for (; i < quads; i += 4) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    const c = s.charCodeAt(i + 2);
    const d = s.charCodeAt(i + 3);
    if ((a | b | c | d) > 127) break;
    const n = ((TABLE[a] as number) << 18) | ((TABLE[b] as number) << 12) | ((TABLE[c] as number) << 6) | (TABLE[d] as number);
    if (n < 0) break;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  // the tail (and anything after an unexpected character), one character at a time
  let acc = 0;
  let bits = 0;
  for (; i < end; i++) {
    const ch = s.charCodeAt(i);
    const v = ch < 128 ? (TABLE[ch] as number) : -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return o === out.length ? out : out.subarray(0, o);
}
