// `llbx dump` of a binary Definition printed straight from the wire bytes: one pass over each op
// writing dump-llb JSON (or --dot) into one byte buffer, with no decoded objects in between. This is
// the CLI's hot path (big graphs are expected to dump about as fast as `buildctl debug dump-llb`),
// so it is small, hand-written and loads nothing but node:crypto for the digests.
//
// It prints only what it is sure of: anything unusual (unknown or repeated fields, fields out of
// order, a map not sorted, invalid UTF-8, repeated ops, nested Definitions, long varints, malformed
// bytes) makes it give up, and the caller runs the full path (src/llb's dumpBinaryDefinition and
// readOpList), which prints the same bytes for all it accepts and words every error. So every
// accepted input must be one the full path accepts, printed byte for byte as it prints it; the
// generated writers in src/llb/gen/ops_pb.ts are the reference for each message's JSON shape.
import { hash } from "node:crypto";

/** Thrown (never escapes this module) when the input is not one the fast path prints. */
const GIVE_UP = { giveUp: true };

function giveUp(): never {
  throw GIVE_UP;
}

// ---- state of one dump: the input and the output being written ----

// The input and the output share one buffer (input first, output after it), so that strings are
// copied into the output by copyWithin: one native call per string, no view to allocate. `b` and `o`
// are that buffer under the names of the two roles; `text` is the input as a latin1 string, which the
// regular expressions below scan for bytes that need escaping.
let b = Buffer.alloc(0);
let ip = 0;
let o = b;
let p = 0;
let text = "";

function ensure(n: number): void {
  if (p + n <= o.length) return;
  let size = o.length * 2;
  while (size < p + n) size *= 2;
  const next = Buffer.allocUnsafe(size);
  o.copy(next, 0, 0, p);
  o = next;
  b = next;
}

/** ASCII text as bytes, for the keys and punctuation copied into the output. */
function ascii(s: string): Uint8Array {
  const a = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
}

function put(a: Uint8Array): void {
  o.set(a, p);
  p += a.length;
}

// ---- wire primitives ----

/**
 * A varint as a number: exact below 2^49 (seven bytes), or the ten-byte form of a negative int64
 * whose magnitude is below 2^49. Anything else (longer positives, truncated or over-long varints)
 * gives up: the full path knows the rules for those.
 */
function varint(): number {
  const x = b[ip++]!;
  if (x < 0x80) return x;
  return varintLong(x);
}

function varintLong(first: number): number {
  let v = first & 0x7f;
  let mul = 128;
  for (let i = 1; i < 7; i++) {
    const y = b[ip++];
    if (y === undefined) giveUp();
    v += (y & 0x7f) * mul;
    if (y < 0x80) return v;
    mul *= 128;
  }
  // Ten bytes ending in 0x01: bit 63 is set. -1 (nine 0xff and 0x01) is common (timestamps, outputs).
  const start = ip - 7;
  if (b[start + 7] !== 0xff || b[start + 8] !== 0xff || b[start + 9] !== 0x01) giveUp();
  let magnitude = 0;
  mul = 1;
  for (let i = 0; i < 7; i++) {
    magnitude += (~b[start + i]! & 0x7f) * mul;
    mul *= 128;
  }
  ip = start + 10;
  return -(magnitude + 1);
}

/** A field tag (field number 0, or a tag from a ten-byte varint, gives up). */
function tag(): number {
  const t = varint();
  if (t < 8) giveUp();
  return t;
}

/** The end of a length-delimited field whose length prefix is at `ip`, within `end`. */
function delimited(end: number): number {
  const len = varint();
  const e = ip + len;
  if (len < 0 || e > end) giveUp();
  return e;
}

function wireType(t: number, want: number): void {
  if ((t & 7) !== want) giveUp();
}

// ---- JSON output ----

const HEX = ascii("0123456789abcdef");

