// AssemblyScript, compiled to WebAssembly by scripts/lib/build-dump-wasm.mjs: the printer behind
// `llbx dump` of a binary Definition. It reads the wire bytes and writes dump-llb JSON lines in one
// pass over each op, with no decoded objects in between. Why WebAssembly: the dump runs once per
// process, so JavaScript would spend it in V8's interpreter and baseline tiers (about 100 ms for
// 8,771 ops); WebAssembly runs compiled from its first instruction.
//
// It prints only what it is sure of: anything unusual (unknown or repeated fields, fields out of
// order, a map not sorted, invalid UTF-8, repeated ops, nested Definitions, malformed bytes) traps
// (`giveUp`), and the host (src/cli/dump-fast.ts) then leaves the input to the full path (src/llb's
// dumpBinaryDefinition), which prints the same bytes for all it accepts and words every error. The
// generated writers in src/llb/gen/ops_pb.ts are the reference for each message's JSON shape.
//
// Protocol with the host, all offsets into this module's memory:
//   inputAt(n)  room for an n-byte input; returns where the host copies it
//   scan()      reads the Definition's top level; returns the number of ops (0: not a binary Definition)
//   opsAt()     per op, its [start, end) as two u32: the host hashes those bytes ...
//   digestsAt() ... and writes each op's sha256 as 64 hex digits here, op after op
//   print()     writes the dump (JSON lines); returns its length
//   printDot()  or writes it as Graphviz (--dot); returns its length
//   outputAt()  where the dump is (valid after print or printDot)

// ---- memory ----

const PAGE: u32 = 65536;

/**
 * Grows memory so that [0, end) is addressable. It at least doubles: each grow is a system call and
 * a new ArrayBuffer for the host, and pages not written to cost nothing.
 */
function reserve(end: u32): void {
  const have = <u32>memory.size();
  if (end <= have * PAGE) return;
  const need = (end + PAGE - 1) / PAGE - have;
  if (memory.grow(<i32>(need > have ? need : have)) < 0 && memory.grow(<i32>need) < 0) unreachable();
}

function align16(a: u32): u32 {
  return (a + 15) & ~15;
}

// The regions, one after the other: input, op ranges, metadata entries, digests, lookup tables, output.
let input: u32 = 0;
let inputEnd: u32 = 0;
let opsTable: u32 = 0;
let opCount: u32 = 0;
/** Per metadata entry, four u32: key start, key end, value start, value end. */
let metaTable: u32 = 0;
let metaCount: u32 = 0;
let digests: u32 = 0;
/** Per op, the metadata entry printed with it (+1; 0: none). */
let opMeta: u32 = 0;
/** Per metadata entry, 1 once printed with an op. */
let metaPrinted: u32 = 0;
/** Open-addressing table of op indices (+1) by digest. */
let digestSlots: u32 = 0;
let digestMask: u32 = 0;
let output: u32 = 0;

/** The input's bytes start here; its end is padded so that reading a varint past it stays in memory. */
export function inputAt(n: u32): u32 {
  input = align16(<u32>__heap_base);
  inputEnd = input + n;
  reserve(inputEnd + 16);
  memory.fill(inputEnd, 0, 16);
  return input;
}

export function opsAt(): u32 {
  return opsTable;
}

export function digestsAt(): u32 {
  return digests;
}

export function outputAt(): u32 {
  return output;
}

function giveUp(): void {
  unreachable();
}

// ---- wire primitives ----

/** The read position in the input. */
let ip: u32 = 0;

/** A varint of up to ten bytes (a tenth byte above 1, or an eleventh byte, gives up). */
function varint(): u64 {
  const x = <u64>load<u8>(ip++);
  if (x < 0x80) return x;
  let v: u64 = x & 0x7f;
  let shift: u64 = 7;
  for (let i = 1; i < 10; i++) {
    const y = <u64>load<u8>(ip++);
    v |= (y & 0x7f) << shift;
    if (y < 0x80) {
      if (i == 9 && y > 1) giveUp();
      return v;
    }
    shift += 7;
  }
  giveUp();
  return 0;
}

/** A field tag (field number 0, or a tag beyond 32 bits, gives up). */
function tag(): u32 {
  const t = varint();
  if (t < 8 || t > 0xffffffff) giveUp();
  return <u32>t;
}

/** The end of a length-delimited field whose length prefix is at `ip`, within `end`. */
function delimited(end: u32): u32 {
  const len = varint();
  if (ip > end || len > <u64>(end - ip)) giveUp();
  return ip + <u32>len;
}

function wireType(t: u32, want: u32): void {
  if ((t & 7) != want) giveUp();
}

// ---- JSON output ----

/** The write position in the output. */
let p: u32 = 0;

/** Room for n more output bytes. */
function ensure(n: u32): void {
  reserve(p + n + 64);
}

/**
 * ASCII text (keys, punctuation) into the output: AssemblyScript's strings are UTF-16, narrowed here
 * sixteen characters at a time. It reads up to 31 bytes past the string (static data, then the
 * input) and writes up to 15 past the text (scratch: `reserve` keeps 64 bytes beyond any `ensure`).
 */
function put(s: string): void {
  const from = changetype<usize>(s);
  const n = <u32>s.length;
  const q = p;
  for (let i: u32 = 0; i < n; i += 16) {
    const chars = from + (i << 1);
    v128.store(q + i, i8x16.narrow_i16x8_u(v128.load(chars), v128.load(chars + 16)));
  }
  p = q + n;
}

function byte(c: u32): void {
  store<u8>(p++, c);
}

const HEX = "0123456789abcdef";

function hexDigit(v: u32): u32 {
  return load<u16>(changetype<usize>(HEX) + (v << 1));
}

/**
 * The lanes of 16 bytes that Go's encoding/json does not write as they are (controls, `"`, `\`, the
 * HTML-unsafe <, > and &, and bytes of UTF-8 sequences), as a bit mask.
 */
function notPlain(x: v128): i32 {
  const special = v128.or(
    v128.or(i8x16.lt_u(x, i8x16.splat(0x20)), i8x16.gt_u(x, i8x16.splat(0x7f))),
    v128.or(
      v128.or(i8x16.eq(x, i8x16.splat(0x22)), i8x16.eq(x, i8x16.splat(0x5c))),
      v128.or(v128.or(i8x16.eq(x, i8x16.splat(0x3c)), i8x16.eq(x, i8x16.splat(0x3e))), i8x16.eq(x, i8x16.splat(0x26))),
    ),
  );
  return i8x16.bitmask(special);
}

/**
 * Copies the bytes from i on that the text's quoting writes as they are (`json`: Go's encoding/json,
 * see notPlain; else strconv.Quote, see notGoPrintable), up to e or the first byte it does not;
 * returns that byte's index. Sixteen bytes at a time (most strings are plain: digests, paths), all
 * sixteen copied, then the position moved past the plain ones. The last step reads past the string
 * (the input is padded, see `inputAt`) and writes past the text (scratch, see `ensure`); lanes past
 * the end count as not plain. Inlined, so that each caller's `json` is a constant.
 */
