// Binary codec for LLB: Definition and Op bytes as BuildKit writes and hashes them.
import {
  decodeDefinition as decodeDefinitionMessage,
  decodeOp as decodeOpMessage,
  decodeOpMetadata as decodeOpMetadataMessage,
  encodeDefinition as encodeDefinitionMessage,
  encodeOp as encodeOpMessage,
  encodeOpMetadata as encodeOpMetadataMessage,
  type Definition,
  type Op,
  type OpMetadata,
} from "./gen/ops_pb";
import { sha256Hex } from "./sha256";
import { Reader, Writer } from "./wire";

export type Digest = `sha256:${string}`;

/** Decodes one `pb.Op` from its exact bytes. Throws `WireError` (with the byte offset) on malformed input. */
export function decodeOp(bytes: Uint8Array): Op {
  const r = new Reader(bytes);
  return decodeOpMessage(r, bytes.length);
}

/** Canonical bytes of an op: what protobuf-go's deterministic marshal writes, hence what BuildKit hashes. */
export function encodeOp(op: Op): Uint8Array {
  const w = new Writer();
  encodeOpMessage(w, op);
  return w.finish();
}

let hashHex: (bytes: Uint8Array) => string = sha256Hex;

/**
 * Replaces the SHA-256 routine (hex output) used for op digests, e.g. with a native one where the host
 * has it (Node's crypto in the CLI). The built-in one is plain TypeScript and works everywhere.
 */
export function useSha256(fn: (bytes: Uint8Array) => string): void {
  hashHex = fn;
}

/** `sha256:<hex>` of op bytes: the op's identity everywhere in BuildKit. */
export function opDigest(bytes: Uint8Array): Digest {
  return `sha256:${hashHex(bytes)}`;
}

/** Decodes a whole `pb.Definition` (the `llb.WriteTo` format: one message, no framing). */
export function decodeDefinition(bytes: Uint8Array): Definition {
  const r = new Reader(bytes);
  return decodeDefinitionMessage(r, bytes.length);
}

/** Canonical Definition bytes: `def` in order, `metadata` sorted by digest, then `Source`. */
export function encodeDefinition(def: Definition): Uint8Array {
  const w = new Writer();
  encodeDefinitionMessage(w, def);
  return w.finish();
}

export function decodeOpMetadata(bytes: Uint8Array): OpMetadata {
  const r = new Reader(bytes);
  return decodeOpMetadataMessage(r, bytes.length);
}

export function encodeOpMetadata(md: OpMetadata): Uint8Array {
  const w = new Writer();
  encodeOpMetadataMessage(w, md);
  return w.finish();
}