// From lastIndex, the run of bytes Go's encoding/json writes as they are (HTML-safe: no <, >, &).
const PLAIN_RUN = /[ !#-%'-;=?-\[\]-\x7f]*/y;

/** A string field's bytes [s, e) as a quoted JSON string, as OutputBuffer.goJsonString writes it. */
function jsonString(s: number, e: number): void {
  ensure((e - s) * 6 + 2);
  o[p++] = 0x22;
  let i = s;
  for (;;) {
    PLAIN_RUN.lastIndex = i;
    PLAIN_RUN.test(text);
    let run = PLAIN_RUN.lastIndex;
    if (run > e) run = e;
    o.copyWithin(p, i, run);
    p += run - i;
    if (run === e) break;
    i = jsonEscape(b[run]!, run, s, e) + 1;
    if (i === e) break;
  }
  o[p++] = 0x22;
}

// One byte that is not plain: an escape, or a whole UTF-8 sequence. Returns the index of its last byte.
function jsonEscape(c: number, i: number, s: number, e: number): number {
  if (c >= 0x80) return utf8Sequence(c, i, s, e);
  o[p++] = 0x5c;
  if (c === 0x22 || c === 0x5c) o[p++] = c;
  else if (c === 0x0a) o[p++] = 0x6e;
  else if (c === 0x0d) o[p++] = 0x72;
  else if (c === 0x09) o[p++] = 0x74;
  else {
    o[p++] = 0x75;
    o[p++] = 0x30;
    o[p++] = 0x30;
    o[p++] = HEX[c >> 4]!;
    o[p++] = HEX[c & 15]!;
  }
  return i;
}

// Valid UTF-8 is copied as it is (the full path decodes it and writes the same bytes back), except
// U+2028 and U+2029, which Go escapes. Invalid UTF-8 (replaced by U+FFFD there) and a leading BOM
// (which TextDecoder drops) give up.
function utf8Sequence(c: number, i: number, s: number, e: number): number {
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 2;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
    else if (c === 0xef && i === s) giveUp();
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 3;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else giveUp();
  if (i + n >= e) giveUp();
  const c1 = b[i + 1]!;
  if (c1 < lo || c1 > hi) giveUp();
  for (let k = 2; k <= n; k++) {
    const ck = b[i + k]!;
    if (ck < 0x80 || ck > 0xbf) giveUp();
  }
  if (c === 0xe2 && c1 === 0x80 && (b[i + 2] === 0xa8 || b[i + 2] === 0xa9)) {
    put(b[i + 2] === 0xa8 ? U2028 : U2029);
    return i + 2;
  }
  for (let k = 0; k <= n; k++) o[p++] = b[i + k]!;
  return i + n;
}
const U2028 = ascii("\\u2028");
const U2029 = ascii("\\u2029");

/** An integer in decimal, as Go prints it. */
function decimal(v: number): void {
  if (v >= 0 && v < 10) {
    o[p++] = 0x30 + v;
    return;
  }
  if (v < 0) {
    o[p++] = 0x2d;
    v = -v;
  }
  let digits = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
  let q = p + digits;
  p = q;
  do {
    const d = v % 10;
    o[--q] = 0x30 + d;
    v = (v - d) / 10;
  } while (v > 0);
}

const BASE64 = ascii("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

/** Bytes [s, e) as a quoted standard base64 string (Go's []byte in JSON). */
function jsonBase64(s: number, e: number): void {
  ensure(Math.ceil((e - s) / 3) * 4 + 2);
  o[p++] = 0x22;
  let i = s;
  for (; i + 2 < e; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    o[p++] = BASE64[v >> 18]!;
    o[p++] = BASE64[(v >> 12) & 63]!;
    o[p++] = BASE64[(v >> 6) & 63]!;
    o[p++] = BASE64[v & 63]!;
  }
  if (i < e) {
    const v = (b[i]! << 16) | ((i + 1 < e ? b[i + 1]! : 0) << 8);
    o[p++] = BASE64[v >> 18]!;
    o[p++] = BASE64[(v >> 12) & 63]!;
    o[p++] = i + 1 < e ? BASE64[(v >> 6) & 63]! : 0x3d;
    o[p++] = 0x3d;
  }
  o[p++] = 0x22;
}

// ---- field writers: each reads one field's value at `ip` (its tag already read) ----

/** A string field: omitted when empty (omitempty). */
function stringField(t: number, key: Uint8Array, end: number): void {
  wireType(t, 2);
  const e = delimited(end);
  if (e > ip) {
    put(key);
    jsonString(ip, e);
  }
  ip = e;
}

/** Whether the next field has tag `t` (and then reads past it). */
function nextIs(t: number, end: number): boolean {
  if (ip >= end) return false;
  if (t < 0x80) {
    if (b[ip] !== t) return false;
    ip++;
    return true;
  }
  const save = ip;
  if (varint() === t) return true;
  ip = save;
  return false;
}

/** A repeated string field: this element and the ones right after it with the same tag. */
function stringList(t: number, key: Uint8Array, end: number): void {
  wireType(t, 2);
  put(key);
  for (;;) {
    const e = delimited(end);
    jsonString(ip, e);
    ip = e;
    if (nextIs(t, end)) o[p++] = 0x2c;
    else break;
  }
  o[p++] = 0x5d;
}

type FieldWriter = (t: number, end: number) => void;

/** A repeated message field, as stringList; `fields` writes each field of an element (see message). */
function messageList(t: number, key: Uint8Array, end: number, fields: FieldWriter): void {
  wireType(t, 2);
  put(key);
  for (;;) {
    message(delimited(end), fields);
    if (nextIs(t, end)) o[p++] = 0x2c;
    else break;
  }
  o[p++] = 0x5d;
}

/** messageList for messages with their own writer (`write` reads up to `end`). */
function messageListWith(t: number, key: Uint8Array, end: number, write: (end: number) => void): void {
  wireType(t, 2);
  put(key);
  for (;;) {
    write(delimited(end));
    if (nextIs(t, end)) o[p++] = 0x2c;
    else break;
  }
  o[p++] = 0x5d;
}

function messageField(t: number, key: Uint8Array, end: number, fields: FieldWriter): void {
  wireType(t, 2);
  const e = delimited(end);
  put(key);
  message(e, fields);
}

function messageFieldWith(t: number, key: Uint8Array, end: number, write: (end: number) => void): void {
  wireType(t, 2);
  const e = delimited(end);
  put(key);
  write(e);
}

function boolField(t: number, key: Uint8Array): void {
  wireType(t, 0);
  // The full path reads bools as uint32 (upper bits dropped), as Go does.
  if (varint() >>> 0 !== 0) {
    put(key);
    put(TRUE);
  }
}

/** int64 (and int64 read as an index): omitted when zero. */
function int64Field(t: number, key: Uint8Array): void {
  wireType(t, 0);
  const v = varint();
  if (v !== 0) {
    put(key);
    decimal(v);
  }
}

function int32Field(t: number, key: Uint8Array): void {
  wireType(t, 0);
  const v = varint() | 0;
  if (v !== 0) {
    put(key);
    decimal(v);
  }
}

function uint32Field(t: number, key: Uint8Array): void {
  wireType(t, 0);
  const v = varint() >>> 0;
  if (v !== 0) {
    put(key);
    decimal(v);
  }
}

function uint64Field(t: number, key: Uint8Array): void {
  wireType(t, 0);
  const v = varint();
  if (v < 0) giveUp();
  if (v !== 0) {
    put(key);
    decimal(v);
  }
}

const TRUE = ascii("true");

/**
 * Writes a message whose fields are written with a leading comma (`,"key":value`): the first comma
 * becomes `{`, or the message is `{}`. `field` handles one field (tag read) and returns its number;
 * fields must come in increasing order (each at most once, repeated ones together), which is what
 * makes the wire order the JSON order.
 */
function message(end: number, field: FieldWriter): void {
  const start = p;
  let last = 0;
  while (ip < end) {
    const t = tag();
    const f = t >>> 3;
    if (f <= last) giveUp();
    last = f;
    field(t, end);
  }
  if (ip !== end) giveUp();
  if (p === start) {
    o[p++] = 0x7b;
    o[p++] = 0x7d;
  } else {
    o[start] = 0x7b;
    o[p++] = 0x7d;
  }
}

// ---- repeated sub-messages ----

// Big graphs repeat many sub-messages byte for byte (platforms, mounts, metadata with the same caps,
// inputs of ops used twice), and a message's JSON depends on its bytes alone: the first occurrence
// is written, later ones copy its output. Keys are the message's bytes as a slice of `text` (no copy);
// one map per message type. Only while the output stays where it was written (JSON lines, not the
// checks written past the end and dropped, not --dot, which needs the notes taken while writing).
let memoOn = false;
// One map per message type, by number; new maps for each dump (clearing big maps is slow).
let memoCaches: Map<string, number>[] = [];
let memoTypes = 0;

function newMemo(): number {
  return memoTypes++;
}

function resetMemo(): void {
  memoCaches = [];
  for (let i = 0; i < memoTypes; i++) memoCaches.push(new Map());
}

/** Writes the message in [ip, end) with `write`, or copies the output of an earlier equal one. */
function memoized(type: number, end: number, write: (end: number) => void): void {
  if (!memoOn) return write(end);
  const cache = memoCaches[type]!;
  const key = text.slice(ip, end);
  const seen = cache.get(key);
  if (seen !== undefined) {
    const len = seen % 65536;
    const from = (seen - len) / 65536;
    o.copyWithin(p, from, from + len);
    p += len;
    ip = end;
    return;
  }
  const start = p;
  write(end);
  if (p - start < 65536) cache.set(key, start * 65536 + (p - start));
}

// A map field's entries as `"key":value` pairs inside `{}`, sorted by key as Go prints maps (upstream
// writes them in random order); `value` reads one entry's value (its tag read) or writes the
// default when `t` is 0. A key given twice gives up (the last one wins there).
function mapEntries(t: number, key: Uint8Array, end: number, value: (t: number, end: number) => void): void {
  wireType(t, 2);
  put(key);
  // Per entry: key start, key end, entry end.
  const entries = mapScratch;
  entries.length = 0;
  for (;;) {
    const e = delimited(end);
    if (ip >= e || b[ip] !== 0x0a) giveUp();
    ip++;
    const ke = delimited(e);
    entries.push(ip, ke, e);
    ip = e;
    if (!nextIs(t, end)) break;
  }
  const count = entries.length / 3;
  const order = mapOrder;
  order.length = 0;
  for (let i = 0; i < count; i++) {
    // Insertion sort: maps here have a handful of entries.
    const ks = entries[3 * i]!;
    const ke = entries[3 * i + 1]!;
    let j = order.length;
    while (j > 0) {
      const prev = order[j - 1]!;
      const c = compareBytes(entries[3 * prev]!, entries[3 * prev + 1]!, ks, ke);
      if (c === 0) giveUp();
      if (c < 0) break;
      order[j] = prev;
      j--;
    }
    order[j] = i;
  }
  const after = ip;
  for (let k = 0; k < count; k++) {
    if (k > 0) o[p++] = 0x2c;
    const i = order[k]!;
    const ke = entries[3 * i + 1]!;
    const e = entries[3 * i + 2]!;
    jsonString(entries[3 * i]!, ke);
    o[p++] = 0x3a;
    ip = ke;
    if (ip < e) value(tag(), e);
    else value(0, e);
    if (ip !== e) giveUp();
  }
  ip = after;
  o[p++] = 0x7d;
}
const mapScratch: number[] = [];
const mapOrder: number[] = [];

function compareBytes(as: number, ae: number, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let i = 0; i < n; i++) {
    const d = b[as + i]! - b[bs + i]!;
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}

function stringMapValue(t: number, end: number): void {
  if (t === 0) {
    o[p++] = 0x22;
    o[p++] = 0x22;
    return;
  }
  if (t !== 18) giveUp();
  const e = delimited(end);
  jsonString(ip, e);
  ip = e;
}

function boolMapValue(t: number): void {
  if (t === 0) {
    put(FALSE);
    return;
  }
  if (t !== 16) giveUp();
  put(varint() >>> 0 !== 0 ? TRUE : FALSE);
}
const FALSE = ascii("false");

// ---- what --dot needs of an op, noted while its JSON is written ----

// Only with --dot (`noting`). The arrays are reused from op to op, with their lengths kept apart
// (setting an array's length is a slow call).
let noting = false;
/** Which member of Op's oneof the op has: 0 none, else its field number (2 exec … 8 passthrough). */
let opCase = 0;
/** Ranges [start, end) of the op's input digests (-1 when absent), of exec's args. */
const inputDigests: number[] = [];
let inputDigestsLength = 0;
const args: number[] = [];
let argsLength = 0;
/** The source identifier's range (-1 when absent). */
let identifierStart = -1;
let identifierEnd = -1;
/** Per mount: input, dest start, dest end (dest -1 when absent). */
const mounts: number[] = [];
let mountsLength = 0;
/** Per file action: its case (4 copy … 8 symlink, 0 none) and two string ranges (-1 when absent). */
const actions: number[] = [];
let actionsLength = 0;

function resetOpNotes(): void {
  opCase = 0;
  inputDigestsLength = 0;
  argsLength = 0;
  identifierStart = identifierEnd = -1;
  mountsLength = 0;
  actionsLength = 0;
}

// ---- the messages (see src/llb/proto/ops.proto and the writers in src/llb/gen/ops_pb.ts) ----

// Keys and punctuation, as bytes (module constants: one object with them all would be a slow dictionary).
const K_inputsOpen = ascii('"inputs":[');
const K_inputsClose = ascii('],"Op":{');
const K_opOpen = ascii('"Op":{');
const K_exec = ascii('"exec":');
const K_source = ascii('"source":');
const K_file = ascii('"file":');
const K_merge = ascii('"merge":');
const K_diff = ascii('"diff":');
const K_passthrough = ascii('"passthrough":');
const K_platform = ascii(',"platform":');
const K_constraints = ascii(',"constraints":');
const K_digest = ascii(',"digest":');
const K_index = ascii(',"index":');
const K_Architecture = ascii(',"Architecture":');
const K_OS = ascii(',"OS":');
const K_Variant = ascii(',"Variant":');
const K_OSVersion = ascii(',"OSVersion":');
const K_OSFeatures = ascii(',"OSFeatures":[');
const K_filter = ascii(',"filter":[');
const K_meta = ascii(',"meta":');
const K_mounts = ascii(',"mounts":[');
const K_network = ascii(',"network":');
const K_security = ascii(',"security":');
const K_secretenv = ascii(',"secretenv":[');
const K_cdiDevices = ascii(',"cdiDevices":[');
const K_args = ascii(',"args":[');
const K_env = ascii(',"env":[');
const K_cwd = ascii(',"cwd":');
const K_user = ascii(',"user":');
const K_proxy_env = ascii(',"proxy_env":');
const K_extraHosts = ascii(',"extraHosts":[');
const K_hostname = ascii(',"hostname":');
const K_ulimit = ascii(',"ulimit":[');
const K_cgroupParent = ascii(',"cgroupParent":');
const K_removeMountStubsRecursive = ascii(',"removeMountStubsRecursive":');
const K_validExitCodes = ascii(',"validExitCodes":[');
const K_Host = ascii(',"Host":');
const K_IP = ascii(',"IP":');
const K_Name = ascii(',"Name":');
const K_Soft = ascii(',"Soft":');
const K_Hard = ascii(',"Hard":');
const K_ID = ascii(',"ID":');
const K_name = ascii(',"name":');
const K_optional = ascii(',"optional":');
const K_input = ascii(',"input":');
const K_selector = ascii(',"selector":');
const K_dest = ascii(',"dest":');
const K_output = ascii(',"output":');
const K_readonly = ascii(',"readonly":');
const K_mountType = ascii(',"mountType":');
const K_TmpfsOpt = ascii(',"TmpfsOpt":');
const K_cacheOpt = ascii(',"cacheOpt":');
const K_secretOpt = ascii(',"secretOpt":');
const K_SSHOpt = ascii(',"SSHOpt":');
const K_resultID = ascii(',"resultID":');
const K_contentCache = ascii(',"contentCache":');
const K_size = ascii(',"size":');
const K_sharing = ascii(',"sharing":');
const K_uid = ascii(',"uid":');
const K_gid = ascii(',"gid":');
const K_mode = ascii(',"mode":');
const K_identifier = ascii(',"identifier":');
const K_attrs = ascii(',"attrs":{');
const K_http_proxy = ascii(',"http_proxy":');
const K_https_proxy = ascii(',"https_proxy":');
const K_ftp_proxy = ascii(',"ftp_proxy":');
const K_no_proxy = ascii(',"no_proxy":');
const K_all_proxy = ascii(',"all_proxy":');
const K_actions = ascii(',"actions":[');
const K_actionInput = ascii('{"input":');
const K_secondaryInput = ascii(',"secondaryInput":');
const K_actionOutput = ascii(',"output":');
const K_action = ascii(',"Action":{');
const K_copy = ascii('"copy":');
const K_mkfile = ascii('"mkfile":');
const K_mkdir = ascii('"mkdir":');
const K_rm = ascii('"rm":');
const K_src = ascii(',"src":');
const K_owner = ascii(',"owner":');
const K_followSymlink = ascii(',"followSymlink":');
const K_dirCopyContents = ascii(',"dirCopyContents":');
const K_attemptUnpackDockerCompatibility = ascii(',"attemptUnpackDockerCompatibility":');
const K_createDestPath = ascii(',"createDestPath":');
const K_allowWildcard = ascii(',"allowWildcard":');
const K_allowEmptyWildcard = ascii(',"allowEmptyWildcard":');
const K_timestamp = ascii(',"timestamp":');
const K_include_patterns = ascii(',"include_patterns":[');
const K_exclude_patterns = ascii(',"exclude_patterns":[');
const K_alwaysReplaceExistingDestPaths = ascii(',"alwaysReplaceExistingDestPaths":');
const K_modeStr = ascii(',"modeStr":');
const K_required_paths = ascii(',"required_paths":[');
const K_path = ascii(',"path":');
const K_data = ascii(',"data":');
const K_makeParents = ascii(',"makeParents":');
const K_allowNotFound = ascii(',"allowNotFound":');
const K_group = ascii(',"group":');
const K_userByName = ascii('{"User":{"byName":');
const K_userById = ascii('{"User":{"byId":');
const K_userNone = ascii('{"User":{}}');
const K_close2 = ascii("}}");
const K_inputs = ascii(',"inputs":[');
const K_lower = ascii(',"lower":');
const K_upper = ascii(',"upper":');
const K_id = ascii(',"id":');
const K_outputs = ascii(',"outputs":[');
const K_ignore_cache = ascii(',"ignore_cache":');
const K_description = ascii(',"description":{');
const K_export_cache = ascii(',"export_cache":');
const K_caps = ascii(',"caps":{');
const K_progress_group = ascii(',"progress_group":');
const K_linux_resources = ascii(',"linux_resources":');
const K_Value = ascii(',"Value":');
const K_weak = ascii(',"weak":');
const K_memory = ascii(',"memory":');
const K_memorySwap = ascii(',"memorySwap":');
const K_cpuShares = ascii(',"cpuShares":');
const K_cpuPeriod = ascii(',"cpuPeriod":');
const K_cpuQuota = ascii(',"cpuQuota":');
const K_cpusetCpus = ascii(',"cpusetCpus":');
const K_cpusetMems = ascii(',"cpusetMems":');

// The op's oneof member and a file action's, by field number: the key to print and the writer of
// the message. (Op 5, BuildOp, is not here: the full path prints nested Definitions; file action 8,
// symlink, is handled apart.)
type MemberWriter = readonly [key: Uint8Array, writer: FieldWriter];

function byFieldNumber(entries: Record<number, MemberWriter>): readonly (MemberWriter | undefined)[] {
  const table: (MemberWriter | undefined)[] = [];
  for (const [f, w] of Object.entries(entries)) table[Number(f)] = w;
  return table;
}

const OP_MEMBERS = byFieldNumber({
  2: [K_exec, execOpField],
  3: [K_source, sourceOpField],
  4: [K_file, fileOpField],
  6: [K_merge, mergeOpField],
  7: [K_diff, diffOpField],
  8: [K_passthrough, passthroughOpField],
});
const FILE_ACTIONS = byFieldNumber({
  4: [K_copy, copyField],
  5: [K_mkfile, mkFileField],
  6: [K_mkdir, mkDirField],
  7: [K_rm, rmField],
});

/**
 * pb.Op: `{"inputs":[…],"Op":{<case>:…},"platform":…,"constraints":…}` ("Op" always there). Its fields
 * are found first: protobuf-go writes the oneof member after platform and constraints, our canonical
 * encoding before them.
 */
function writeOp(end: number): void {
  const inputs = opInputs;
  inputs.length = 0;
  let member = 0;
  let memberStart = 0;
  let memberEnd = 0;
  let platformStart = -1;
  let platformEnd = 0;
  let constraintsStart = -1;
  let constraintsEnd = 0;
  while (ip < end) {
    const t = tag();
    wireType(t, 2);
    const e = delimited(end);
    const f = t >>> 3;
    if (f === 1) inputs.push(ip, e);
    else if (f >= 2 && f <= 8 && member === 0) {
      member = f;
      memberStart = ip;
      memberEnd = e;
    } else if (f === 10 && platformStart < 0) {
      platformStart = ip;
      platformEnd = e;
    } else if (f === 11 && constraintsStart < 0) {
      constraintsStart = ip;
      constraintsEnd = e;
    } else giveUp();
    ip = e;
  }
  o[p++] = 0x7b;
  if (inputs.length > 0) {
    put(K_inputsOpen);
    for (let i = 0; i < inputs.length; i += 2) {
      if (i > 0) o[p++] = 0x2c;
      ip = inputs[i]!;
      if (noting) {
        inputDigests[inputDigestsLength++] = -1;
        inputDigests[inputDigestsLength++] = -1;
      }
      message(inputs[i + 1]!, inputField);
    }
    put(K_inputsClose);
  } else put(K_opOpen);
  if (member !== 0) {
    opCase = member;
    ip = memberStart;
    const writer = OP_MEMBERS[member];
    if (!writer) giveUp(); // BuildOp (a nested Definition): the full path
    put(writer[0]);
    message(memberEnd, writer[1]);
  }
  o[p++] = 0x7d;
  if (platformStart >= 0) {
    put(K_platform);
    ip = platformStart;
    message(platformEnd, platformField);
  }
  if (constraintsStart >= 0) {
    put(K_constraints);
    ip = constraintsStart;
    message(constraintsEnd, workerConstraintsField);
  }
  o[p++] = 0x7d;
  ip = end;
}
const opInputs: number[] = [];

function inputField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) {
    wireType(t, 2);
    const e = delimited(end);
    if (noting) {
      inputDigests[inputDigestsLength - 2] = ip;
      inputDigests[inputDigestsLength - 1] = e;
    }
    if (e > ip) {
      put(K_digest);
      jsonString(ip, e);
    }
    ip = e;
  } else if (f === 2) int64Field(t, K_index);
  else giveUp();
}

