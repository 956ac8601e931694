// Reads LLB in any format users have, detected from the content: a binary Definition (what
// `buildctl build` reads on stdin), base64 of it, `buildctl debug dump-llb` JSON lines of any BuildKit
// era (fragments with comments and `...` elisions included), or protobuf JSON of a whole Definition.
import { buildGraph, listOps, type DecodedOp, type GraphParts } from "./build-graph";
import { encodeOp, opDigest, type Digest } from "./codec";
import { decodeOp as decodeOpMessage, decodeOpMetadata as decodeOpMetadataMessage, decodeSource as decodeSourceMessage, type Definition, type Op, type OpMetadata, type Source } from "./gen/ops_pb";
import type { InputFormat, LlbGraph, OpList, ReadNote } from "./graph";
import { decodeBase64, isJsonShapeError, messageFromJson, type JsonReadNotes } from "./json-message";
import { isJsonObject, JsonScanner, JsonSyntaxError, lineColumn, type JsonObject, type JsonValue } from "./json-value";
import { isWireError, Reader, WireError } from "./wire";

/** Why an input could not be read. Plain data: it crosses worker boundaries. */
export interface LlbReadError {
  readonly kind: "empty" | "wire" | "json-syntax" | "json-shape" | "format" | "too-large";
  readonly message: string;
  /** Byte offset for binary input. */
  readonly offset?: number;
  /** 1-based line (and column) for text input. */
  readonly line?: number;
  readonly column?: number;
}

export type ReadResult = { ok: true; graph: LlbGraph } | { ok: false; error: LlbReadError };

export type OpListResult = { ok: true; list: OpList } | { ok: false; error: LlbReadError };

export interface ReadOptions {
  /** Refuse inputs larger than this many bytes (default 512 MiB). */
  maxBytes: number;
}

const defaultReadOptions: ReadOptions = { maxBytes: 512 * 1024 * 1024 };

export function isLlbReadError(e: unknown): e is LlbReadError {
  return typeof e === "object" && e !== null && typeof (e as LlbReadError).kind === "string" && typeof (e as LlbReadError).message === "string";
}

/** Reads LLB from bytes or text in any supported format. Never throws for bad input. */
export function readLlb(input: Uint8Array | string, options: Partial<ReadOptions> = {}): ReadResult {
  const r = readWith(input, options, buildGraph);
  return r.ok ? { ok: true, graph: r.value } : r;
}

/**
 * Reads like readLlb but stops short of the graph model: the ops in `def` order (repeats dropped, as
 * in the graph) with digests, metadata and digest checks, plus the same notes and errors. This is all
 * `dump` prints, and skipping input roles, labels and source locations matters for big graphs.
 */
export function readOpList(input: Uint8Array | string, options: Partial<ReadOptions> = {}): OpListResult {
  const r = readWith(input, options, listOps);
  return r.ok ? { ok: true, list: r.value } : r;
}

function readWith<T>(input: Uint8Array | string, options: Partial<ReadOptions>, finish: (parts: GraphParts) => T): { ok: true; value: T } | { ok: false; error: LlbReadError } {
  const opts = { ...defaultReadOptions, ...options };
  const size = typeof input === "string" ? input.length : input.length;
  if (size > opts.maxBytes) return fail({ kind: "too-large", message: `input is ${size} bytes, more than the ${opts.maxBytes}-byte limit` });
  try {
    return { ok: true, value: finish(readOrThrow(input)) };
  } catch (e) {
    if (e instanceof ReadFailure) return fail(e.error);
    if (e instanceof RangeError) return fail({ kind: "too-large", message: `input too large or too deeply nested: ${e.message}` });
    throw e;
  }
}

class ReadFailure extends Error {
  constructor(readonly error: LlbReadError) {
    super(error.message);
  }
}

function fail(error: LlbReadError): { ok: false; error: LlbReadError } {
  return { ok: false, error };
}

