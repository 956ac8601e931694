// Protobuf wire primitives used by the generated codec (src/llb/gen). Hand-written rather than
// protobufjs's runtime because LLB needs three things that runtime does not give: int64 as exact
// BigInt, unknown fields kept for re-encoding, and errors that name the byte offset.

/** A malformed protobuf input. `offset` is the byte where reading failed. */
export class WireError extends Error {
  override readonly name = "WireError";
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

export function isWireError(e: unknown): e is WireError {
  return e instanceof Error && e.name === "WireError" && typeof (e as WireError).offset === "number";
}

const textDecoder = new TextDecoder("utf-8");
const textEncoder = new TextEncoder();

const MAX_UINT64 = 0xffffffffffffffffn;
const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_BIG = BigInt(Number.MIN_SAFE_INTEGER);

function isMinusOne(b: Uint8Array, start: number): boolean {
  for (let i = 0; i < 9; i++) if (b[start + i] !== 0xff) return false;
  return b[start + 9] === 0x01;
}

export class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  /** Reads a varint as an unsigned 32-bit number (upper bits of longer varints are dropped, as Go does for uint32/int32). */
  uint32(): number {
    const b = this.buf;
    let p = this.pos;
    let x = b[p++];
    if (x === undefined) throw new WireError("truncated varint", this.pos);
    if (x < 0x80) {
      this.pos = p;
      return x;
    }
    let v = x & 0x7f;
    let shift = 7;
    for (;;) {
      x = b[p++];
      if (x === undefined) throw new WireError("truncated varint", this.pos);
      if (shift < 32) v |= (x & 0x7f) << shift;
      shift += 7;
      if (x < 0x80) break;
      if (shift >= 70) throw new WireError("varint longer than 10 bytes", this.pos);
    }
    this.pos = p;
    return v >>> 0;
  }

  int32(): number {
    return this.uint32() | 0;
  }

  /** Full 64-bit varint as an unsigned BigInt. */
  uint64(): bigint {
    const b = this.buf;
    const start = this.pos;
    let p = start;
    // Fast path: values below 2^28 (four bytes) fit a small integer.
    let lo = 0;
    let shift = 0;
    for (;;) {
      const x = b[p++];
      if (x === undefined) throw new WireError("truncated varint", start);
      if (shift < 28) {
        lo |= (x & 0x7f) << shift;
        if (x < 0x80) {
          this.pos = p;
          return BigInt(lo);
        }
        shift += 7;
        continue;
      }
      // -1 (nine 0xff bytes and 0x01) is common: FileAction timestamps default to it.
      if (p - start === 5 && isMinusOne(b, start)) {
        this.pos = start + 10;
        return MAX_UINT64;
      }
      // Slow path for long varints.
      p = start;
      let v = 0n;
      let s = 0n;
      for (let i = 0; ; i++) {
        const y = b[p++];
        if (y === undefined) throw new WireError("truncated varint", start);
        if (i >= 10) throw new WireError("varint longer than 10 bytes", start);
        v |= BigInt(y & 0x7f) << s;
        s += 7n;
        if (y < 0x80) break;
      }
      this.pos = p;
      return BigInt.asUintN(64, v);
    }
  }

  int64(): bigint {
    const v = this.uint64();
    return v === MAX_UINT64 ? -1n : BigInt.asIntN(64, v);
  }