@inline
function copyPlain(i: u32, e: u32, json: bool): u32 {
  let q = p;
  while (i < e) {
    const x = v128.load(i);
    v128.store(q, x);
    const left = e - i;
    const mask = (json ? notPlain(x) : notGoPrintable(x)) | (left < 16 ? 0xffff << left : 0);
    if (mask != 0) {
      const plain = <u32>ctz(mask);
      q += plain;
      i += plain;
      break;
    }
    q += 16;
    i += 16;
  }
  p = q;
  return i;
}

/** A string field's bytes [s, e) as a quoted JSON string, as OutputBuffer.goJsonString writes it. */
function jsonString(s: u32, e: u32): void {
  ensure((e - s) * 6 + 18);
  byte(0x22);
  let i = copyPlain(s, e, true);
  while (i < e) {
    i = jsonEscape(<u32>load<u8>(i), i, s, e) + 1;
    i = copyPlain(i, e, true);
  }
  byte(0x22);
}

// One byte that is not plain: an escape, or a whole UTF-8 sequence. Returns the index of its last byte.
function jsonEscape(c: u32, i: u32, s: u32, e: u32): u32 {
  if (c >= 0x80) return utf8Sequence(c, i, s, e);
  byte(0x5c);
  if (c == 0x22 || c == 0x5c) byte(c);
  else if (c == 0x0a) byte(0x6e);
  else if (c == 0x0d) byte(0x72);
  else if (c == 0x09) byte(0x74);
  else {
    byte(0x75);
    byte(0x30);
    byte(0x30);
    byte(hexDigit(c >> 4));
    byte(hexDigit(c & 15));
  }
  return i;
}

// Valid UTF-8 is copied as it is (the full path decodes it and writes the same bytes back), except
// U+2028 and U+2029, which Go escapes. Invalid UTF-8 (replaced by U+FFFD there) and a leading BOM
// (which TextDecoder drops) give up.
function utf8Sequence(c: u32, i: u32, s: u32, e: u32): u32 {
  let n: u32 = 0;
  let lo: u32 = 0x80;
  let hi: u32 = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 2;
    if (c == 0xe0) lo = 0xa0;
    else if (c == 0xed) hi = 0x9f;
    else if (c == 0xef && i == s) giveUp();
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 3;
    if (c == 0xf0) lo = 0x90;
    else if (c == 0xf4) hi = 0x8f;
  } else giveUp();
  if (i + n >= e) giveUp();
  const c1 = <u32>load<u8>(i + 1);
  if (c1 < lo || c1 > hi) giveUp();
  for (let k: u32 = 2; k <= n; k++) {
    const ck = <u32>load<u8>(i + k);
    if (ck < 0x80 || ck > 0xbf) giveUp();
  }
  if (c == 0xe2 && c1 == 0x80) {
    const c2 = <u32>load<u8>(i + 2);
    if (c2 == 0xa8 || c2 == 0xa9) {
      put(c2 == 0xa8 ? "\\u2028" : "\\u2029");
      return i + 2;
    }
  }
  for (let k: u32 = 0; k <= n; k++) byte(load<u8>(i + k));
  return i + n;
}

/** An unsigned integer in decimal. */
function unsignedDecimal(v: u64): void {
  let digits: u32 = 1;
  for (let x = v; x >= 10; x /= 10) digits++;
  let q = p + digits;
  p = q;
  do {
    byte0(--q, <u32>(v % 10));
    v /= 10;
  } while (v > 0);
}

function byte0(at: u32, digit: u32): void {
  store<u8>(at, 0x30 + digit);
}