function platformField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return stringField(t, K_Architecture, end);
    case 2:
      return stringField(t, K_OS, end);
    case 3:
      return stringField(t, K_Variant, end);
    case 4:
      return stringField(t, K_OSVersion, end);
    case 5:
      return stringList(t, K_OSFeatures, end);
    default:
      giveUp();
  }
}

function workerConstraintsField(t: number, end: number): void {
  if (t >>> 3 === 1) stringList(t, K_filter, end);
  else giveUp();
}

function execOpField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return messageField(t, K_meta, end, metaField);
    case 2:
      return messageListWith(t, K_mounts, end, writeMemoMount);
    case 3:
      return int32Field(t, K_network);
    case 4:
      return int32Field(t, K_security);
    case 5:
      return messageList(t, K_secretenv, end, secretEnvField);
    case 6:
      return messageList(t, K_cdiDevices, end, cdiDeviceField);
    default:
      giveUp();
  }
}

function metaField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1: {
      // args, noted for --dot's label
      wireType(t, 2);
      put(K_args);
      for (;;) {
        const e = delimited(end);
        if (noting) {
          args[argsLength++] = ip;
          args[argsLength++] = e;
        }
        jsonString(ip, e);
        ip = e;
        if (nextIs(t, end)) o[p++] = 0x2c;
        else break;
      }
      o[p++] = 0x5d;
      return;
    }
    case 2:
      return stringList(t, K_env, end);
    case 3:
      return stringField(t, K_cwd, end);
    case 4:
      return stringField(t, K_user, end);
    case 5:
      return messageField(t, K_proxy_env, end, proxyEnvField);
    case 6:
      return messageList(t, K_extraHosts, end, hostIPField);
    case 7:
      return stringField(t, K_hostname, end);
    case 9:
      return messageList(t, K_ulimit, end, ulimitField);
    case 10:
      return stringField(t, K_cgroupParent, end);
    case 11:
      return boolField(t, K_removeMountStubsRecursive);
    case 12: {
      // Packed only (the full path also reads the unpacked form).
      wireType(t, 2);
      const e = delimited(end);
      if (e === ip) return;
      put(K_validExitCodes);
      while (ip < e) {
        decimal(varint() | 0);
        o[p++] = 0x2c;
      }
      if (ip !== e) giveUp();
      o[p - 1] = 0x5d;
      return;
    }
    default:
      giveUp();
  }
}