function readOrThrow(input: Uint8Array | string): GraphParts {
  const text = typeof input === "string" ? input : asText(input);
  if (text === undefined) return readBinary(input as Uint8Array, "binary");
  const trimmed = text.replace(/^\ufeff/, "").trimStart();
  if (trimmed === "") throw new ReadFailure({ kind: "empty", message: "the input is empty" });
  const first = trimmed[0];
  if (first === "{" || first === "/" || first === "#" || first === "." || first === "…" || first === "[") return readJsonText(text);
  if (/^[A-Za-z0-9+/=_\-\s]+$/.test(trimmed)) {
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(trimmed.replace(/\s+/g, ""));
    } catch (e) {
      throw new ReadFailure({ kind: "format", message: `looks like base64 but is not: ${(e as Error).message}` });
    }
    return readBinary(bytes, "base64");
  }
  if (typeof input === "string") throw new ReadFailure({ kind: "format", message: "text is neither dump-llb JSON, protobuf JSON nor base64 of a Definition" });
  return readBinary(input, "binary");
}

/** Whether readLlb would read these bytes as a binary Definition straight away (not as text). */
export function isBinaryInput(input: Uint8Array): boolean {
  return input.length > 0 && asText(input) === undefined;
}

// Text when it is valid UTF-8 without NUL bytes; a binary Definition almost always has both issues
// (field tags, lengths and hashes), and the fallbacks below still try binary when JSON sniffing fails.
function asText(b: Uint8Array): string | undefined {
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0 || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)) return undefined;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return undefined;
  }
}

// ---- binary ----

function readBinary(bytes: Uint8Array, format: InputFormat): GraphParts {
  if (bytes.length === 0) throw new ReadFailure({ kind: "empty", message: "the input is empty" });
  const where = format === "base64" ? " of the base64-decoded data" : "";
  // One pass over the Definition's top level: ops are decoded in place (so errors name file offsets
  // and no op bytes are copied), metadata entries and Source with the generated decoders.
  const r = new Reader(bytes);
  const ops: DecodedOp[] = [];
  const metadata: { [digest: string]: OpMetadata } = Object.create(null) as { [digest: string]: OpMetadata };
  let source: Source | undefined;
  let hasMetadata = false;
  let start = 0;
  try {
    while (r.pos < bytes.length) {
      const tagStart = r.pos;
      const tag = r.tag();
      if (tag === 10) {
        const end = r.delimited(bytes.length, "pb.Definition.def");
        start = r.pos;
        let op: Op;
        try {
          op = decodeOpMessage(r, end);
        } catch (e) {
          if (isWireError(e))
            throw new ReadFailure({ kind: "wire", message: `op ${ops.length} (bytes ${start}–${end}) is not a valid pb.Op: ${e.message}${where}`, offset: e.offset });
          throw e;
        }
        const opBytes = bytes.subarray(start, end);
        ops.push({ digest: opDigest(opBytes), op, bytes: opBytes, digestCheck: { state: "hashed" } });
      } else if (tag === 18) {
        const end = r.delimited(bytes.length, "pb.Definition.metadata");
        const entry = decodeMetadataEntry(r, end);
        metadata[entry.key] = entry.value;
        hasMetadata = true;
      } else if (tag === 26) {
        const end = r.delimited(bytes.length, "pb.Definition.Source");
        source = decodeSourceMessage(r, end);
      } else if ((tag & 7) === 2 && tag >>> 3 <= 3) {
        throw new WireError(`wrong wire type for pb.Definition field ${tag >>> 3}`, tagStart);
      } else {
        r.skip(tag & 7, tagStart, bytes.length);
      }
    }
  } catch (e) {
    if (isWireError(e)) throw new ReadFailure({ kind: "wire", message: `not a valid Definition: ${e.message}${where}`, offset: e.offset });
    throw e;
  }
  if (ops.length === 0) throw new ReadFailure({ kind: "empty", message: `the Definition${where} has no ops` });
  const parts: GraphParts = { format, ops, notes: [] };
  if (hasMetadata) parts.metadata = metadata;
  if (source) parts.source = source;
  return parts;
}

// A map<string, OpMetadata> entry: key [1], value [2].
function decodeMetadataEntry(r: Reader, end: number): { key: string; value: OpMetadata } {
  let key = "";
  let value: OpMetadata = {};
  while (r.pos < end) {
    const ts = r.pos;
    const t = r.tag();
    if (t === 10) key = r.string(end, "pb.Definition.metadata key");
    else if (t === 18) value = decodeOpMetadataMessage(r, r.delimited(end, "pb.Definition.metadata value"));
    else r.skip(t & 7, ts, end);
  }
  return { key, value };
}