/** A signed integer in decimal, as Go prints it. */
function decimal(v: i64): void {
  if (v < 0) {
    byte(0x2d);
    unsignedDecimal(<u64>0 - <u64>v);
  } else unsignedDecimal(<u64>v);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64Digit(v: u32): u32 {
  return load<u16>(changetype<usize>(BASE64) + ((v & 63) << 1));
}

/** Bytes [s, e) as a quoted standard base64 string (Go's []byte in JSON). */
function jsonBase64(s: u32, e: u32): void {
  ensure(((e - s) / 3 + 1) * 4 + 2);
  byte(0x22);
  let i = s;
  for (; i + 2 < e; i += 3) {
    const v = (<u32>load<u8>(i) << 16) | (<u32>load<u8>(i + 1) << 8) | <u32>load<u8>(i + 2);
    byte(base64Digit(v >> 18));
    byte(base64Digit(v >> 12));
    byte(base64Digit(v >> 6));
    byte(base64Digit(v));
  }
  if (i < e) {
    const two = i + 1 < e;
    const v = (<u32>load<u8>(i) << 16) | ((two ? <u32>load<u8>(i + 1) : 0) << 8);
    byte(base64Digit(v >> 18));
    byte(base64Digit(v >> 12));
    byte(two ? base64Digit(v >> 6) : 0x3d);
    byte(0x3d);
  }
  byte(0x22);
}

// ---- field writers: each reads one field's value at `ip` (its tag already read) ----

/** A string field: omitted when empty (omitempty). */
function stringField(t: u32, key: string, end: u32): void {
  wireType(t, 2);
  const e = delimited(end);
  if (e > ip) {
    put(key);
    jsonString(ip, e);
  }
  ip = e;
}

/** Whether the next field has tag `t` (and then reads past it). */
function nextIs(t: u32, end: u32): bool {
  if (ip >= end) return false;
  if (t < 0x80) {
    if (<u32>load<u8>(ip) != t) return false;
    ip++;
    return true;
  }
  const save = ip;
  if (varint() == <u64>t) return true;
  ip = save;
  return false;
}

/** A repeated string field: this element and the ones right after it with the same tag. */
function stringList(t: u32, key: string, end: u32): void {
  wireType(t, 2);
  put(key);
  for (;;) {
    const e = delimited(end);
    jsonString(ip, e);
    ip = e;
    if (nextIs(t, end)) byte(0x2c);
    else break;
  }
  byte(0x5d);
}

type FieldWriter = (t: u32, end: u32) => void;
type MessageWriter = (end: u32) => void;

/** A repeated message field, as stringList; `fields` writes each field of an element (see message). */
function messageList(t: u32, key: string, end: u32, fields: FieldWriter): void {
  wireType(t, 2);
  put(key);
  for (;;) {
    message(delimited(end), fields);
    if (nextIs(t, end)) byte(0x2c);
    else break;
  }
  byte(0x5d);
}

/** messageList for messages with their own writer (`write` reads up to its `end`). */
function messageListWith(t: u32, key: string, end: u32, write: MessageWriter): void {
  wireType(t, 2);
  put(key);
  for (;;) {
    write(delimited(end));
    if (nextIs(t, end)) byte(0x2c);
    else break;
  }
  byte(0x5d);
}

function messageField(t: u32, key: string, end: u32, fields: FieldWriter): void {
  wireType(t, 2);
  const e = delimited(end);
  put(key);
  message(e, fields);
}

function messageFieldWith(t: u32, key: string, end: u32, write: MessageWriter): void {
  wireType(t, 2);
  const e = delimited(end);
  put(key);
  write(e);
}

function boolField(t: u32, key: string): void {
  wireType(t, 0);
  // The full path reads bools as uint32 (upper bits dropped), as Go does.
  if (<u32>varint() != 0) {
    put(key);
    put("true");
  }
}

/** int64: omitted when zero. */
function int64Field(t: u32, key: string): void {
  wireType(t, 0);
  const v = <i64>varint();
  if (v != 0) {
    put(key);
    decimal(v);
  }
}

/** An int64 the full path reads as an index: a number there, so beyond 2^53 it is an error. */
function indexField(t: u32, key: string): void {
  wireType(t, 0);
  const v = indexValue();
  if (v != 0) {
    put(key);
    decimal(v);
  }
}

const MAX_SAFE: i64 = 9007199254740991;

function indexValue(): i64 {
  const v = <i64>varint();
  if (v > MAX_SAFE || v < -MAX_SAFE) giveUp();
  return v;
}

function int32Field(t: u32, key: string): void {
  wireType(t, 0);
  const v = <i32>varint();
  if (v != 0) {
    put(key);
    decimal(<i64>v);
  }
}

function uint32Field(t: u32, key: string): void {
  wireType(t, 0);
  const v = <u32>varint();
  if (v != 0) {
    put(key);
    unsignedDecimal(<u64>v);
  }
}

function uint64Field(t: u32, key: string): void {
  wireType(t, 0);
  const v = varint();
  if (v != 0) {
    put(key);
    unsignedDecimal(v);
  }
}

/**
 * Writes a message whose fields are written with a leading comma (`,"key":value`): the first comma
 * becomes `{`, or the message is `{}`. `field` handles one field (tag read); fields must come in
 * increasing order (each at most once, repeated ones together), which makes the wire order the JSON order.
 */
function message(end: u32, field: FieldWriter): void {
  const start = p;
  let last: u32 = 0;
  while (ip < end) {
    const t = tag();
    const f = t >> 3;
    if (f <= last) giveUp();
    last = f;
    field(t, end);
  }
  if (ip != end) giveUp();
  if (p == start) {
    byte(0x7b);
    byte(0x7d);
  } else {
    store<u8>(start, 0x7b);
    byte(0x7d);
  }
}

// ---- maps ----

// Scratch for one map's entries: key start, key end, entry end (u32 each), and the sorted order.
const MAP_MAX: u32 = 4096;
const mapEntriesScratch = memory.data(MAP_MAX * 12);
const mapOrderScratch = memory.data(MAP_MAX * 4);

function entryAt(i: u32, k: u32): u32 {
  return load<u32>(mapEntriesScratch + i * 12 + k * 4);
}

type MapValueWriter = (t: u32, end: u32) => void;

// A map field's entries as `"key":value` pairs inside `{}`, sorted by key as Go prints maps (upstream
// writes them in random order); `value` reads one entry's value (its tag read) or writes the
// default when `t` is 0. A key given twice gives up (the last one wins there).
function mapEntries(t: u32, key: string, end: u32, value: MapValueWriter): void {
  wireType(t, 2);
  put(key);
  let count: u32 = 0;
  for (;;) {
    const e = delimited(end);
    if (ip >= e || load<u8>(ip) != 0x0a) giveUp();
    ip++;
    const ke = delimited(e);
    if (count == MAP_MAX) giveUp();
    const at = mapEntriesScratch + count * 12;
    store<u32>(at, ip);
    store<u32>(at + 4, ke);
    store<u32>(at + 8, e);
    count++;
    ip = e;
    if (!nextIs(t, end)) break;
  }
  // Insertion sort: maps here have a handful of entries.
  for (let i: u32 = 0; i < count; i++) {
    const ks = entryAt(i, 0);
    const ke = entryAt(i, 1);
    let j = i;
    while (j > 0) {
      const prev = load<u32>(mapOrderScratch + (j - 1) * 4);
      const c = compareBytes(entryAt(prev, 0), entryAt(prev, 1), ks, ke);
      if (c == 0) giveUp();
      if (c < 0) break;
      store<u32>(mapOrderScratch + j * 4, prev);
      j--;
    }
    store<u32>(mapOrderScratch + j * 4, i);
  }
  const after = ip;
  ensure(count * 12);
  for (let k: u32 = 0; k < count; k++) {
    if (k > 0) byte(0x2c);
    const i = load<u32>(mapOrderScratch + k * 4);
    const ke = entryAt(i, 1);
    const e = entryAt(i, 2);
    jsonString(entryAt(i, 0), ke);
    byte(0x3a);
    ip = ke;
    if (ip < e) value(tag(), e);
    else value(0, e);
    if (ip != e) giveUp();
  }
  ip = after;
  byte(0x7d);
}

function compareBytes(as: u32, ae: u32, bs: u32, be: u32): i32 {
  const la = ae - as;
  const lb = be - bs;
  const n = la < lb ? la : lb;
  for (let i: u32 = 0; i < n; i++) {
    const d = <i32>load<u8>(as + i) - <i32>load<u8>(bs + i);
    if (d != 0) return d;
  }
  return <i32>la - <i32>lb;
}

function stringMapValue(t: u32, end: u32): void {
  if (t == 0) {
    put('""');
    return;
  }
  if (t != 18) giveUp();
  const e = delimited(end);
  jsonString(ip, e);
  ip = e;
}

function boolMapValue(t: u32, end: u32): void {
  if (t == 0) {
    put("false");
    return;
  }
  if (t != 16) giveUp();
  put(<u32>varint() != 0 ? "true" : "false");
}

// ---- the messages (see src/llb/proto/ops.proto and the writers in src/llb/gen/ops_pb.ts) ----

/**
 * pb.Op: `{"inputs":[…],"Op":{<case>:…},"platform":…,"constraints":…}` ("Op" always there). Its fields
 * are found first: protobuf-go writes the oneof member after platform and constraints, our canonical
 * encoding before them.
 */
function writeOp(end: u32): void {
  let inputs: u32 = 0;
  let firstInput: u32 = 0;
  let member: u32 = 0;
  let memberStart: u32 = 0;
  let memberEnd: u32 = 0;
  let platformStart: u32 = 0;
  let platformEnd: u32 = 0;
  let hasPlatform = false;
  let constraintsStart: u32 = 0;
  let constraintsEnd: u32 = 0;
  let hasConstraints = false;
  while (ip < end) {
    const at = ip;
    const t = tag();
    wireType(t, 2);
    const e = delimited(end);
    const f = t >> 3;
    if (f == 1) {
      if (inputs == 0) firstInput = at;
      inputs++;
    } else if (f >= 2 && f <= 8 && member == 0) {
      member = f;
      memberStart = ip;
      memberEnd = e;
    } else if (f == 10 && !hasPlatform) {
      hasPlatform = true;
      platformStart = ip;
      platformEnd = e;
    } else if (f == 11 && !hasConstraints) {
      hasConstraints = true;
      constraintsStart = ip;
      constraintsEnd = e;
    } else giveUp();
    ip = e;
  }
  byte(0x7b);
  if (inputs > 0) {
    put('"inputs":[');
    // The inputs again, from the first, skipping the other fields between them.
    ip = firstInput;
    let written: u32 = 0;
    while (written < inputs) {
      const t = tag();
      const e = delimited(end);
      if (t == 10) {
        if (written > 0) byte(0x2c);
        message(e, inputField);
        written++;
      }
      ip = e;
    }
    put('],"Op":{');
  } else put('"Op":{');
  if (member != 0) {
    ip = memberStart;
    switch (member) {
      case 2:
        oneofMember('"exec":', memberEnd, execOpField);
        break;
      case 3:
        oneofMember('"source":', memberEnd, sourceOpField);
        break;
      case 4:
        oneofMember('"file":', memberEnd, fileOpField);
        break;
      case 6:
        oneofMember('"merge":', memberEnd, mergeOpField);
        break;
      case 7:
        oneofMember('"diff":', memberEnd, diffOpField);
        break;
      case 8:
        oneofMember('"passthrough":', memberEnd, passthroughOpField);
        break;
      default:
        giveUp(); // BuildOp (a nested Definition): the full path
    }
  }
  byte(0x7d);
  if (hasPlatform) {
    put(',"platform":');
    ip = platformStart;
    message(platformEnd, platformField);
  }
  if (hasConstraints) {
    put(',"constraints":');
    ip = constraintsStart;
    message(constraintsEnd, workerConstraintsField);
  }
  byte(0x7d);
  ip = end;
}

/** A oneof member: its key, then its message up to `end`. */
function oneofMember(key: string, end: u32, fields: FieldWriter): void {
  put(key);
  message(end, fields);
}

function inputField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"digest":', end);
  else if (f == 2) indexField(t, ',"index":');
  else giveUp();
}

