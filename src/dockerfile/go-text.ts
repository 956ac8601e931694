/**
 * Small helpers reproducing Go's string semantics where BuildKit relies on
 * them (unicode.IsSpace, strings.TrimSpace, strconv.Quote, byte-wise loops).
 * Internal to the dockerfile layer.
 */

/** Go's unicode.IsSpace. */
export function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) {
    return (cp >= 0x09 && cp <= 0x0d) || cp === 0x20 || cp === 0x85 || cp === 0xa0;
  }
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

export function isGoSpaceChar(ch: string): boolean {
  return isGoSpace(ch.codePointAt(0) ?? -1);
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's unicode.IsLetter for one code point string. */
export function isGoLetter(ch: string): boolean {
  return LETTER.test(ch);
}

/** Go's unicode.IsDigit for one code point string. */
export function isGoDigit(ch: string): boolean {
  return DIGIT.test(ch);
}

/** strings.TrimLeftFunc(s, unicode.IsSpace) */
export function trimLeftGoSpace(s: string): string {
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i) ?? 0;
    if (!isGoSpace(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return s.slice(i);
}

/** strings.TrimRightFunc(s, unicode.IsSpace) */
export function trimRightGoSpace(s: string): string {
  let end = s.length;
  while (end > 0) {
    const cp = s.charCodeAt(end - 1);
    if (!isGoSpace(cp)) break;
    end--;
  }
  return s.slice(0, end);
}

/** strings.TrimSpace */
export function trimGoSpace(s: string): string {
  return trimRightGoSpace(trimLeftGoSpace(s));
}

/** Splits on the regexp `[\t\v\f\r ]+` like Go's Regexp.Split(s, n) (n = -1: all). */
export function splitWhitespace(s: string, n = -1): string[] {
  if (n === 0) return [];
  const re = /[\t\v\f\r ]+/g;
  const out: string[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (n > 0 && out.length === n - 1) break;
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (cp === 0x20 || (cp >= 0x21 && cp < 0x7f)) {
      out += ch;
    } else if (cp < 0x20 || cp === 0x7f) {
      out += "\\x" + cp.toString(16).padStart(2, "0");
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      // lone surrogate: Go strings cannot hold it; it was invalid UTF-8
      out += "\\ufffd";
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else if (cp < 0x10000) {
      out += "\\u" + cp.toString(16).padStart(4, "0");
    } else {
      out += "\\U" + cp.toString(16).padStart(8, "0");
    }
  }
  return out + '"';
}

/** UTF-8 bytes of a string. */
export function encodeUtf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
  }
  return out;
}

/** Decodes UTF-8 bytes (invalid sequences become U+FFFD, like Go's range loop). */
export function decodeUtf8(bytes: readonly number[], start = 0, end = bytes.length): string {
  let out = "";
  let i = start;
  while (i < end) {
    const b = bytes[i] ?? 0;
    let need = 0;
    let cp = 0;
    let min = 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    } else if (b >= 0xc2 && b < 0xe0) {
      need = 1;
      cp = b & 0x1f;
      min = 0x80;
    } else if (b >= 0xe0 && b < 0xf0) {
      need = 2;
      cp = b & 0x0f;
      min = 0x800;
    } else if (b >= 0xf0 && b < 0xf5) {
      need = 3;
      cp = b & 0x07;
      min = 0x10000;
    } else {
      out += "\ufffd";
      i++;
      continue;
    }
    let ok = i + need < end;
    let j = 1;
    for (; ok && j <= need; j++) {
      const c = bytes[i + j] ?? 0;
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += "\ufffd";
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Number of UTF-8 bytes of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