function hostIPField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_Host, end);
  else if (f === 2) stringField(t, K_IP, end);
  else giveUp();
}

function ulimitField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_Name, end);
  else if (f === 2) int64Field(t, K_Soft);
  else if (f === 3) int64Field(t, K_Hard);
  else giveUp();
}

function secretEnvField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_ID, end);
  else if (f === 2) stringField(t, K_name, end);
  else if (f === 3) boolField(t, K_optional);
  else giveUp();
}

function cdiDeviceField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_name, end);
  else if (f === 2) boolField(t, K_optional);
  else giveUp();
}

function proxyEnvField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return stringField(t, K_http_proxy, end);
    case 2:
      return stringField(t, K_https_proxy, end);
    case 3:
      return stringField(t, K_ftp_proxy, end);
    case 4:
      return stringField(t, K_no_proxy, end);
    case 5:
      return stringField(t, K_all_proxy, end);
    default:
      giveUp();
  }
}

const mountMemo = newMemo();
const writeMemoMount = (end: number): void => memoized(mountMemo, end, writeMount);

function writeMount(end: number): void {
  if (noting) {
    mounts[mountsLength++] = 0;
    mounts[mountsLength++] = -1;
    mounts[mountsLength++] = -1;
  }
  message(end, mountField);
}

function mountField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1: {
      wireType(t, 0);
      const v = varint();
      if (noting) mounts[mountsLength - 3] = v;
      if (v !== 0) {
        put(K_input);
        decimal(v);
      }
      return;
    }
    case 2:
      return stringField(t, K_selector, end);
    case 3: {
      wireType(t, 2);
      const e = delimited(end);
      if (noting) {
        mounts[mountsLength - 2] = ip;
        mounts[mountsLength - 1] = e;
      }
      if (e > ip) {
        put(K_dest);
        jsonString(ip, e);
      }
      ip = e;
      return;
    }
    case 4:
      return int64Field(t, K_output);
    case 5:
      return boolField(t, K_readonly);
    case 6:
      return int32Field(t, K_mountType);
    case 19:
      return messageField(t, K_TmpfsOpt, end, tmpfsOptField);
    case 20:
      return messageField(t, K_cacheOpt, end, cacheOptField);
    case 21:
      return messageField(t, K_secretOpt, end, secretOrSshOptField);
    case 22:
      return messageField(t, K_SSHOpt, end, secretOrSshOptField);
    case 23:
      return stringField(t, K_resultID, end);
    case 24:
      return int32Field(t, K_contentCache);
    default:
      giveUp();
  }
}