function platformField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"Architecture":', end);
    case 2:
      return stringField(t, ',"OS":', end);
    case 3:
      return stringField(t, ',"Variant":', end);
    case 4:
      return stringField(t, ',"OSVersion":', end);
    case 5:
      return stringList(t, ',"OSFeatures":[', end);
    default:
      giveUp();
  }
}

function workerConstraintsField(t: u32, end: u32): void {
  if (t >> 3 == 1) stringList(t, ',"filter":[', end);
  else giveUp();
}

function execOpField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return messageField(t, ',"meta":', end, metaField);
    case 2:
      return messageList(t, ',"mounts":[', end, mountField);
    case 3:
      return int32Field(t, ',"network":');
    case 4:
      return int32Field(t, ',"security":');
    case 5:
      return messageList(t, ',"secretenv":[', end, secretEnvField);
    case 6:
      return messageList(t, ',"cdiDevices":[', end, cdiDeviceField);
    default:
      giveUp();
  }
}

function metaField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringList(t, ',"args":[', end);
    case 2:
      return stringList(t, ',"env":[', end);
    case 3:
      return stringField(t, ',"cwd":', end);
    case 4:
      return stringField(t, ',"user":', end);
    case 5:
      return messageField(t, ',"proxy_env":', end, proxyEnvField);
    case 6:
      return messageList(t, ',"extraHosts":[', end, hostIPField);
    case 7:
      return stringField(t, ',"hostname":', end);
    case 9:
      return messageList(t, ',"ulimit":[', end, ulimitField);
    case 10:
      return stringField(t, ',"cgroupParent":', end);
    case 11:
      return boolField(t, ',"removeMountStubsRecursive":');
    case 12: {
      // Packed only (the full path also reads the unpacked form).
      wireType(t, 2);
      const e = delimited(end);
      if (e == ip) return;
      put(',"validExitCodes":[');
      ensure((e - ip) * 12);
      while (ip < e) {
        decimal(<i64>(<i32>varint()));
        byte(0x2c);
      }
      if (ip != e) giveUp();
      store<u8>(p - 1, 0x5d);
      return;
    }
    default:
      giveUp();
  }
}

function hostIPField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"Host":', end);
  else if (f == 2) stringField(t, ',"IP":', end);
  else giveUp();
}

function ulimitField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"Name":', end);
  else if (f == 2) int64Field(t, ',"Soft":');
  else if (f == 3) int64Field(t, ',"Hard":');
  else giveUp();
}

function secretEnvField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"ID":', end);
  else if (f == 2) stringField(t, ',"name":', end);
  else if (f == 3) boolField(t, ',"optional":');
  else giveUp();
}

function cdiDeviceField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"name":', end);
  else if (f == 2) boolField(t, ',"optional":');
  else giveUp();
}

function proxyEnvField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"http_proxy":', end);
    case 2:
      return stringField(t, ',"https_proxy":', end);
    case 3:
      return stringField(t, ',"ftp_proxy":', end);
    case 4:
      return stringField(t, ',"no_proxy":', end);
    case 5:
      return stringField(t, ',"all_proxy":', end);
    default:
      giveUp();
  }
}

function mountField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return indexField(t, ',"input":');
    case 2:
      return stringField(t, ',"selector":', end);
    case 3:
      return stringField(t, ',"dest":', end);
    case 4:
      return indexField(t, ',"output":');
    case 5:
      return boolField(t, ',"readonly":');
    case 6:
      return int32Field(t, ',"mountType":');
    case 19:
      return messageField(t, ',"TmpfsOpt":', end, tmpfsOptField);
    case 20:
      return messageField(t, ',"cacheOpt":', end, cacheOptField);
    case 21:
      return messageField(t, ',"secretOpt":', end, secretOrSshOptField);
    case 22:
      return messageField(t, ',"SSHOpt":', end, secretOrSshOptField);
    case 23:
      return stringField(t, ',"resultID":', end);
    case 24:
      return int32Field(t, ',"contentCache":');
    default:
      giveUp();
  }
}

function tmpfsOptField(t: u32, end: u32): void {
  if (t >> 3 == 1) int64Field(t, ',"size":');
  else giveUp();
}

function cacheOptField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"ID":', end);
  else if (f == 2) int32Field(t, ',"sharing":');
  else giveUp();
}

// SecretOpt and SSHOpt have the same fields.
function secretOrSshOptField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"ID":', end);
    case 2:
      return uint32Field(t, ',"uid":');
    case 3:
      return uint32Field(t, ',"gid":');
    case 4:
      return uint32Field(t, ',"mode":');
    case 5:
      return boolField(t, ',"optional":');
    default:
      giveUp();
  }
}

function sourceOpField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"identifier":', end);
  else if (f == 2) mapEntries(t, ',"attrs":{', end, stringMapValue);
  else giveUp();
}

function fileOpField(t: u32, end: u32): void {
  if (t >> 3 == 2) messageListWith(t, ',"actions":[', end, writeFileAction);
  else giveUp();
}