  /**
   * int64 that LLB uses as an index (input, output, mount input …): small, or -1.
   * Returned as a number; a value outside the safe-integer range is an error, not a silent rounding.
   */
  int64Index(): number {
    const b = this.buf;
    const x = b[this.pos];
    if (x !== undefined && x < 0x80) {
      this.pos++;
      return x;
    }
    const start = this.pos;
    // -1 marks "no input" / "no output" in FileAction and Mount: ten bytes on the wire.
    if (isMinusOne(b, start)) {
      this.pos = start + 10;
      return -1;
    }
    const v = this.int64();
    if (v > MAX_SAFE_BIG || v < MIN_SAFE_BIG) throw new WireError(`index value ${v} out of range`, start);
    return Number(v);
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  /** Length prefix of a length-delimited field; returns the end offset, checked against `limit`. */
  delimited(limit: number, what: string): number {
    const start = this.pos;
    const len = this.uint32();
    const end = this.pos + len;
    if (len > 0x7fffffff || end > limit)
      throw new WireError(`${what}: length ${len} runs past the end of its message (${limit - this.pos} bytes left)`, start);
    return end;
  }

  bytes(limit: number, what: string): Uint8Array {
    const end = this.delimited(limit, what);
    const out = this.buf.slice(this.pos, end);
    this.pos = end;
    return out;
  }

  string(limit: number, what: string): string {
    const end = this.delimited(limit, what);
    const s = decodeUtf8(this.buf, this.pos, end);
    this.pos = end;
    return s;
  }

  /** Skips one field of the given wire type and returns its raw bytes (tag included) for `$unknown`. */
  skip(wireType: number, tagStart: number, limit: number): Uint8Array {
    switch (wireType) {
      case 0:
        this.uint64();
        break;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.pos = this.delimited(limit, "unknown field");
        break;
      case 5:
        this.pos += 4;
        break;
      case 3: {
        // Group: skip nested fields until the matching end-group tag.
        for (;;) {
          if (this.pos >= limit) throw new WireError("unterminated group", tagStart);
          const t = this.uint32();
          const wt = t & 7;
          if (wt === 4) break;
          this.skip(wt, this.pos, limit);
        }
        break;
      }
      default:
        throw new WireError(`invalid wire type ${wireType}`, tagStart);
    }
    if (this.pos > limit) throw new WireError("field runs past the end of its message", tagStart);
    return this.buf.slice(tagStart, this.pos);
  }

  /** Reads a field tag; rejects field number 0 as protobuf-go does. */
  tag(): number {
    const start = this.pos;
    const t = this.uint32();
    if (t >>> 3 === 0) throw new WireError("invalid field number 0", start);
    return t;
  }
}

/** Appends an unknown field's raw bytes to what a message already kept. */
export function keepUnknown(prev: Uint8Array | undefined, raw: Uint8Array): Uint8Array {
  if (!prev) return raw;
  const out = new Uint8Array(prev.length + raw.length);
  out.set(prev, 0);
  out.set(raw, prev.length);
  return out;
}

export function wrongWireType(field: string, wireType: number, offset: number): WireError {
  return new WireError(`wrong wire type ${wireType} for ${field}`, offset);
}

// Short ASCII strings are built directly: TextDecoder's per-call cost dominates below about 16 bytes,
// and is the faster route above (measured on Node 20).
export function decodeUtf8(b: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return "";
  if (n < 16) {
    let s = "";
    for (let i = start; i < end; i++) {
      const c = b[i]!;
      if (c >= 0x80) return textDecoder.decode(b.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return textDecoder.decode(b.subarray(start, end));
}

export function encodeUtf8(s: string): Uint8Array {
  return textEncoder.encode(s);
}

/** Growable output buffer writing protobuf wire format. */
export class Writer {
  private buf = new Uint8Array(256);
  pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  uint32(v: number): void {
    this.ensure(5);
    v >>>= 0;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }

  tag(field: number, wireType: number): void {
    this.uint32((field << 3) | wireType);
  }

  /** int32 is sign-extended to 64 bits on the wire (10 bytes when negative). */
  int32(v: number): void {
    if (v >= 0) this.uint32(v);
    else this.uint64(BigInt.asUintN(64, BigInt(v)));
  }

  int64(v: bigint | number): void {
    if (typeof v === "number") {
      if (v >= 0 && v <= 0xffffffff) {
        this.uint32(v);
        return;
      }
      v = BigInt(v);
    }
    this.uint64(BigInt.asUintN(64, v));
  }

  uint64(v: bigint): void {
    this.ensure(10);
    v = BigInt.asUintN(64, v);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  bool(v: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  bytes(b: Uint8Array): void {
    this.uint32(b.length);
    this.raw(b);
  }

  string(s: string): void {
    // ASCII fast path: write directly when every code unit is < 0x80.
    const n = s.length;
    if (n < 128) {
      let ascii = true;
      for (let i = 0; i < n; i++) {
        if (s.charCodeAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        this.uint32(n);
        this.ensure(n);
        for (let i = 0; i < n; i++) this.buf[this.pos++] = s.charCodeAt(i);
        return;
      }
    }
    this.bytes(encodeUtf8(s));
  }

  /** Writes a length-delimited sub-message produced by `fn`. */
  message<T>(m: T, fn: (w: Writer, m: T) => void): void {
    // Reserve one length byte; move the body if the length needs more.
    this.ensure(1);
    const lenPos = this.pos++;
    const start = this.pos;
    fn(this, m);
    const len = this.pos - start;
    if (len < 0x80) {
      this.buf[lenPos] = len;
      return;
    }
    let extra = 0;
    for (let v = len >>> 7; v > 0; v >>>= 7) extra++;
    this.ensure(extra);
    this.buf.copyWithin(start + extra, start, this.pos);
    this.pos += extra;
    let p = lenPos;
    let v = len;
    while (v >= 0x80) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Go's string order for map keys: byte-wise UTF-8, which differs from UTF-16 order only for astral characters. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x - y;
  }
  return a.length - b.length;
}

export function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  // Maps decoded from canonical bytes are already in order; checking is cheaper than sorting.
  for (let i = 1; i < keys.length; i++) if (compareUtf8(keys[i - 1]!, keys[i]!) > 0) return keys.sort(compareUtf8);
  return keys;
}