function tmpfsOptField(t: number): void {
  if (t >>> 3 === 1) int64Field(t, K_size);
  else giveUp();
}

function cacheOptField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_ID, end);
  else if (f === 2) int32Field(t, K_sharing);
  else giveUp();
}

// SecretOpt and SSHOpt have the same fields.
function secretOrSshOptField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return stringField(t, K_ID, end);
    case 2:
      return uint32Field(t, K_uid);
    case 3:
      return uint32Field(t, K_gid);
    case 4:
      return uint32Field(t, K_mode);
    case 5:
      return boolField(t, K_optional);
    default:
      giveUp();
  }
}

function sourceOpField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) {
    wireType(t, 2);
    const e = delimited(end);
    identifierStart = ip;
    identifierEnd = e;
    if (e > ip) {
      put(K_identifier);
      jsonString(ip, e);
    }
    ip = e;
  } else if (f === 2) mapEntries(t, K_attrs, end, stringMapValue);
  else giveUp();
}

function fileOpField(t: number, end: number): void {
  if (t >>> 3 === 2) messageListWith(t, K_actions, end, writeMemoFileAction);
  else giveUp();
}

const fileActionMemo = newMemo();
const writeMemoFileAction = (end: number): void => memoized(fileActionMemo, end, writeFileAction);