/** pb.FileAction: input, secondaryInput and output always, then `"Action":{<case>:…}`. */
function writeFileAction(end: u32): void {
  let input: i64 = 0;
  let secondaryInput: i64 = 0;
  let output: i64 = 0;
  let t: u32 = ip < end ? tag() : 0;
  if (t == 8) {
    input = indexValue();
    t = ip < end ? tag() : 0;
  }
  if (t == 16) {
    secondaryInput = indexValue();
    t = ip < end ? tag() : 0;
  }
  if (t == 24) {
    output = indexValue();
    t = ip < end ? tag() : 0;
  }
  ensure(128);
  put('{"input":');
  decimal(input);
  put(',"secondaryInput":');
  decimal(secondaryInput);
  put(',"output":');
  decimal(output);
  put(',"Action":{');
  const f = t >> 3;
  if (t != 0 && f >= 4 && f <= 8) {
    wireType(t, 2);
    const e = delimited(end);
    if (f == 4) oneofMember('"copy":', e, copyField);
    else if (f == 5) oneofMember('"mkfile":', e, mkFileField);
    else if (f == 6) oneofMember('"mkdir":', e, mkDirField);
    else if (f == 7) oneofMember('"rm":', e, rmField);
    else {
      // Symlink: validated, but dump-llb's JSON shows no "symlink" (see ops_pb.ts).
      const mark = p;
      message(e, symlinkField);
      p = mark;
    }
    t = ip < end ? tag() : 0;
  }
  if (t != 0 || ip != end) giveUp();
  put("}}");
}

function copyField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"src":', end);
    case 2:
      return stringField(t, ',"dest":', end);
    case 3:
      return messageField(t, ',"owner":', end, chownField);
    case 4:
      return int32Field(t, ',"mode":');
    case 5:
      return boolField(t, ',"followSymlink":');
    case 6:
      return boolField(t, ',"dirCopyContents":');
    case 7:
      return boolField(t, ',"attemptUnpackDockerCompatibility":');
    case 8:
      return boolField(t, ',"createDestPath":');
    case 9:
      return boolField(t, ',"allowWildcard":');
    case 10:
      return boolField(t, ',"allowEmptyWildcard":');
    case 11:
      return int64Field(t, ',"timestamp":');
    case 12:
      return stringList(t, ',"include_patterns":[', end);
    case 13:
      return stringList(t, ',"exclude_patterns":[', end);
    case 14:
      return boolField(t, ',"alwaysReplaceExistingDestPaths":');
    case 15:
      return stringField(t, ',"modeStr":', end);
    case 16:
      return stringList(t, ',"required_paths":[', end);
    default:
      giveUp();
  }
}

function mkFileField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"path":', end);
    case 2:
      return int32Field(t, ',"mode":');
    case 3: {
      wireType(t, 2);
      const e = delimited(end);
      if (e > ip) {
        put(',"data":');
        jsonBase64(ip, e);
      }
      ip = e;
      return;
    }
    case 4:
      return messageField(t, ',"owner":', end, chownField);
    case 5:
      return int64Field(t, ',"timestamp":');
    default:
      giveUp();
  }
}

function mkDirField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"path":', end);
    case 2:
      return int32Field(t, ',"mode":');
    case 3:
      return boolField(t, ',"makeParents":');
    case 4:
      return messageField(t, ',"owner":', end, chownField);
    case 5:
      return int64Field(t, ',"timestamp":');
    default:
      giveUp();
  }
}

function rmField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"path":', end);
    case 2:
      return boolField(t, ',"allowNotFound":');
    case 3:
      return boolField(t, ',"allowWildcard":');
    default:
      giveUp();
  }
}

function symlinkField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return stringField(t, ',"src":', end);
    case 2:
      return stringField(t, ',"dest":', end);
    case 3:
      return messageField(t, ',"owner":', end, chownField);
    case 4:
      return int64Field(t, ',"timestamp":');
    default:
      giveUp();
  }
}

function chownField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) messageFieldWith(t, ',"user":', end, writeUserOpt);
  else if (f == 2) messageFieldWith(t, ',"group":', end, writeUserOpt);
  else giveUp();
}

/** pb.UserOpt: `{"User":{"byName":…}}`, `{"User":{"byId":N}}`, or `{"User":{}}` (also for byId 0). */
function writeUserOpt(end: u32): void {
  ensure(64);
  if (ip == end) {
    put('{"User":{}}');
    return;
  }
  const t = tag();
  if (t == 10) {
    const e = delimited(end);
    put('{"User":{"byName":');
    message(e, namedUserOptField);
    put("}}");
  } else if (t == 16) {
    const v = <u32>varint();
    if (v == 0) put('{"User":{}}');
    else {
      put('{"User":{"byId":');
      unsignedDecimal(<u64>v);
      put("}}");
    }
  } else giveUp();
  if (ip != end) giveUp();
}

function namedUserOptField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"name":', end);
  else if (f == 2) indexField(t, ',"input":');
  else giveUp();
}

function mergeOpField(t: u32, end: u32): void {
  if (t >> 3 == 1) messageList(t, ',"inputs":[', end, inputIndexField);
  else giveUp();
}

// MergeInput, LowerDiffInput, UpperDiffInput: one int64 `input`.
function inputIndexField(t: u32, end: u32): void {
  if (t >> 3 == 1) indexField(t, ',"input":');
  else giveUp();
}

function diffOpField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) messageField(t, ',"lower":', end, inputIndexField);
  else if (f == 2) messageField(t, ',"upper":', end, inputIndexField);
  else giveUp();
}

function passthroughOpField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"id":', end);
  else if (f == 2) {
    wireType(t, 2);
    const e = delimited(end);
    if (e == ip) return;
    put(',"outputs":[');
    ensure((e - ip) * 12);
    while (ip < e) {
      decimal(indexValue());
      byte(0x2c);
    }
    if (ip != e) giveUp();
    store<u8>(p - 1, 0x5d);
  } else giveUp();
}

function opMetadataField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return boolField(t, ',"ignore_cache":');
    case 2:
      return mapEntries(t, ',"description":{', end, stringMapValue);
    case 4:
      return messageField(t, ',"export_cache":', end, exportCacheField);
    case 5:
      return mapEntries(t, ',"caps":{', end, boolMapValue);
    case 6:
      return messageField(t, ',"progress_group":', end, progressGroupField);
    case 7:
      return messageField(t, ',"linux_resources":', end, linuxResourcesField);
    default:
      giveUp();
  }
}

function exportCacheField(t: u32, end: u32): void {
  if (t >> 3 == 1) boolField(t, ',"Value":');
  else giveUp();
}

function progressGroupField(t: u32, end: u32): void {
  const f = t >> 3;
  if (f == 1) stringField(t, ',"id":', end);
  else if (f == 2) stringField(t, ',"name":', end);
  else if (f == 3) boolField(t, ',"weak":');
  else giveUp();
}

