// `buildctl build --progress=rawjson`: one SolveStatus JSON document per line, as Go's
// json.Encoder writes it (field order of BuildKit's client types, HTML characters escaped).
import type { SolveStatus } from "../protocol/status";

const goEscapes: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** JSON.stringify with Go's encoding/json escaping of <, >, &, U+2028 and U+2029. */
export function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c] ?? c);
}

/** One line (with "\n") for a status message. Key order follows the object's, which the bridge's decoder sets to Go's. */
export function formatRawJson(s: SolveStatus): string {
  return `${goJson(s)}\n`;
}

/** Parses rawjson text (one SolveStatus per non-empty line). Throws on a malformed line, naming it. */
export function parseRawJson(text: string): SolveStatus[] {
  const out: SolveStatus[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error(`rawjson line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`rawjson line ${i + 1}: not a JSON object`);
    out.push(v as SolveStatus);
  });
  return out;
}