/** pb.FileAction: input, secondaryInput and output always, then `"Action":{<case>:…}`. */
function writeFileAction(end: number): void {
  let input = 0;
  let secondaryInput = 0;
  let output = 0;
  let t = ip < end ? tag() : -1;
  if (t === 8) {
    input = varint();
    t = ip < end ? tag() : -1;
  }
  if (t === 16) {
    secondaryInput = varint();
    t = ip < end ? tag() : -1;
  }
  if (t === 24) {
    output = varint();
    t = ip < end ? tag() : -1;
  }
  put(K_actionInput);
  decimal(input);
  put(K_secondaryInput);
  decimal(secondaryInput);
  put(K_actionOutput);
  decimal(output);
  put(K_action);
  const f = t >>> 3;
  const notes = actionsLength;
  if (noting) {
    actions[actionsLength++] = 0;
    for (let i = 0; i < 4; i++) actions[actionsLength++] = -1;
  }
  let kind = 0;
  if (t > 0 && f >= 4 && f <= 8) {
    wireType(t, 2);
    const e = delimited(end);
    kind = f;
    const writer = FILE_ACTIONS[f];
    if (writer) {
      put(writer[0]);
      message(e, writer[1]);
    } else {
      // Symlink: validated, noted for --dot, but dump-llb's JSON shows no "symlink" (see ops_pb.ts).
      const mark = p;
      message(e, symlinkField);
      p = mark;
    }
    t = ip < end ? tag() : -1;
  }
  if (t !== -1 || ip !== end) giveUp();
  put(K_close2);
  if (noting) actions[notes] = kind;
}

/** A string field noted as the (current) file action's `slot`-th string for --dot. */
function notedString(t: number, key: Uint8Array, end: number, slot: number): void {
  wireType(t, 2);
  const e = delimited(end);
  if (noting) {
    actions[actionsLength - 4 + slot * 2] = ip;
    actions[actionsLength - 3 + slot * 2] = e;
  }
  if (e > ip) {
    put(key);
    jsonString(ip, e);
  }
  ip = e;
}

function copyField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return notedString(t, K_src, end, 0);
    case 2:
      return notedString(t, K_dest, end, 1);
    case 3:
      return messageField(t, K_owner, end, chownField);
    case 4:
      return int32Field(t, K_mode);
    case 5:
      return boolField(t, K_followSymlink);
    case 6:
      return boolField(t, K_dirCopyContents);
    case 7:
      return boolField(t, K_attemptUnpackDockerCompatibility);
    case 8:
      return boolField(t, K_createDestPath);
    case 9:
      return boolField(t, K_allowWildcard);
    case 10:
      return boolField(t, K_allowEmptyWildcard);
    case 11:
      return int64Field(t, K_timestamp);
    case 12:
      return stringList(t, K_include_patterns, end);
    case 13:
      return stringList(t, K_exclude_patterns, end);
    case 14:
      return boolField(t, K_alwaysReplaceExistingDestPaths);
    case 15:
      return stringField(t, K_modeStr, end);
    case 16:
      return stringList(t, K_required_paths, end);
    default:
      giveUp();
  }
}

function mkFileField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return notedString(t, K_path, end, 0);
    case 2:
      return int32Field(t, K_mode);
    case 3: {
      wireType(t, 2);
      const e = delimited(end);
      if (e > ip) {
        put(K_data);
        jsonBase64(ip, e);
      }
      ip = e;
      return;
    }
    case 4:
      return messageField(t, K_owner, end, chownField);
    case 5:
      return int64Field(t, K_timestamp);
    default:
      giveUp();
  }
}

function mkDirField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return notedString(t, K_path, end, 0);
    case 2:
      return int32Field(t, K_mode);
    case 3:
      return boolField(t, K_makeParents);
    case 4:
      return messageField(t, K_owner, end, chownField);
    case 5:
      return int64Field(t, K_timestamp);
    default:
      giveUp();
  }
}

function rmField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return notedString(t, K_path, end, 0);
    case 2:
      return boolField(t, K_allowNotFound);
    case 3:
      return boolField(t, K_allowWildcard);
    default:
      giveUp();
  }
}

