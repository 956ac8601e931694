// Writes LLB messages the way `buildctl debug dump-llb` (BuildKit v0.18+) prints them: Go's
// encoding/json over the generated Go structs (proto field names, omitempty, map keys sorted,
// HTML-safe escaping), with BuildKit's own JSON shapes for Op, FileAction and UserOpt.
import { messageDescriptors, type FieldDescriptor, type MessageDescriptor, type Op, type OpMetadata } from "./gen/ops_pb";
import { encodeBase64 } from "./json-message";
import { compareUtf8 } from "./wire";

type Msg = { readonly [key: string]: unknown };

/** One dump-llb JSON line (without the newline). */
export function dumpLine(op: Op, digest: string, metadata: OpMetadata | undefined): string {
  return `{"Op":${opJson(op)},"Digest":${goString(digest)},"OpMetadata":${messageJson(messageDescriptors.OpMetadata!, (metadata ?? {}) as Msg)}}`;
}

export function opJson(op: Op): string {
  const parts: string[] = [];
  if (op.inputs && op.inputs.length > 0) parts.push(`"inputs":${repeatedMessages("Input", op.inputs as unknown as readonly Msg[])}`);
  let inner = "";
  const o = op.op;
  if (o) inner = `${goString(o.case)}:${messageJson(messageDescriptors[oneofType("Op", o.case)]!, o.value as Msg)}`;
  parts.push(`"Op":{${inner}}`);
  if (op.platform) parts.push(`"platform":${messageJson(messageDescriptors.Platform!, op.platform as Msg)}`);
  if (op.constraints) parts.push(`"constraints":${messageJson(messageDescriptors.WorkerConstraints!, op.constraints as Msg)}`);
  return `{${parts.join(",")}}`;
}

function oneofType(msg: string, member: string): string {
  return messageDescriptors[msg]!.fields.find((f) => f.name === member)!.type!;
}

function repeatedMessages(type: string, list: readonly Msg[]): string {
  const d = messageDescriptors[type]!;
  return `[${list.map((m) => messageJson(d, m)).join(",")}]`;
}

/** A message as Go's encoding/json prints the generated struct. */
export function messageJson(d: MessageDescriptor, m: Msg): string {
  if (d.name === "FileAction") return fileActionJson(m);
  if (d.name === "UserOpt") return userOptJson(m);
  if (d.name === "Op") return opJson(m as Op);
  const parts: string[] = [];
  for (const f of d.fields) {
    if (f.oneof) continue;
    const v = m[f.name];
    const s = fieldJson(f, v);
    if (s !== undefined) parts.push(`${goString(f.name)}:${s}`);
  }
  return `{${parts.join(",")}}`;
}

// jsonFileAction: the three indexes are always printed; symlink has no member there and prints as {}.
function fileActionJson(m: Msg): string {
  const a = m.action as { case: string; value: Msg } | undefined;
  let inner = "";
  if (a && a.case !== "symlink") inner = `${goString(a.case)}:${messageJson(messageDescriptors[oneofType("FileAction", a.case)]!, a.value)}`;
  return `{"input":${num(m.input)},"secondaryInput":${num(m.secondaryInput)},"output":${num(m.output)},"Action":{${inner}}}`;
}

// jsonUserOpt: {"User":{"byName":{…}}} or {"User":{"byId":N}} with byId omitted when 0.
function userOptJson(m: Msg): string {
  const u = m.user as { case: string; value: unknown } | undefined;
  if (u?.case === "byName") return `{"User":{"byName":${messageJson(messageDescriptors.NamedUserOpt!, u.value as Msg)}}}`;
  if (u?.case === "byID" && u.value) return `{"User":{"byId":${num(u.value)}}}`;
  return `{"User":{}}`;
}

function num(v: unknown): string {
  return v === undefined ? "0" : String(v);
}

function fieldJson(f: FieldDescriptor, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (f.map) {
    const o = v as { [key: string]: unknown };
    const keys = Object.keys(o).sort(compareUtf8);
    if (keys.length === 0) return undefined;
    return `{${keys.map((k) => `${goString(k)}:${scalarOrMessage(f, o[k])}`).join(",")}}`;
  }
  if (f.repeated) {
    const a = v as readonly unknown[];
    if (a.length === 0) return undefined;
    return `[${a.map((x) => scalarOrMessage(f, x)).join(",")}]`;
  }
  if (f.kind !== "message" && isZero(f, v)) return undefined;
  return scalarOrMessage(f, v);
}

function isZero(f: FieldDescriptor, v: unknown): boolean {
  switch (f.kind) {
    case "string":
      return v === "";
    case "bytes":
      return (v as Uint8Array).length === 0;
    case "bool":
      return v === false;
    case "int64":
    case "uint64":
      return v === 0n;
    default:
      return v === 0;
  }
}

function scalarOrMessage(f: FieldDescriptor, v: unknown): string {
  switch (f.kind) {
    case "message":
      return messageJson(messageDescriptors[f.type!]!, (v ?? {}) as Msg);
    case "string":
      return goString(v as string);
    case "bytes":
      return `"${encodeBase64(v as Uint8Array)}"`;
    case "bool":
      return v ? "true" : "false";
    default:
      return String(v ?? 0);
  }
}

const HEX = "0123456789abcdef";

/** A JSON string as Go's encoding/json writes it: HTML-safe (<, >, & escaped), U+2028/2029 escaped. */
const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

export function goString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c < 0x2028) continue;
    if (c >= 0x2028 && c !== 0x2028 && c !== 0x2029) {
      // Lone surrogates become U+FFFD, as Go's UTF-8 decoding of such strings would.
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      } else if (!(c >= 0xdc00 && c <= 0xdfff)) continue;
      out += s.slice(start, i) + "\ufffd";
      start = i + 1;
      continue;
    }
    out += s.slice(start, i);
    start = i + 1;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += "\\\\";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x09:
        out += "\\t";
        break;
      default:
        out += `\\u${HEX[(c >> 12) & 15]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
    }
  }
  return out + s.slice(start) + '"';
}
