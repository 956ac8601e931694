// The decode work itself, shared by the worker and the client's main-thread fallback.
import { analyzeDocument } from "../app/core/view-model";
import { readLlb } from "../llb/index";
import type { Decoded } from "./decode.messages";

export function decodeNow(input: Uint8Array | string): Decoded {
  const result = readLlb(input);
  return result.ok ? { result, analysis: analyzeDocument(result.graph) } : { result };
}
