// dump-llb output straight from a binary Definition, one op at a time. `llbx dump` runs this when its
// own fast path (src/cli/dump-fast.ts) declines an input, and that fast path is held to print exactly
// what this prints. readOpList + the writers give the same bytes, but keep every decoded op and metadata
// entry alive until the end, so the garbage collector copies them all (twice) while they are young.
// Here each op and metadata entry is decoded, printed and dropped in one pass, and the parts that are
// only validated (the Source, repeated ops, metadata for --dot) are walked by the generated checkers
// without building objects. (Printing straight from the wire bytes, without decoding, was tried: it
// was slower on a cold start, where the larger generated code takes longer to get optimized.)
//
// Anything unusual (malformed bytes, no ops) returns undefined, and the caller uses readOpList, which
// reports the problem exactly as it always has: this path never decides about errors.
import { repeatNote } from "./build-graph";
import { opDigest } from "./codec";
import { checkOp, checkOpMetadata, checkSource, decodeOp, decodeOpMetadata, writeJsonOp, writeJsonOpMetadata } from "./gen/ops_pb";
import type { ReadNote } from "./graph";
import { OutputBuffer } from "./output-buffer";
import { isBinaryInput } from "./read";
import { Reader } from "./wire";
import { writeDotEdges, writeDotNode } from "./write";

export interface BinaryDump {
  output: OutputBuffer;
  /** The notes readOpList would give (repeated ops), in the same order. */
  notes: ReadNote[];
}

/**
 * `buildctl debug dump-llb` output (JSON lines, or Graphviz with `dot`) for a binary Definition, or
 * undefined when the input is not a well-formed binary Definition with ops.
 */
export function dumpBinaryDefinition(bytes: Uint8Array, dot: boolean): BinaryDump | undefined {
  if (!isBinaryInput(bytes)) return undefined;
  try {
    return dump(bytes, dot);
  } catch {
    // Malformed somewhere: readOpList finds the first problem and words it.
    return undefined;
  }
}

// Mirrors readBinary's walk over the Definition's top level (see read.ts), so that it accepts and
// rejects exactly the same inputs, and decodes each op where readBinary does (a decoder may end past
// its field on malformed varints, and the walk continues from there).
//
// One pass: ops are printed as they come; their metadata usually comes after all ops, so for JSON each
// op's text and each metadata entry's text go to side buffers, and the lines are put together at the
// end by copying bytes.
function dump(bytes: Uint8Array, dot: boolean): BinaryDump | undefined {
  const r = new Reader(bytes);
  const notes: ReadNote[] = [];
  const firstPosition = new Map<string, number>();
  let position = 0;
  // JSON: op texts in opsText, by unique op: digest, start, end.
  const opsText = new OutputBuffer(bytes.length + (bytes.length >>> 2));
  const digests: string[] = [];
  const opRanges: number[] = [];
  // JSON: metadata texts in metadataText, ranges by digest; a later entry for a key replaces an earlier one.
  const metadataText = dot ? undefined : new OutputBuffer(bytes.length >>> 1);
  const metadataRanges = new Map<string, number>();
  const metadataBounds: number[] = [];
  // --dot: node lines go straight to the output, edge lines after them.
  const dotNodes = dot ? opsText : undefined;
  const dotEdges = dot ? new OutputBuffer(bytes.length >>> 1) : undefined;
  if (dotNodes) dotNodes.ascii("digraph {\n");

  while (r.pos < bytes.length) {
    const tagStart = r.pos;
    const tag = r.tag();
    if (tag === 10) {
      const end = r.delimited(bytes.length, "pb.Definition.def");
      const start = r.pos;
      const digest = opDigest(bytes.subarray(start, end));
      const seen = firstPosition.get(digest);
      if (seen !== undefined) {
        notes.push(repeatNote(position, digest, seen));
        checkOp(r, end);
      } else {
        firstPosition.set(digest, position);
        if (dotNodes) {
          const op = decodeOp(r, end);
          writeDotNode(dotNodes, { digest, op });
          writeDotEdges(dotEdges!, { digest, op });
        } else {
          digests.push(digest);
          opRanges.push(opsText.pos);
          writeJsonOp(opsText, decodeOp(r, end));
          opRanges.push(opsText.pos);
        }
      }
      position++;
    } else if (tag === 18) {
      const end = r.delimited(bytes.length, "pb.Definition.metadata");
      let key = "";
      let text = -1;
      while (r.pos < end) {
        const ts = r.pos;
        const t = r.tag();
        if (t === 10) key = r.string(end, "pb.Definition.metadata key");
        else if (t === 18) {
          const valueEnd = r.delimited(end, "pb.Definition.metadata value");
          if (metadataText) {
            const md = decodeOpMetadata(r, valueEnd);
            text = metadataBounds.length;
            metadataBounds.push(metadataText.pos);
            writeJsonOpMetadata(metadataText, md);
            metadataBounds.push(metadataText.pos);
          } else checkOpMetadata(r, valueEnd);
        } else r.skip(t & 7, ts, end);
      }
      // An entry without a value is an empty OpMetadata, printed as {} like a missing one.
      metadataRanges.set(key, text);
    } else if (tag === 26) {
      checkSource(r, r.delimited(bytes.length, "pb.Definition.Source"));
    } else if ((tag & 7) === 2 && tag >>> 3 <= 3) {
      return undefined;
    } else {
      r.skip(tag & 7, tagStart, bytes.length);
    }
  }
  if (position === 0) return undefined;

  if (dotNodes) {
    dotNodes.append(dotEdges!.view());
    dotNodes.ascii("}\n");
    return { output: dotNodes, notes };
  }
  const output = new OutputBuffer(opsText.pos + metadataText!.pos + digests.length * 128);
  const opBytes = opsText.bytes;
  const metadataBytes = metadataText!.bytes;
  for (let k = 0; k < digests.length; k++) {
    const digest = digests[k]!;
    output.ascii('{"Op":');
    output.append(opBytes.subarray(opRanges[2 * k]!, opRanges[2 * k + 1]!));
    output.ascii(',"Digest":');
    output.goJsonString(digest);
    output.ascii(',"OpMetadata":');
    const text = metadataRanges.get(digest);
    if (text === undefined || text < 0) output.ascii("{}");
    else output.append(metadataBytes.subarray(metadataBounds[text]!, metadataBounds[text + 1]!));
    output.ascii("}\n");
  }
  return { output, notes };
}