function symlinkField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return notedString(t, K_src, end, 0);
    case 2:
      return notedString(t, K_dest, end, 1);
    case 3:
      return messageField(t, K_owner, end, chownField);
    case 4:
      return int64Field(t, K_timestamp);
    default:
      giveUp();
  }
}

function chownField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) messageFieldWith(t, K_user, end, writeUserOpt);
  else if (f === 2) messageFieldWith(t, K_group, end, writeUserOpt);
  else giveUp();
}

/** pb.UserOpt: `{"User":{"byName":…}}`, `{"User":{"byId":N}}`, or `{"User":{}}` (also for byId 0). */
function writeUserOpt(end: number): void {
  if (ip === end) {
    put(K_userNone);
    return;
  }
  const t = tag();
  if (t === 10) {
    const e = delimited(end);
    put(K_userByName);
    message(e, namedUserOptField);
    put(K_close2);
  } else if (t === 16) {
    const v = varint() >>> 0;
    if (v === 0) put(K_userNone);
    else {
      put(K_userById);
      decimal(v);
      put(K_close2);
    }
  } else giveUp();
  if (ip !== end) giveUp();
}

function namedUserOptField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_name, end);
  else if (f === 2) int64Field(t, K_input);
  else giveUp();
}

function mergeOpField(t: number, end: number): void {
  if (t >>> 3 === 1) messageList(t, K_inputs, end, inputIndexField);
  else giveUp();
}

// MergeInput, LowerDiffInput, UpperDiffInput: one int64 `input`.
function inputIndexField(t: number): void {
  if (t >>> 3 === 1) int64Field(t, K_input);
  else giveUp();
}

function diffOpField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) messageField(t, K_lower, end, inputIndexField);
  else if (f === 2) messageField(t, K_upper, end, inputIndexField);
  else giveUp();
}

function passthroughOpField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_id, end);
  else if (f === 2) {
    wireType(t, 2);
    const e = delimited(end);
    if (e === ip) return;
    put(K_outputs);
    while (ip < e) {
      decimal(varint());
      o[p++] = 0x2c;
    }
    if (ip !== e) giveUp();
    o[p - 1] = 0x5d;
  } else giveUp();
}

function opMetadataField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return boolField(t, K_ignore_cache);
    case 2:
      return mapEntries(t, K_description, end, stringMapValue);
    case 4:
      return messageField(t, K_export_cache, end, exportCacheField);
    case 5:
      return mapEntries(t, K_caps, end, boolMapValue);
    case 6:
      return messageField(t, K_progress_group, end, progressGroupField);
    case 7:
      return messageField(t, K_linux_resources, end, linuxResourcesField);
    default:
      giveUp();
  }
}

function exportCacheField(t: number): void {
  if (t >>> 3 === 1) boolField(t, K_Value);
  else giveUp();
}

function progressGroupField(t: number, end: number): void {
  const f = t >>> 3;
  if (f === 1) stringField(t, K_id, end);
  else if (f === 2) stringField(t, K_name, end);
  else if (f === 3) boolField(t, K_weak);
  else giveUp();
}

function linuxResourcesField(t: number, end: number): void {
  switch (t >>> 3) {
    case 1:
      return int64Field(t, K_memory);
    case 2:
      return int64Field(t, K_memorySwap);
    case 3:
      return uint64Field(t, K_cpuShares);
    case 4:
      return uint64Field(t, K_cpuPeriod);
    case 5:
      return int64Field(t, K_cpuQuota);
    case 6:
      return stringField(t, K_cpusetCpus, end);
    case 7:
      return stringField(t, K_cpusetMems, end);
    default:
      giveUp();
  }
}

// ---- Definition.Source: only checked (dump-llb does not print it) ----

// Walks the source map's structure strictly; SourceInfo.definition (a nested Definition) gives up.
function checkMessage(end: number, fields: readonly number[], nested: (f: number, end: number) => void): void {
  while (ip < end) {
    const t = tag();
    const f = t >>> 3;
    const wt = fields[f];
    if (wt === undefined || (t & 7) !== wt) giveUp();
    if (wt === 0) varint();
    else nested(f, delimited(end));
  }
  if (ip !== end) giveUp();
}

const SOURCE_FIELDS = [-1, 2, 2];
const LOCATIONS_FIELDS = [-1, 2];
const LOCATION_FIELDS = [-1, 0, 2];
const RANGE_FIELDS = [-1, 2, 2];
const POSITION_FIELDS = [-1, 0, 0];
const SOURCE_INFO_FIELDS = [-1, 2, 2, 2, 2];
const DEFINITION_FIELDS = [-1, 2, 2, 2];
const MAP_ENTRY_FIELDS = [-1, 2, 2];

function skipTo(end: number): void {
  ip = end;
}

function checkSource(end: number): void {
  checkMessage(end, SOURCE_FIELDS, (f, e) => {
    if (f === 1) checkMessage(e, MAP_ENTRY_FIELDS, (g, ee) => (g === 1 ? skipTo(ee) : checkMessage(ee, LOCATIONS_FIELDS, checkLocation)));
    else checkMessage(e, SOURCE_INFO_FIELDS, (g, ee) => (g === 3 ? checkDefinition(ee) : skipTo(ee)));
  });
}

// A source file's own Definition (e.g. the build context's): its ops are not checked, its metadata is.
function checkDefinition(end: number): void {
  checkMessage(end, DEFINITION_FIELDS, (f, e) => {
    if (f === 1) skipTo(e);
    else if (f === 2) checkMessage(e, MAP_ENTRY_FIELDS, (g, ee) => (g === 1 ? skipTo(ee) : checkMetadata(ee)));
    else checkSource(e);
  });
}

/** Checks an OpMetadata by writing its JSON past the output's end and dropping it. */
function checkMetadata(end: number): void {
  const mark = p;
  ensure((end - ip) * 20 + 64);
  message(end, opMetadataField);
  p = mark;
}

function checkLocation(_f: number, end: number): void {
  checkMessage(end, LOCATION_FIELDS, (_g, e) => checkMessage(e, RANGE_FIELDS, (_h, ee) => checkMessage(ee, POSITION_FIELDS, skipTo)));
}

