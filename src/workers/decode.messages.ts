// Messages between the decode client (page) and the decode worker. Plain data only: a ReadResult
// and the document analysis (Maps, Sets, Uint8Arrays and bigints included) cross by structured clone.
import type { DocAnalysis } from "../app/core/view-model";
import type { ReadResult } from "../llb/index";

/** What decoding produces: the read result and, for a graph, its analysis (levels, stages, ...). */
export interface Decoded {
  result: ReadResult;
  analysis?: DocAnalysis;
}

export interface DecodeRequestMessage {
  type: "llbx/decode-request";
  id: number;
  input: Uint8Array | string;
}

export interface DecodeResultMessage {
  type: "llbx/decode-result";
  id: number;
  decoded: Decoded;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export function isDecodeRequestMessage(value: unknown): value is DecodeRequestMessage {
  return isRecord(value) && value.type === "llbx/decode-request" && typeof value.id === "number" && (typeof value.input === "string" || value.input instanceof Uint8Array);
}

export function isDecodeResultMessage(value: unknown): value is DecodeResultMessage {
  return isRecord(value) && value.type === "llbx/decode-result" && typeof value.id === "number" && isRecord(value.decoded) && isRecord(value.decoded.result);
}