function linuxResourcesField(t: u32, end: u32): void {
  switch (t >> 3) {
    case 1:
      return int64Field(t, ',"memory":');
    case 2:
      return int64Field(t, ',"memorySwap":');
    case 3:
      return uint64Field(t, ',"cpuShares":');
    case 4:
      return uint64Field(t, ',"cpuPeriod":');
    case 5:
      return int64Field(t, ',"cpuQuota":');
    case 6:
      return stringField(t, ',"cpusetCpus":', end);
    case 7:
      return stringField(t, ',"cpusetMems":', end);
    default:
      giveUp();
  }
}

// ---- Definition.Source: only checked (dump-llb does not print it) ----

// Wire types of a message's fields by number (-1: no such field); length-delimited ones are handed
// to `nested` with their end.
type NestedChecker = (f: u32, end: u32) => void;

function checkMessage(end: u32, fields: StaticArray<i32>, nested: NestedChecker): void {
  while (ip < end) {
    const t = tag();
    const f = t >> 3;
    if (f >= <u32>fields.length) giveUp();
    const wt = unchecked(fields[f]);
    if (wt < 0 || <i32>(t & 7) != wt) giveUp();
    if (wt == 0) varint();
    else nested(f, delimited(end));
  }
  if (ip != end) giveUp();
}

const SOURCE_FIELDS: StaticArray<i32> = [-1, 2, 2];
const LOCATIONS_FIELDS: StaticArray<i32> = [-1, 2];
const LOCATION_FIELDS: StaticArray<i32> = [-1, 0, 2];
const RANGE_FIELDS: StaticArray<i32> = [-1, 2, 2];
const POSITION_FIELDS: StaticArray<i32> = [-1, 0, 0];
const SOURCE_INFO_FIELDS: StaticArray<i32> = [-1, 2, 2, 2, 2];
const DEFINITION_FIELDS: StaticArray<i32> = [-1, 2, 2, 2];
const MAP_ENTRY_FIELDS: StaticArray<i32> = [-1, 2, 2];

function skipTo(f: u32, end: u32): void {
  ip = end;
}

function checkSource(end: u32): void {
  checkMessage(end, SOURCE_FIELDS, checkSourceField);
}

function checkSourceField(f: u32, end: u32): void {
  if (f == 1) checkMessage(end, MAP_ENTRY_FIELDS, checkLocationsEntry);
  else checkMessage(end, SOURCE_INFO_FIELDS, checkSourceInfoField);
}

function checkLocationsEntry(f: u32, end: u32): void {
  if (f == 1) ip = end;
  else checkMessage(end, LOCATIONS_FIELDS, checkLocation);
}

function checkSourceInfoField(f: u32, end: u32): void {
  if (f == 3) checkDefinition(end);
  else ip = end;
}

// A source file's own Definition (e.g. the build context's): its ops are not checked, its metadata is.
function checkDefinition(end: u32): void {
  checkMessage(end, DEFINITION_FIELDS, checkDefinitionField);
}

function checkDefinitionField(f: u32, end: u32): void {
  if (f == 1) ip = end;
  else if (f == 2) checkMessage(end, MAP_ENTRY_FIELDS, checkMetadataEntry);
  else checkSource(end);
}

function checkMetadataEntry(f: u32, end: u32): void {
  if (f == 1) ip = end;
  else checkMetadata(end);
}

/** Checks an OpMetadata by writing its JSON past the output's end and dropping it. */
function checkMetadata(end: u32): void {
  const mark = p;
  ensure((end - ip) * 32 + 64);
  message(end, opMetadataField);
  p = mark;
}

function checkLocation(f: u32, end: u32): void {
  checkMessage(end, LOCATION_FIELDS, checkRange);
}

function checkRange(f: u32, end: u32): void {
  checkMessage(end, RANGE_FIELDS, checkPosition);
}

function checkPosition(f: u32, end: u32): void {
  checkMessage(end, POSITION_FIELDS, skipTo);
}

// ---- the Definition ----

/**
 * Reads the Definition's top level: the ops' ranges (opsAt), the metadata entries, the Source
 * checked. Returns the number of ops, or 0 when the input is not a binary Definition this prints.
 */
export function scan(): u32 {
  const n = inputEnd - input;
  // The full path takes text-looking input for JSON or base64; a binary Definition starts with a
  // `def` tag and a length, and has a NUL or control byte early (see isBinaryInput in src/llb/read.ts).
  if (n == 0 || !hasControlByte()) return 0;
  // Two passes: the first counts (and checks everything), the second notes where things are.
  opCount = 0;
  metaCount = 0;
  p = align16(inputEnd + 16);
  walkTopLevel(false);
  if (opCount == 0) return 0;
  opsTable = align16(inputEnd + 16);
  metaTable = align16(opsTable + opCount * 8);
  digests = align16(metaTable + metaCount * 16);
  opMeta = align16(digests + opCount * 64);
  metaPrinted = align16(opMeta + opCount * 4);
  let slots: u32 = 16;
  while (slots < opCount * 2) slots <<= 1;
  digestMask = slots - 1;
  digestSlots = align16(metaPrinted + metaCount);
  output = align16(digestSlots + slots * 4);
  reserve(output + 64);
  memory.fill(opMeta, 0, output - opMeta);
  opCount = 0;
  metaCount = 0;
  walkTopLevel(true);
  return opCount;
}

function walkTopLevel(note: bool): void {
  ip = input;
  while (ip < inputEnd) {
    const t = tag();
    if (t == 10) {
      const e = delimited(inputEnd);
      if (note) {
        store<u32>(opsTable + opCount * 8, ip);
        store<u32>(opsTable + opCount * 8 + 4, e);
      }
      opCount++;
      ip = e;
    } else if (t == 18) {
      const e = delimited(inputEnd);
      if (ip >= e || load<u8>(ip) != 10) giveUp();
      ip++;
      const ke = delimited(e);
      const ks = ip;
      ip = ke;
      let vs = ip;
      let ve = ip;
      if (ip < e) {
        if (load<u8>(ip) != 18) giveUp();
        ip++;
        ve = delimited(e);
        vs = ip;
        if (ve != e) giveUp();
      }
      if (note) {
        const at = metaTable + metaCount * 16;
        store<u32>(at, ks);
        store<u32>(at + 4, ke);
        store<u32>(at + 8, vs);
        store<u32>(at + 12, ve);
      }
      metaCount++;
      ip = e;
    } else if (t == 26) {
      const e = delimited(inputEnd);
      if (note) ip = e;
      else checkSource(e);
    } else giveUp();
  }
}

function hasControlByte(): bool {
  const n = inputEnd - input < 4096 ? inputEnd - input : 4096;
  for (let i: u32 = 0; i < n; i++) {
    const c = <u32>load<u8>(input + i);
    if (c == 0 || (c < 0x20 && c != 0x0a && c != 0x0d && c != 0x09)) return true;
  }
  return false;
}