// ---- JSON ----

function readJsonText(text: string): GraphParts {
  const notes: ReadNote[] = [];
  const values = scanJsonValues(text, notes);
  if (values.length === 0) throw new ReadFailure({ kind: "empty", message: "no JSON objects found (only comments or elisions)" });
  const firstValue = values[0]!;
  if (values.length === 1 && isJsonObject(firstValue.value) && "def" in firstValue.value) return readFullJson(text, firstValue.value, notes);
  return readDumpLines(text, values, notes);
}

interface LocatedValue {
  value: JsonValue;
  line: number;
  offset: number;
}

const ELISION = /^(\.\.\.|…|\[\s*\.\.\.\s*\]|\/\/|#)/;

// Splits text into JSON values, one per dump line or spanning lines when pretty-printed. Comment lines
// (`//`, `#`) and elisions (`...`) as blog posts write them are skipped and reported.
function scanJsonValues(text: string, notes: ReadNote[]): LocatedValue[] {
  const out: LocatedValue[] = [];
  const s = new JsonScanner(text);
  for (;;) {
    s.skipSpace();
    if (s.pos >= text.length) break;
    const lineEnd = text.indexOf("\n", s.pos);
    const lineText = text.slice(s.pos, lineEnd === -1 ? text.length : lineEnd).trimEnd();
    const c = text[s.pos];
    if (c === "," || c === "]" || (c === "[" && /^\[\s*$/.test(lineText))) {
      // Tolerate a JSON array of dump objects, or stray separators between pasted objects.
      s.pos++;
      continue;
    }
    if (c !== "{" && ELISION.test(lineText)) {
      const { line } = lineColumn(text, s.pos);
      notes.push({ line, message: /\.\.\.|…/.test(lineText) ? `skipped elision ${JSON.stringify(lineText)}` : `skipped comment ${JSON.stringify(lineText)}` });
      s.pos = lineEnd === -1 ? text.length : lineEnd + 1;
      continue;
    }
    const offset = s.pos;
    const { line } = lineColumn(text, offset);
    try {
      out.push({ value: s.value(), line, offset });
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new ReadFailure({ kind: "json-syntax", message: `invalid JSON: ${e.message}`, line: e.line, column: e.column });
      throw e;
    }
  }
  return out;
}

function shapeFailure(e: unknown, line: number, what: string): never {
  if (isJsonShapeError(e)) throw new ReadFailure({ kind: "json-shape", message: `line ${line}: ${what}: ${e.message}`, line });
  throw e;
}

function readDumpLines(text: string, values: LocatedValue[], notes: ReadNote[]): GraphParts {
  const ops: DecodedOp[] = [];
  const unknown: JsonReadNotes = { unknownKeys: [] };
  for (const { value, line } of values) {
    if (!isJsonObject(value)) throw new ReadFailure({ kind: "json-shape", message: `line ${line}: expected a dump-llb object {"Op":…,"Digest":…}`, line });
    const opJson = field(value, "Op");
    const digestJson = field(value, "Digest");
    if (opJson === undefined) throw new ReadFailure({ kind: "json-shape", message: `line ${line}: missing "Op" (not a dump-llb line)`, line });
    let op: Op;
    let metadata: OpMetadata | undefined;
    try {
      op = messageFromJson<Op>("Op", opJson, "Op", unknown);
    } catch (e) {
      shapeFailure(e, line, "invalid Op");
    }
    const mdJson = field(value, "OpMetadata");
    try {
      if (mdJson !== undefined && mdJson !== null) metadata = messageFromJson<OpMetadata>("OpMetadata", mdJson, "OpMetadata", unknown);
    } catch (e) {
      shapeFailure(e, line, "invalid OpMetadata");
    }
    if (digestJson !== undefined && typeof digestJson !== "string")
      throw new ReadFailure({ kind: "json-shape", message: `line ${line}: "Digest" must be a string`, line });
    ops.push(checkedOp(op, digestJson as string | undefined, metadata, line));
  }
  for (const k of unknown.unknownKeys.slice(0, 20)) notes.push({ message: `ignored unknown key ${k}` });
  return { format: "dump-json", ops, notes };
}

// Re-encodes an op read from JSON and compares its digest with the printed one. The printed digest
// stays the op's identity (other ops refer to it); a mismatch is recorded, never hidden.
function checkedOp(op: Op, printed: string | undefined, metadata: OpMetadata | undefined, line: number | undefined): DecodedOp {
  const bytes = encodeOp(op);
  const computed = opDigest(bytes);
  const d: DecodedOp = { digest: computed, op, bytes, digestCheck: { state: "verified" } };
  if (metadata) d.metadata = metadata;
  if (printed === undefined) {
    d.digestCheck = { state: "hashed" };
  } else if (printed !== computed) {
    d.digest = printed as Digest;
    d.digestCheck = { state: "mismatch", printed, reason: mismatchReason(op, computed, line) };
  }
  return d;
}

function mismatchReason(op: Op, computed: string, line: number | undefined): string {
  const at = line ? ` (line ${line})` : "";
  const lossy = op.op?.case === "file" && (op.op.value.actions ?? []).some((a) => a.action === undefined);
  if (lossy) return `the bytes re-encoded from JSON hash to ${computed}${at}: dump-llb prints symlink actions as {} so they cannot be recovered`;
  return `the bytes re-encoded from JSON hash to ${computed}${at}: the JSON does not describe the op exactly (edited, or from a producer whose bytes were not canonical)`;
}

function field(o: JsonObject, name: string): JsonValue | undefined {
  if (name in o) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function readFullJson(text: string, o: JsonObject, notes: ReadNote[]): GraphParts {
  const unknown: JsonReadNotes = { unknownKeys: [] };
  const defJson = field(o, "def");
  if (!Array.isArray(defJson)) throw new ReadFailure({ kind: "json-shape", message: `"def" must be an array of ops`, line: 1 });
  const lineOf = (needle: string): number | undefined => {
    const i = text.indexOf(needle);
    return i === -1 ? undefined : lineColumn(text, i).line;
  };
  const ops: DecodedOp[] = defJson.map((entry, i) => {
    const path = `def[${i}]`;
    if (typeof entry === "string") {
      let bytes: Uint8Array;
      let op: Op;
      try {
        bytes = decodeBase64(entry, path);
        op = decodeOpMessage(new Reader(bytes), bytes.length);
      } catch (e) {
        if (isWireError(e)) throw new ReadFailure({ kind: "wire", message: `${path}: not a valid pb.Op: ${e.message}`, offset: e.offset });
        shapeFailure(e, 1, path);
      }
      return { digest: opDigest(bytes), op, bytes, digestCheck: { state: "hashed" } };
    }
    if (!isJsonObject(entry)) throw new ReadFailure({ kind: "json-shape", message: `${path}: expected {"digest":…,"op":…} or base64 op bytes` });
    const printed = field(entry, "digest");
    const line = typeof printed === "string" ? lineOf(printed) : undefined;
    let op: Op;
    try {
      op = messageFromJson<Op>("Op", field(entry, "op") ?? null, `${path}.op`, unknown);
    } catch (e) {
      shapeFailure(e, line ?? 1, path);
    }
    return checkedOp(op, typeof printed === "string" ? printed : undefined, undefined, line);
  });
  let metadata: { [digest: string]: OpMetadata } | undefined;
  let source: Source | undefined;
  try {
    const md = field(o, "metadata");
    if (md !== undefined && md !== null) metadata = messageFromJson<Definition>("Definition", { metadata: md }, "", unknown).metadata;
    const src = field(o, "source");
    if (src !== undefined && src !== null) source = messageFromJson<Source>("Source", src, "source", unknown);
  } catch (e) {
    shapeFailure(e, 1, "invalid Definition");
  }
  for (const k of unknown.unknownKeys.slice(0, 20)) notes.push({ message: `ignored unknown key ${k}` });
  const parts: GraphParts = { format: "full-json", ops, notes };
  if (metadata) parts.metadata = metadata;
  if (source) parts.source = source;
  return parts;
}
