// A growing UTF-8 byte buffer for the dump writers. Large dumps are megabytes of short pieces;
// writing bytes in place instead of concatenating strings avoids millions of intermediate strings
// (most of the former cost was garbage collection), and the CLI hands the bytes to stdout as they are.
import { goQuote, goString } from "./go-strings";

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

// ASCII characters Go's encoding/json writes as they are (HTML-safe: no <, >, &).
const JSON_PLAIN = new Uint8Array(128);
// ASCII characters strconv.Quote writes as they are.
const QUOTE_PLAIN = new Uint8Array(128);
for (let c = 0x20; c < 0x7f; c++) {
  QUOTE_PLAIN[c] = c === 0x22 || c === 0x5c ? 0 : 1;
  JSON_PLAIN[c] = c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26 ? 0 : 1;
}
JSON_PLAIN[0x7f] = 1;

const HEX_DIGITS = new TextEncoder().encode("0123456789abcdef");
const BASE64 = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

export class OutputBuffer {
  bytes: Uint8Array;
  pos = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(capacity, 16));
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n > this.bytes.length) this.grow(n);
  }

  private grow(n: number): void {
    let size = this.bytes.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.pos));
    this.bytes = next;
  }

  byte(c: number): void {
    if (this.pos >= this.bytes.length) this.grow(1);
    this.bytes[this.pos++] = c;
  }

  /** Appends a string the caller knows is ASCII: keys, punctuation, numbers. */
  ascii(s: string): void {
    const n = s.length;
    if (this.pos + n > this.bytes.length) this.grow(n);
    const b = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Appends any string as UTF-8 (lone surrogates become U+FFFD, as TextEncoder writes them). */
  utf8(s: string): void {
    const n = s.length;
    if (this.pos + n * 3 > this.bytes.length) this.grow(n * 3);
    const b = this.bytes;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos += textEncoder.encodeInto(s, b.subarray(this.pos)).written;
        return;
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  /** A number or BigInt in decimal, as Go prints integers. */
  decimal(v: number | bigint): void {
    if (typeof v === "number" && v >= 0 && v < 10 && (v | 0) === v) this.byte(0x30 + v);
    else this.ascii(String(v));
  }

  /** A quoted JSON string as Go's encoding/json writes it (see goString). */
  goJsonString(s: string): void {
    const n = s.length;
    // Room for the worst ASCII case: every character as \u00XX.
    if (this.pos + n * 6 + 2 > this.bytes.length) this.grow(n * 6 + 2);
    const b = this.bytes;
    let p = this.pos;
    b[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80 && JSON_PLAIN[c] === 1) {
        b[p++] = c;
        continue;
      }
      if (c >= 0x80) {
        // Non-ASCII: the reference routine. `pos` has not moved, so the partial copy is overwritten.
        this.utf8(goString(s));
        return;
      }
      b[p++] = 0x5c;
      if (c === 0x22 || c === 0x5c) b[p++] = c;
      else if (c === 0x0a) b[p++] = 0x6e;
      else if (c === 0x0d) b[p++] = 0x72;
      else if (c === 0x09) b[p++] = 0x74;
      else {
        // Other control characters and the HTML-unsafe <, >, &: \u00XX.
        b[p++] = 0x75;
        b[p++] = 0x30;
        b[p++] = 0x30;
        b[p++] = HEX_DIGITS[c >> 4]!;
        b[p++] = HEX_DIGITS[c & 15]!;
      }
    }
    b[p++] = 0x22;
    this.pos = p;
  }

  /** A string as Go's `%q` prints it (see goQuote). */
  goQuoted(s: string): void {
    const n = s.length;
    if (this.pos + n + 2 > this.bytes.length) this.grow(n + 2);
    const b = this.bytes;
    let p = this.pos;
    b[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80 && QUOTE_PLAIN[c] === 1) b[p++] = c;
      else {
        this.utf8(goQuote(s));
        return;
      }
    }
    b[p++] = 0x22;
    this.pos = p;
  }

  /** Standard base64 with padding, unquoted (Go's encoding of []byte in JSON). */
  base64(data: Uint8Array): void {
    const n = data.length;
    this.reserve(Math.ceil(n / 3) * 4);
    const b = this.bytes;
    let p = this.pos;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      b[p++] = BASE64[v >> 18]!;
      b[p++] = BASE64[(v >> 12) & 63]!;
      b[p++] = BASE64[(v >> 6) & 63]!;
      b[p++] = BASE64[v & 63]!;
    }
    if (i < n) {
      const v = (data[i]! << 16) | ((i + 1 < n ? data[i + 1]! : 0) << 8);
      b[p++] = BASE64[v >> 18]!;
      b[p++] = BASE64[(v >> 12) & 63]!;
      b[p++] = i + 1 < n ? BASE64[(v >> 6) & 63]! : 0x3d;
      b[p++] = 0x3d;
    }
    this.pos = p;
  }

  /** Appends raw bytes. */
  append(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.pos);
    this.pos += data.length;
  }

  /** The bytes written so far: a view that later writes may invalidate. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }

  text(): string {
    return textDecoder.decode(this.view());
  }
}