// ---- digests: the host writes them (64 hex digits per op); ops are found by them here ----

function digestHash(at: u32): u32 {
  // Hex digits of a sha256 are as good as random: eight of them are 32 bits of hash.
  return <u32>((load<u64>(at) * 0x9e3779b97f4a7c15) >> 32);
}

function sameDigest(a: u32, b: u32): bool {
  for (let i: u32 = 0; i < 64; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  return true;
}

/** The op whose digest is the 64 bytes at `at` (+1), or 0. */
function findOp(at: u32): u32 {
  let slot = digestHash(at) & digestMask;
  let k = load<u32>(digestSlots + slot * 4);
  while (k != 0 && !sameDigest(digests + (k - 1) * 64, at)) {
    slot = (slot + 1) & digestMask;
    k = load<u32>(digestSlots + slot * 4);
  }
  return k;
}

/** Indexes the ops by digest; a repeated op gives up (it gets a note on stderr from the full path). */
function indexDigests(): void {
  for (let k: u32 = 0; k < opCount; k++) {
    const at = digests + k * 64;
    let slot = digestHash(at) & digestMask;
    for (;;) {
      const seen = load<u32>(digestSlots + slot * 4);
      if (seen == 0) {
        store<u32>(digestSlots + slot * 4, k + 1);
        break;
      }
      if (sameDigest(digests + (seen - 1) * 64, at)) giveUp();
      slot = (slot + 1) & digestMask;
    }
  }
}

/**
 * Pairs metadata entries with ops: keys are op digests (`sha256:` and 64 hex digits); the same key
 * again replaces the earlier entry, as in a Go map. Other keys match no op.
 */
function pairMetadata(): void {
  for (let m: u32 = 0; m < metaCount; m++) {
    const at = metaTable + m * 16;
    const ks = load<u32>(at);
    if (load<u32>(at + 4) - ks != 71) continue;
    // "sha256:" as bytes, little-endian: "sha2" then "56:".
    if (load<u32>(ks) != 0x32616873 || (load<u32>(ks + 3) & 0xffffff00) != 0x3a363500) continue;
    const k = findOp(ks + 7);
    if (k != 0) store<u32>(opMeta + (k - 1) * 4, m + 1);
  }
}

/** Writes the dump (JSON lines) at outputAt; returns its length. */
export function print(): u32 {
  indexDigests();
  pairMetadata();
  p = output;
  for (let k: u32 = 0; k < opCount; k++) {
    const s = load<u32>(opsTable + k * 8);
    const e = load<u32>(opsTable + k * 8 + 4);
    ensure((e - s) * 32 + 1024);
    put('{"Op":');
    ip = s;
    writeOp(e);
    put(',"Digest":"sha256:');
    memory.copy(p, digests + k * 64, 64);
    p += 64;
    put('","OpMetadata":');
    const m = load<u32>(opMeta + k * 4);
    if (m == 0) put("{}");
    else {
      const at = metaTable + (m - 1) * 16;
      const vs = load<u32>(at + 8);
      const ve = load<u32>(at + 12);
      store<u8>(metaPrinted + m - 1, 1);
      if (vs == ve) put("{}");
      else {
        ensure((ve - vs) * 32 + 64);
        ip = vs;
        message(ve, opMetadataField);
      }
    }
    put("}\n");
  }
  // Entries printed with no op (or replaced by a later one) are still decoded by the full path.
  for (let m: u32 = 0; m < metaCount; m++) {
    if (load<u8>(metaPrinted + m) != 0) continue;
    const at = metaTable + m * 16;
    ip = load<u32>(at + 8);
    checkMetadata(load<u32>(at + 12));
  }
  return p - output;
}

// ---- --dot ----

/** Writes the dump as Graphviz (`--dot`) at outputAt; returns its length. */
export function printDot(): u32 {
  indexDigests();
  p = output;
  ensure(64);
  put("digraph {\n");
  for (let k: u32 = 0; k < opCount; k++) {
    const s = load<u32>(opsTable + k * 8);
    const e = load<u32>(opsTable + k * 8 + 4);
    // The op is checked as the JSON lines check it (the full path decodes it all), then dropped.
    ensure((e - s) * 32 + 1024);
    const mark = p;
    ip = s;
    writeOp(e);
    p = mark;
    writeDotNode(k, s, e);
  }
  // dump-llb --dot prints no metadata, but the full path decodes every entry.
  for (let m: u32 = 0; m < metaCount; m++) {
    const at = metaTable + m * 16;
    ip = load<u32>(at + 8);
    checkMetadata(load<u32>(at + 12));
  }
  for (let k: u32 = 0; k < opCount; k++) writeDotEdges(k, load<u32>(opsTable + k * 8), load<u32>(opsTable + k * 8 + 4));
  ensure(8);
  put("}\n");
  return p - output;
}

/**
 * Bytes [s, e) inside a Go-quoted string (strconv.Quote, as dump-llb --dot writes labels; see goQuote
 * in src/llb/go-strings.ts): printable ASCII as it is, `"` and `\` escaped, control characters as
 * \n, \t … or \xNN. Anything beyond ASCII gives up (whether Go escapes it depends on Unicode's
 * tables of printable characters, which the full path has).
 */
function dotText(s: u32, e: u32): void {
  ensure((e - s) * 4);
  let i = copyPlain(s, e, false);
  while (i < e) {
    const c = <u32>load<u8>(i++);
    if (c >= 0x80) giveUp();
    byte(0x5c);
    if (c == 0x22 || c == 0x5c) byte(c);
    else if (c >= 7 && c <= 13) byte(load<u8>(GO_ESCAPES + c - 7));
    else {
      byte(0x78);
      byte(hexDigit(c >> 4));
      byte(hexDigit(c & 15));
    }
    i = copyPlain(i, e, false);
  }
}

/** The lanes of 16 bytes that strconv.Quote does not write as they are (all but printable ASCII other than `"` and `\`), as a bit mask. */
function notGoPrintable(x: v128): i32 {
  const special = v128.or(
    v128.or(i8x16.lt_u(x, i8x16.splat(0x20)), i8x16.gt_u(x, i8x16.splat(0x7e))),
    v128.or(i8x16.eq(x, i8x16.splat(0x22)), i8x16.eq(x, i8x16.splat(0x5c))),
  );
  return i8x16.bitmask(special);
}

/** The letters of Go's escapes for the bytes 7 to 13: \a \b \t \n \v \f \r. */
const GO_ESCAPES = memory.data<u8>([0x61, 0x62, 0x74, 0x6e, 0x76, 0x66, 0x72]);

function dotDigest(k: u32): void {
  put('"sha256:');
  memory.copy(p, digests + k * 64, 64);
  p += 64;
  byte(0x22);
}

/**
 * The [start, end) of the first field `f` (length-delimited) of the message [s, e), or start = end =
 * e when absent. The message was checked by the JSON pass: fields are well formed, each at most once.
 */
let fieldStart: u32 = 0;
let fieldEnd: u32 = 0;

function findField(s: u32, e: u32, f: u32): bool {
  ip = s;
  while (ip < e) {
    const t = tag();
    if ((t & 7) == 0) {
      varint();
      continue;
    }
    const end = delimited(e);
    if (t >> 3 == f) {
      fieldStart = ip;
      fieldEnd = end;
      return true;
    }
    ip = end;
  }
  fieldStart = fieldEnd = e;
  return false;
}

/** The op's oneof member: its field number (0: none), its message in fieldStart/fieldEnd. */
function opMember(s: u32, e: u32): u32 {
  ip = s;
  while (ip < e) {
    const t = tag();
    const end = delimited(e);
    const f = t >> 3;
    if (f >= 2 && f <= 8) {
      fieldStart = ip;
      fieldEnd = end;
      return f;
    }
    ip = end;
  }
  return 0;
}

/** `  "digest" [label="…" shape="…"];` as writeDotNode (src/llb/write.ts) writes it. */
function writeDotNode(k: u32, s: u32, e: u32): void {
  ensure(256);
  put("  ");
  dotDigest(k);
  put(' [label="');
  const member = opMember(s, e);
  const ms = fieldStart;
  const me = fieldEnd;
  let shape = "plaintext";
  if (member == 3) {
    shape = "ellipse";
    findField(ms, me, 1);
    dotText(fieldStart, fieldEnd);
  } else if (member == 2) {
    shape = "box";
    // The args of the meta, joined by spaces.
    if (findField(ms, me, 1)) dotJoined(fieldStart, fieldEnd, 1, 0x20);
  } else if (member == 4) {
    shape = "note";
    dotFileActions(ms, me);
  } else if (member == 6) {
    shape = "invtriangle";
    put("merge");
  } else if (member == 7) {
    shape = "doublecircle";
    put("diff");
  } else {
    // No op, or a passthrough: the digest is the label.
    put("sha256:");
    memory.copy(p, digests + k * 64, 64);
    p += 64;
  }
  put('" shape="');
  put(shape);
  put('"];\n');
}

/** Every field `f` of the message [s, e) (a repeated string), joined by the byte `sep`. */
function dotJoined(s: u32, e: u32, f: u32, sep: u32): void {
  let first = true;
  ip = s;
  while (ip < e) {
    const t = tag();
    if ((t & 7) == 0) {
      varint();
      continue;
    }
    const end = delimited(e);
    if (t >> 3 == f) {
      if (!first) byte(sep);
      first = false;
      dotText(ip, end);
    }
    ip = end;
  }
}

/** A file op's label: each action as `copy{src=…, dest=…}`, `mkdir{path=…}` …, joined by commas. */
function dotFileActions(s: u32, e: u32): void {
  let first = true;
  ip = s;
  while (ip < e) {
    const t = tag();
    const end = delimited(e);
    if (t >> 3 == 2) {
      if (!first) byte(0x2c);
      first = false;
      dotFileAction(ip, end);
    }
    ip = end;
  }
}

function dotFileAction(s: u32, e: u32): void {
  // The action's member: fields 4 (copy) to 8 (symlink); the indexes before it are varints.
  ip = s;
  let f: u32 = 0;
  let as: u32 = 0;
  let ae: u32 = 0;
  while (ip < e) {
    const t = tag();
    if ((t & 7) == 0) {
      varint();
      continue;
    }
    const end = delimited(e);
    if (t >> 3 >= 4 && t >> 3 <= 8) {
      f = t >> 3;
      as = ip;
      ae = end;
    }
    ip = end;
  }
  ensure(64);
  if (f == 4) dotPaths("copy{src=", ", dest=", as, ae);
  else if (f == 5) dotPaths("mkfile{path=", "", as, ae);
  else if (f == 6) dotPaths("mkdir{path=", "", as, ae);
  else if (f == 7) dotPaths("rm{path=", "", as, ae);
  else if (f == 8) dotPaths("symlink{oldpath=", ", newpath=", as, ae);
}

/** `first` field 1 [`second` field 2] `}` of the message [s, e); no `second` when it is "". */
function dotPaths(first: string, second: string, s: u32, e: u32): void {
  put(first);
  findField(s, e, 1);
  dotText(fieldStart, fieldEnd);
  if (second.length > 0) {
    ensure(16);
    put(second);
    findField(s, e, 2);
    dotText(fieldStart, fieldEnd);
  }
  ensure(2);
  byte(0x7d);
}

// Per input of the op being written: the range of its edge label (start = end: none).
const EDGE_MAX: u32 = 4096;
const edgeLabels = memory.data(EDGE_MAX * 8);

/**
 * `  "input" -> "digest" [label="…"];` per input, as writeDotEdges writes them: an exec op's edge is
 * labelled with the dest of the last mount that reads that input, unless the dest is "/".
 */
function writeDotEdges(k: u32, s: u32, e: u32): void {
  let inputs: u32 = 0;
  ip = s;
  while (ip < e) {
    const t = tag();
    const end = delimited(e);
    if (t == 10) inputs++;
    ip = end;
  }
  if (inputs == 0) return;
  if (inputs > EDGE_MAX) giveUp();
  memory.fill(edgeLabels, 0, inputs * 8);
  if (opMember(s, e) == 2) labelMountedInputs(fieldStart, fieldEnd, inputs);
  ip = s;
  let i: u32 = 0;
  while (ip < e) {
    const t = tag();
    const end = delimited(e);
    if (t == 10) {
      ensure(256);
      put('  "');
      findField(ip, end, 1);
      dotText(fieldStart, fieldEnd);
      put('" -> ');
      dotDigest(k);
      put(" [label=");
      byte(0x22);
      const ls = load<u32>(edgeLabels + i * 8);
      const le = load<u32>(edgeLabels + i * 8 + 4);
      ensure(le - ls + 8);
      dotText(ls, le);
      put('"];\n');
      i++;
    }
    ip = end;
  }
}

function labelMountedInputs(s: u32, e: u32, inputs: u32): void {
  ip = s;
  while (ip < e) {
    const t = tag();
    if ((t & 7) == 0) {
      varint();
      continue;
    }
    const end = delimited(e);
    if (t >> 3 == 2) {
      // A mount: input (field 1, 0 when absent), dest (field 3).
      let input: i64 = 0;
      let ds: u32 = 0;
      let de: u32 = 0;
      while (ip < end) {
        const mt = tag();
        if ((mt & 7) == 0) {
          const v = <i64>varint();
          if (mt >> 3 == 1) input = v;
          continue;
        }
        const fe = delimited(end);
        if (mt >> 3 == 3) {
          ds = ip;
          de = fe;
        }
        ip = fe;
      }
      const isRoot = de - ds == 1 && load<u8>(ds) == 0x2f;
      if (input >= 0 && input < <i64>inputs && !isRoot) {
        store<u32>(edgeLabels + <u32>input * 8, ds);
        store<u32>(edgeLabels + <u32>input * 8 + 4, de);
      }
    }
    ip = end;
  }
}
