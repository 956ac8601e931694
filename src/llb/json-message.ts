// Turns JSON (any era of `buildctl debug dump-llb`, or protobuf JSON) into LLB messages, driven by
// the generated descriptor table. Keys match case-insensitively, by proto name or protojson name, as
// Go's encoding/json and protojson both accept.
import { enumDescriptors, messageDescriptors, type FieldDescriptor, type MessageDescriptor } from "./gen/ops_pb";
import { isJsonObject, type JsonObject, type JsonValue } from "./json-value";

/** A JSON value that does not fit the LLB schema; `path` is where, e.g. `Op.exec.mounts[2].dest`. */
export class JsonShapeError extends Error {
  override readonly name = "JsonShapeError";
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export function isJsonShapeError(e: unknown): e is JsonShapeError {
  return e instanceof Error && e.name === "JsonShapeError";
}

interface FieldIndex {
  byKey: Map<string, FieldDescriptor>;
  /** Go wrapper struct names of oneofs as dump-llb prints them: Op → "op", FileAction → "action", UserOpt → "user". */
  oneofWrappers: Map<string, string>;
}

const indexCache = new Map<string, FieldIndex>();

function fieldIndex(d: MessageDescriptor): FieldIndex {
  let idx = indexCache.get(d.name);
  if (idx) return idx;
  const byKey = new Map<string, FieldDescriptor>();
  for (const f of d.fields) {
    byKey.set(f.name.toLowerCase(), f);
    byKey.set(f.jsonName.toLowerCase(), f);
  }
  const oneofWrappers = new Map<string, string>();
  for (const o of d.oneofs) oneofWrappers.set(o.toLowerCase(), o);
  idx = { byKey, oneofWrappers };
  indexCache.set(d.name, idx);
  return idx;
}

/** Notes about JSON that was accepted but not fully understood (unknown keys). */
export interface JsonReadNotes {
  unknownKeys: string[];
}

export function messageFromJson<T>(typeName: string, v: JsonValue, path: string, notes?: JsonReadNotes): T {
  const d = messageDescriptors[typeName];
  if (!d) throw new JsonShapeError(`no message type ${typeName}`, path);
  if (v === null) return {} as T;
  if (!isJsonObject(v)) throw new JsonShapeError(`expected an object for pb.${typeName}, got ${describe(v)}`, path);
  return readMessage(d, v, path, notes) as T;
}

type Msg = { [key: string]: unknown };

function readMessage(d: MessageDescriptor, o: JsonObject, path: string, notes?: JsonReadNotes): Msg {
  const idx = fieldIndex(d);
  const m: Msg = {};
  for (const key of Object.keys(o)) {
    const value = o[key]!;
    const lower = key.toLowerCase();
    const f = idx.byKey.get(lower);
    const p = `${path}.${key}`;
    if (f) {
      if (f.oneof) {
        if (value === null) continue;
        m[f.oneof] = { case: f.name, value: readField(f, value, p, notes) };
      } else {
        const r = readField(f, value, p, notes);
        if (r !== undefined) m[f.name] = r;
      }
      continue;
    }
    const oneof = idx.oneofWrappers.get(lower);
    if (oneof !== undefined) {
      readOneofWrapper(d, oneof, value, p, m, notes);
      continue;
    }
    notes?.unknownKeys.push(p);
  }
  return m;
}

// dump-llb wraps oneofs: {"Op":{"exec":{…}}}, {"Action":{"copy":{…}}}, {"User":{"byId":0}}.
function readOneofWrapper(d: MessageDescriptor, oneof: string, value: JsonValue, path: string, m: Msg, notes?: JsonReadNotes): void {
  if (value === null) return;
  if (!isJsonObject(value)) throw new JsonShapeError(`expected an object, got ${describe(value)}`, path);
  const members = d.fields.filter((f) => f.oneof === oneof);
  const keys = Object.keys(value).filter((k) => value[k] !== null);
  if (keys.length > 1) throw new JsonShapeError(`more than one member of oneof ${oneof}: ${keys.join(", ")}`, path);
  const key = keys[0];
  if (key === undefined) {
    // An empty UserOpt wrapper is uid/gid 0: byID is omitted when zero.
    const byId = members.find((f) => f.kind === "uint32");
    if (byId && d.name === "UserOpt") m[oneof] = { case: byId.name, value: 0 };
    return;
  }
  const f = members.find((x) => x.name.toLowerCase() === key.toLowerCase());
  if (!f) {
    notes?.unknownKeys.push(`${path}.${key}`);
    return;
  }
  m[oneof] = { case: f.name, value: readField(f, value[key]!, `${path}.${key}`, notes) };
}

function readField(f: FieldDescriptor, v: JsonValue, path: string, notes?: JsonReadNotes): unknown {
  if (f.map) {
    if (v === null) return undefined;
    if (!isJsonObject(v)) throw new JsonShapeError(`expected an object (map), got ${describe(v)}`, path);
    const out: { [key: string]: unknown } = Object.create(null) as { [key: string]: unknown };
    for (const k of Object.keys(v)) out[k] = readScalarOrMessage(f, v[k]!, `${path}.${k}`, notes);
    return out;
  }
  if (f.repeated) {
    if (v === null) return undefined;
    if (!Array.isArray(v)) throw new JsonShapeError(`expected an array, got ${describe(v)}`, path);
    return v.map((x, i) => readScalarOrMessage(f, x, `${path}[${i}]`, notes));
  }
  return readScalarOrMessage(f, v, path, notes);
}

function readScalarOrMessage(f: FieldDescriptor, v: JsonValue, path: string, notes?: JsonReadNotes): unknown {
  switch (f.kind) {
    case "message": {
      if (v === null) return f.repeated || f.map ? {} : undefined;
      const d = messageDescriptors[f.type!]!;
      if (!isJsonObject(v)) throw new JsonShapeError(`expected an object for pb.${d.name}, got ${describe(v)}`, path);
      return readMessage(d, v, path, notes);
    }
    case "string":
      if (typeof v !== "string") throw new JsonShapeError(`expected a string, got ${describe(v)}`, path);
      return v;
    case "bytes":
      if (typeof v !== "string") throw new JsonShapeError(`expected base64 text, got ${describe(v)}`, path);
      return decodeBase64(v, path);
    case "bool":
      if (typeof v !== "boolean") throw new JsonShapeError(`expected true or false, got ${describe(v)}`, path);
      return v;
    case "enum": {
      if (typeof v === "string" && !/^-?\d+$/.test(v)) {
        const values = enumDescriptors[f.type!]!;
        const n = values[v];
        if (n === undefined) throw new JsonShapeError(`unknown ${f.type} value ${JSON.stringify(v)}`, path);
        return n;
      }
      return toInt(v, path, -0x80000000, 0x7fffffff);
    }
    case "int32":
      return toInt(v, path, -0x80000000, 0x7fffffff);
    case "uint32":
      return toInt(v, path, 0, 0xffffffff);
    case "index":
      return toInt(v, path, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    case "int64":
      return toBigInt(v, path, -(2n ** 63n), 2n ** 63n - 1n);
    case "uint64":
      return toBigInt(v, path, 0n, 2n ** 64n - 1n);
  }
}

function toInt(v: JsonValue, path: string, min: number, max: number): number {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "bigint") n = Number(v);
  else if (typeof v === "string" && /^-?\d+$/.test(v)) n = Number(v);
  else throw new JsonShapeError(`expected an integer, got ${describe(v)}`, path);
  if (!Number.isInteger(n)) throw new JsonShapeError(`expected an integer, got ${n}`, path);
  if (n < min || n > max) throw new JsonShapeError(`integer ${n} out of range`, path);
  return n;
}

function toBigInt(v: JsonValue, path: string, min: bigint, max: bigint): bigint {
  let n: bigint;
  if (typeof v === "bigint") n = v;
  else if (typeof v === "number" && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === "string" && /^-?\d+$/.test(v)) n = BigInt(v);
  else throw new JsonShapeError(`expected an integer, got ${describe(v)}`, path);
  if (n < min || n > max) throw new JsonShapeError(`integer ${n} out of range`, path);
  return n;
}

function describe(v: JsonValue): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return `${typeof v} ${String(v)}`;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX["-".charCodeAt(0)] = 62; // URL-safe alphabet, which protojson also accepts
B64_INDEX["_".charCodeAt(0)] = 63;

/** Standard or URL-safe base64, padding optional. */
export function decodeBase64(s: string, path = "base64"): Uint8Array {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  if (s.length - end > 2 || end % 4 === 1) throw new JsonShapeError("invalid base64 length", path);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) throw new JsonShapeError(`invalid base64 character ${JSON.stringify(s[i])} at position ${i}`, path);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function encodeBase64(b: Uint8Array): string {
  let s = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < b.length ? B64[(n >> 6) & 63]! : "=") + "=";
  }
  return s;
}
