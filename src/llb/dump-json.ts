// Writes LLB messages the way `buildctl debug dump-llb` (BuildKit v0.18+) prints them: Go's
// encoding/json over the generated Go structs (proto field names, omitempty, map keys sorted,
// HTML-safe escaping), with BuildKit's own JSON shapes for Op, FileAction and UserOpt. The per-message
// writers are generated (scripts/gen-proto.mjs) and write UTF-8 into an OutputBuffer.
import { jsonWriters, writeJsonOp, writeJsonOpMetadata, type MessageDescriptor, type Op, type OpMetadata } from "./gen/ops_pb";
import { OutputBuffer } from "./output-buffer";

export { goString } from "./go-strings";

type Msg = { readonly [key: string]: unknown };

const noMetadata: OpMetadata = {};

/** Appends one dump-llb JSON line, newline included. */
export function writeDumpLine(out: OutputBuffer, op: Op, digest: string, metadata: OpMetadata | undefined): void {
  out.ascii('{"Op":');
  writeJsonOp(out, op);
  out.ascii(',"Digest":');
  out.goJsonString(digest);
  out.ascii(',"OpMetadata":');
  writeJsonOpMetadata(out, metadata ?? noMetadata);
  out.ascii("}\n");
}

/** One dump-llb JSON line (without the newline). */
export function dumpLine(op: Op, digest: string, metadata: OpMetadata | undefined): string {
  const out = new OutputBuffer(1024);
  writeDumpLine(out, op, digest, metadata);
  out.pos--;
  return out.text();
}

export function opJson(op: Op): string {
  const out = new OutputBuffer(1024);
  writeJsonOp(out, op);
  return out.text();
}

/** A message as Go's encoding/json prints the generated struct. */
export function messageJson(d: MessageDescriptor, m: Msg): string {
  const write = jsonWriters[d.name] as ((o: OutputBuffer, m: Msg) => void) | undefined;
  if (!write) throw new Error(`no JSON writer for message ${d.name}`);
  const out = new OutputBuffer(1024);
  write(out, m);
  return out.text();
}
