// fsutil's transfer packets (fsutil.types.Packet / Stat, see ../../proto/fsutil.proto), encoded and
// decoded by hand: they are the hot path of a context upload (one per 32 KiB of file data) and
// carry int64 nanosecond times that must stay exact (bigint, not number).

export const PacketType = { STAT: 0, REQ: 1, DATA: 2, FIN: 3, ERR: 4 } as const;
export type PacketType = (typeof PacketType)[keyof typeof PacketType];

/** fsutil.types.Stat. `mode` holds Go os.FileMode bits (see go-mode.ts). */
export interface FileStat {
  path: string;
  mode: number;
  uid: number;
  gid: number;
  size: bigint;
  /** Nanoseconds since the Unix epoch. */
  modTime: bigint;
  linkname: string;
  devmajor: bigint;
  devminor: bigint;
  xattrs: Map<string, Uint8Array>;
}

export interface Packet {
  type: PacketType;
  stat?: FileStat;
  id: number;
  data: Uint8Array;
}

export class PacketDecodeError extends Error {
  override readonly name = "PacketDecodeError";
}

// ---- writer ----

class Writer {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(64);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  varint(v: bigint | number): void {
    let n = BigInt.asUintN(64, BigInt(v));
    this.ensure(10);
    while (n >= 0x80n) {
      this.buf[this.pos++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.buf[this.pos++] = Number(n);
  }

  /** Fast path for values below 2^31. */
  small(v: number): void {
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }

  tag(field: number, wire: number): void {
    this.small((field << 3) | wire);
  }

  bytes(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.small(b.length);
    // Big payloads are not copied into the growing buffer.
    if (b.length > 256) {
      this.flushInto();
      this.chunks.push(b);
      return;
    }
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  private flushInto(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.slice(0, this.pos));
    this.pos = 0;
  }

  finish(): Uint8Array {
    this.flushInto();
    if (this.chunks.length === 1) return this.chunks[0]!;
    let n = 0;
    for (const c of this.chunks) n += c.length;
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: false });

function writeStat(s: FileStat): Uint8Array {
  // proto3: zero values are omitted, as Go's encoder does.
  const w = new Writer();
  if (s.path) w.bytes(1, utf8.encode(s.path));
  if (s.mode) {
    w.tag(2, 0);
    w.varint(s.mode >>> 0);
  }
  if (s.uid) {
    w.tag(3, 0);
    w.varint(s.uid >>> 0);
  }
  if (s.gid) {
    w.tag(4, 0);
    w.varint(s.gid >>> 0);
  }
  if (s.size) {
    w.tag(5, 0);
    w.varint(s.size);
  }
  if (s.modTime) {
    w.tag(6, 0);
    w.varint(s.modTime);
  }
  if (s.linkname) w.bytes(7, utf8.encode(s.linkname));
  if (s.devmajor) {
    w.tag(8, 0);
    w.varint(s.devmajor);
  }
  if (s.devminor) {
    w.tag(9, 0);
    w.varint(s.devminor);
  }
  for (const [k, v] of [...s.xattrs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const e = new Writer();
    e.bytes(1, utf8.encode(k));
    e.bytes(2, v);
    w.bytes(10, e.finish());
  }
  return w.finish();
}

export function encodePacket(p: Packet): Uint8Array {
  const w = new Writer();
  if (p.type !== PacketType.STAT) {
    w.tag(1, 0);
    w.small(p.type);
  }
  if (p.stat) w.bytes(2, writeStat(p.stat));
  if (p.id) {
    w.tag(3, 0);
    w.varint(p.id >>> 0);
  }
  if (p.data.length > 0) w.bytes(4, p.data);
  return w.finish();
}

// ---- reader ----

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let shift = 0n;
    let out = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new PacketDecodeError("truncated varint");
      const b = this.buf[this.pos++]!;
      out |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, out);
      shift += 7n;
    }
    throw new PacketDecodeError("varint too long");
  }

  u32(): number {
    return Number(BigInt.asUintN(32, this.varint()));
  }

  i64(): bigint {
    return BigInt.asIntN(64, this.varint());
  }

  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (this.pos + n > this.buf.length) throw new PacketDecodeError("truncated bytes field");
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.bytes();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw new PacketDecodeError(`unsupported wire type ${wire}`);
    }
    if (this.pos > this.buf.length) throw new PacketDecodeError("truncated field");
  }
}

export function emptyStat(path = ""): FileStat {
  return { path, mode: 0, uid: 0, gid: 0, size: 0n, modTime: 0n, linkname: "", devmajor: 0n, devminor: 0n, xattrs: new Map() };
}

function readStat(buf: Uint8Array): FileStat {
  const r = new Reader(buf);
  const s = emptyStat();
  while (!r.done) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (wire === 0 || wire === 2 ? field : -1) {
      case 1:
        s.path = fromUtf8.decode(r.bytes());
        break;
      case 2:
        s.mode = r.u32();
        break;
      case 3:
        s.uid = r.u32();
        break;
      case 4:
        s.gid = r.u32();
        break;
      case 5:
        s.size = r.i64();
        break;
      case 6:
        s.modTime = r.i64();
        break;
      case 7:
        s.linkname = fromUtf8.decode(r.bytes());
        break;
      case 8:
        s.devmajor = r.i64();
        break;
      case 9:
        s.devminor = r.i64();
        break;
      case 10: {
        const e = new Reader(r.bytes());
        let k = "";
        let v: Uint8Array = new Uint8Array();
        while (!e.done) {
          const t = Number(e.varint());
          if (t >>> 3 === 1 && (t & 7) === 2) k = fromUtf8.decode(e.bytes());
          else if (t >>> 3 === 2 && (t & 7) === 2) v = new Uint8Array(e.bytes());
          else e.skip(t & 7);
        }
        s.xattrs.set(k, v);
        break;
      }
      default:
        r.skip(wire);
    }
  }
  return s;
}

/** Decodes a Packet. `data` is a view into `buf` (copy it to keep it past the buffer's life). */
export function decodePacket(buf: Uint8Array): Packet {
  const r = new Reader(buf);
  const p: Packet = { type: PacketType.STAT, id: 0, data: new Uint8Array() };
  while (!r.done) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 && wire === 0) {
      const t = r.u32();
      if (t > 4) throw new PacketDecodeError(`unknown packet type ${t}`);
      p.type = t as PacketType;
    } else if (field === 2 && wire === 2) p.stat = readStat(r.bytes());
    else if (field === 3 && wire === 0) p.id = r.u32();
    else if (field === 4 && wire === 2) p.data = r.bytes();
    else r.skip(wire);
  }
  return p;
}
