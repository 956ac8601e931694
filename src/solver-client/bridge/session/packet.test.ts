import protobuf from "protobufjs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { decodePacket, emptyStat, encodePacket, PacketDecodeError, PacketType, type FileStat, type Packet } from "./packet";

const root = new protobuf.Root().loadSync(path.join(import.meta.dirname, "../../proto/fsutil.proto"), { keepCase: true });
const PacketT = root.lookupType("fsutil.types.Packet");

function stat(over: Partial<FileStat>): FileStat {
  return { ...emptyStat("a"), ...over };
}

const cases: [string, Packet][] = [
  ["end-of-listing STAT (no stat)", { type: PacketType.STAT, id: 0, data: new Uint8Array() }],
  [
    "regular file STAT",
    { type: PacketType.STAT, id: 0, data: new Uint8Array(), stat: stat({ path: "dir/file.txt", mode: 0o644, uid: 1000, gid: 1000, size: 12n, modTime: 1_700_000_000_123_456_789n }) },
  ],
  ["directory STAT (mode bit 31)", { type: PacketType.STAT, id: 0, data: new Uint8Array(), stat: stat({ path: "dir", mode: (0x80000000 | 0o755) >>> 0 }) }],
  ["symlink STAT", { type: PacketType.STAT, id: 0, data: new Uint8Array(), stat: stat({ path: "link", mode: ((1 << 27) | 0o777) >>> 0, size: 7n, linkname: "dir/file" }) }],
  ["char device STAT", { type: PacketType.STAT, id: 0, data: new Uint8Array(), stat: stat({ path: "null", mode: ((1 << 26) | (1 << 21) | 0o666) >>> 0, devmajor: 1n, devminor: 3n }) }],
  [
    "xattrs and unicode",
    { type: PacketType.STAT, id: 0, data: new Uint8Array(), stat: stat({ path: "ünï/名前", mode: 0o600, xattrs: new Map([["user.a", new Uint8Array([1, 2])], ["user.b", new Uint8Array()]]) }) },
  ],
  ["negative mtime (before 1970)", { type: PacketType.STAT, id: 0, data: new Uint8Array(), stat: stat({ path: "old", modTime: -1_000_000_000n }) }],
  ["REQ", { type: PacketType.REQ, id: 4_000_000_000, data: new Uint8Array() }],
  ["DATA chunk", { type: PacketType.DATA, id: 7, data: new Uint8Array(32 * 1024).map((_, i) => i & 0xff) }],
  ["DATA end-of-file", { type: PacketType.DATA, id: 7, data: new Uint8Array() }],
  ["FIN", { type: PacketType.FIN, id: 0, data: new Uint8Array() }],
  ["ERR", { type: PacketType.ERR, id: 0, data: new TextEncoder().encode("boom") }],
];

function viaProtobufjs(bytes: Uint8Array): Record<string, unknown> {
  return PacketT.toObject(PacketT.decode(bytes), { longs: String, bytes: Array, defaults: false, enums: Number }) as Record<string, unknown>;
}

function expectedObject(p: Packet): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (p.type) o.type = p.type;
  if (p.stat) {
    const s = p.stat;
    const st: Record<string, unknown> = {};
    if (s.path) st.path = s.path;
    if (s.mode) st.mode = s.mode;
    if (s.uid) st.uid = s.uid;
    if (s.gid) st.gid = s.gid;
    if (s.size) st.size = String(s.size);
    if (s.modTime) st.modTime = String(s.modTime);
    if (s.linkname) st.linkname = s.linkname;
    if (s.devmajor) st.devmajor = String(s.devmajor);
    if (s.devminor) st.devminor = String(s.devminor);
    if (s.xattrs.size) st.xattrs = Object.fromEntries([...s.xattrs].map(([k, v]) => [k, [...v]]));
    o.stat = st;
  }
  if (p.id) o.ID = p.id;
  if (p.data.length) o.data = [...p.data];
  return o;
}

describe("fsutil packets", () => {
  it.each(cases)("%s round-trips", (_name, p) => {
    const bytes = encodePacket(p);
    const back = decodePacket(bytes);
    expect(back.type).toBe(p.type);
    expect(back.id).toBe(p.id);
    expect([...back.data]).toEqual([...p.data]);
    expect(back.stat).toEqual(p.stat);
  });

  it.each(cases)("%s encodes as fsutil.proto says (checked with protobufjs)", (_name, p) => {
    expect(viaProtobufjs(encodePacket(p))).toEqual(expectedObject(p));
  });

  it.each(cases)("%s decodes what protobufjs encodes", (_name, p) => {
    const o = expectedObject(p);
    const bytes = PacketT.encode(PacketT.fromObject(o)).finish();
    const back = decodePacket(bytes);
    expect(back.type).toBe(p.type);
    expect(back.id).toBe(p.id);
    expect(back.stat).toEqual(p.stat);
  });

  it("encodes an empty STAT as Go does (no fields at all)", () => {
    expect([...encodePacket({ type: PacketType.STAT, id: 0, data: new Uint8Array() })]).toEqual([]);
    expect([...encodePacket({ type: PacketType.FIN, id: 0, data: new Uint8Array() })]).toEqual([0x08, 0x03]);
  });

  it("skips unknown fields and rejects truncated input", () => {
    const known = encodePacket({ type: PacketType.REQ, id: 5, data: new Uint8Array() });
    const withUnknown = new Uint8Array([...known, 0x2a, 0x02, 0x61, 0x62]); // field 5, bytes "ab"
    expect(decodePacket(withUnknown)).toMatchObject({ type: PacketType.REQ, id: 5 });
    expect(() => decodePacket(new Uint8Array([0x22, 0x05, 0x01]))).toThrow(PacketDecodeError);
    expect(() => decodePacket(new Uint8Array([0x08, 0x09]))).toThrow(/unknown packet type/);
  });
});