// ---- the Definition ----

// Buffer's native latin1 writer, what `buf.write(s, offset, "latin1")` calls once it has checked its
// arguments (by then a per-op cost). Bytes in JavaScript loops are slow here: the code runs once,
// mostly before V8 has optimized it.
interface Latin1Writer {
  latin1Write(s: string, offset: number, length: number): number;
}

/** Metadata entries: value start, value end, and 1 once printed. */
let metadataRanges: number[] = [];

const LINE_OP = ascii('{"Op":');
const LINE_DIGEST = ascii(',"Digest":"sha256:');
const LINE_METADATA = ascii('","OpMetadata":');
const LINE_END = ascii("}\n");
const EMPTY_OBJECT = ascii("{}");

/**
 * dump-llb output (JSON lines, or Graphviz with `dot`) of a binary Definition, or undefined when the
 * fast path does not handle this input (the caller then runs the full path).
 */
export function dumpFast(input: Uint8Array, dot: boolean): Uint8Array | undefined {
  try {
    return dumpDefinition(input, dot);
  } catch {
    // GIVE_UP, or a bug here, which must not cost the user the dump: the full path decides.
    return undefined;
  } finally {
    b = o = Buffer.alloc(0);
    text = "";
    metadataByKey = new Map();
    memoOn = false;
    memoCaches = [];
  }
}

function dumpDefinition(input: Uint8Array, dot: boolean): Uint8Array | undefined {
  const n = input.length;
  // The full path takes text-looking input for JSON or base64; a binary Definition starts with a
  // `def` tag and a length, and has a NUL or control byte early (see isBinaryInput in src/llb/read.ts).
  if (n === 0 || !hasControlByte(input)) return undefined;

  // Room for the input and its dump (about 1.35 times its size, plus the digests).
  b = o = Buffer.allocUnsafe(n * 3 + 65536);
  o.set(input, 0);
  text = o.toString("latin1", 0, n);
  ip = 0;
  p = n;
  // First the top level: where the ops are, the metadata entries by key, the Source checked.
  const opStarts: number[] = [];
  metadataRanges = [];
  while (ip < n) {
    const t = tag();
    if (t === 10) {
      const e = delimited(n);
      opStarts.push(ip, e);
      ip = e;
    } else if (t === 18) {
      const e = delimited(n);
      if (ip >= e || b[ip] !== 10) giveUp();
      ip++;
      const ke = delimited(e);
      const ks = ip;
      ip = ke;
      let vs = ip;
      let ve = ip;
      if (ip < e) {
        if (b[ip] !== 18) giveUp();
        ip++;
        ve = delimited(e);
        vs = ip;
        if (ve !== e) giveUp();
      }
      indexMetadata(ks, ke, metadataRanges.length);
      metadataRanges.push(vs, ve, 0);
      ip = e;
    } else if (t === 26) {
      checkSource(delimited(n));
    } else giveUp();
  }
  const count = opStarts.length / 2;
  if (count === 0) return undefined;

  ensure(count * 160);
  const digests = new Map<string, number>();
  const edges: Uint8Array[] = [];
  const outputStart = p;
  if (dot) put(DIGRAPH);
  memoOn = !dot;
  if (memoOn) resetMemo();
  for (let k = 0; k < count; k++) {
    const s = opStarts[2 * k]!;
    const e = opStarts[2 * k + 1]!;
    const digest = hash("sha256", input.subarray(s, e), "hex");
    // A repeated op gets a note on stderr from the full path.
    if (digests.has(digest)) giveUp();
    digests.set(digest, k);
    ensure((e - s) * 20 + 1024);
    const lineStart = p;
    if (!dot) put(LINE_OP);
    resetOpNotes();
    ip = s;
    writeOp(e);
    if (dot) {
      p = lineStart;
      writeDotNode(digest);
      edges.push(dotEdges(digest));
      continue;
    }
    put(LINE_DIGEST);
    p += (o as unknown as Latin1Writer).latin1Write(digest, p, 64);
    put(LINE_METADATA);
    const md = metadataFor(digest);
    if (md === undefined || metadataRanges[md]! === metadataRanges[md + 1]!) put(EMPTY_OBJECT);
    else writeMetadata(md);
    if (md !== undefined) metadataRanges[md + 2] = 1;
    put(LINE_END);
  }
  memoOn = false;
  // Entries printed with no op (or replaced by a later one) are still decoded by the full path.
  for (let m = 0; m < metadataRanges.length; m += 3) {
    if (metadataRanges[m + 2] === 1) continue;
    ip = metadataRanges[m]!;
    checkMetadata(metadataRanges[m + 1]!);
  }
  if (dot) {
    for (const edgeLines of edges) {
      ensure(edgeLines.length);
      put(edgeLines);
    }
    ensure(2);
    put(LINE_END);
  }
  return o.subarray(outputStart, p);
}

function writeMetadata(m: number): void {
  const vs = metadataRanges[m]!;
  const ve = metadataRanges[m + 1]!;
  ensure((ve - vs) * 20 + 64);
  ip = vs;
  memoized(metadataMemo, ve, writeOpMetadata);
}
const metadataMemo = newMemo();
const writeOpMetadata = (end: number): void => message(end, opMetadataField);

// Metadata keys are op digests, `sha256:` and 64 hex digits: indexed by the digits, sliced out of
// `text` (no copy). Other keys match no op; their values are still checked.
let metadataByKey = new Map<string, number>();

function indexMetadata(ks: number, ke: number, entry: number): void {
  if (ke - ks !== 71 || text.startsWith("sha256:", ks) === false) return;
  // The same key again replaces the earlier entry, as in a Go map.
  metadataByKey.set(text.slice(ks + 7, ke), entry);
}

/** The metadata entry of the op with this digest (64 hex digits), or undefined. */
function metadataFor(digest: string): number | undefined {
  return metadataByKey.get(digest);
}

function hasControlByte(input: Uint8Array): boolean {
  const n = Math.min(input.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = input[i]!;
    if (c === 0 || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)) return true;
  }
  return false;
}

// ---- --dot ----

const DIGRAPH = ascii("digraph {\n");

function writeDotNode(digest: string): void {
  void digest;
  giveUp();
}

function dotEdges(digest: string): Uint8Array {
  void digest;
  giveUp();
}
