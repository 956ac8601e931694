/**
 * Per-instruction argument parsers (upstream `line_parsers.go`): how the text
 * after the keyword becomes the node's argument list.
 */
import { decodeUtf8, encodeUtf8, isGoSpace, isGoSpaceChar, splitWhitespace, goQuote, trimLeftGoSpace } from "../go-text";

export class LineParseError extends Error {}

export interface ParsedArgs {
  args: string[];
  json: boolean;
  /** ONBUILD: the raw trigger text to parse as its own instruction. */
  subcommandLine?: string;
}

const NONE: ParsedArgs = { args: [], json: false };

export type LineParserKind =
  | "maybe-json"
  | "maybe-json-list"
  | "env"
  | "label"
  | "name-or-name-val"
  | "whitespace-delimited"
  | "string"
  | "health"
  | "subcommand"
  | "ignore";

const DISPATCH: Record<string, LineParserKind> = {
  add: "maybe-json-list",
  arg: "name-or-name-val",
  cmd: "maybe-json",
  copy: "maybe-json-list",
  entrypoint: "maybe-json",
  env: "env",
  expose: "whitespace-delimited",
  from: "whitespace-delimited",
  healthcheck: "health",
  label: "label",
  maintainer: "string",
  onbuild: "subcommand",
  run: "maybe-json",
  shell: "maybe-json",
  stopsignal: "string",
  user: "string",
  volume: "maybe-json-list",
  workdir: "string",
};

export function lineParserFor(command: string): LineParserKind {
  return DISPATCH[command.toLowerCase()] ?? "ignore";
}

export function parseArgs(kind: LineParserKind, rest: string, escapeToken: string): ParsedArgs {
  switch (kind) {
    case "ignore":
      return { args: [""], json: false };
    case "subcommand":
      return rest === "" ? NONE : { args: [], json: false, subcommandLine: rest };
    case "env":
      return { args: parseNameVal(rest, "ENV", escapeToken), json: false };
    case "label":
      return { args: parseNameVal(rest, "LABEL", escapeToken), json: false };
    case "name-or-name-val":
      return { args: parseWords(rest, escapeToken), json: false };
    case "whitespace-delimited":
      return { args: parseWhitespaceDelimited(rest), json: false };
    case "string":
      return rest === "" ? NONE : { args: [rest], json: false };
    case "maybe-json":
      return parseMaybeJson(rest);
    case "maybe-json-list":
      return parseMaybeJsonToList(rest);
    case "health":
      return parseHealthConfig(rest);
  }
}

/** Splits into words keeping quotes and escapes (quotes are removed later by expansion). */
export function parseWords(rest: string, escapeToken: string): string[] {
  const words: string[] = [];
  const chars = Array.from(rest);
  let phase = 0; // 0 spaces, 1 word, 2 quote
  let quote = "";
  let blankOK = false;
  let word = "";
  for (let i = 0; i <= chars.length; i++) {
    let ch = chars[i] ?? "";
    const atEnd = i === chars.length;
    if (phase === 0) {
      if (atEnd) break;
      if (isGoSpaceChar(ch)) continue;
      phase = 1;
    }
    if (atEnd) {
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    if (phase === 1) {
      if (isGoSpaceChar(ch)) {
        phase = 0;
        if (blankOK || word.length > 0) words.push(word);
        word = "";
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 2;
      }
      if (ch === escapeToken) {
        if (i + 1 === chars.length) continue;
        word += ch;
        i++;
        ch = chars[i] ?? "";
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 1;
    if (ch === escapeToken && quote !== "'") {
      if (i + 1 === chars.length) {
        phase = 1;
        continue;
      }
      i++;
      word += ch;
      ch = chars[i] ?? "";
    }
    word += ch;
  }
  return words;
}

/** ENV/LABEL: `key value` (legacy) or `k=v k2=v2`; returns key, value, delimiter triples. */
function parseNameVal(rest: string, key: string, escapeToken: string): string[] {
  const words = parseWords(rest, escapeToken);
  if (words.length === 0) return [];
  if (!(words[0] ?? "").includes("=")) {
    const parts = splitWhitespace(rest, 2);
    if (parts.length < 2) throw new LineParseError(`${key} must have two arguments`);
    return [parts[0] ?? "", parts[1] ?? "", ""];
  }
  const out: string[] = [];
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq < 0) {
      throw new LineParseError(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    }
    out.push(word.slice(0, eq), word.slice(eq + 1), "=");
  }
  return out;
}

function parseWhitespaceDelimited(rest: string): string[] {
  if (rest === "") return [];
  return splitWhitespace(rest, -1);
}

class NotStringArray extends Error {}

function parseJson(rest: string): ParsedArgs | null {
  const text = trimLeftGoSpace(rest);
  if (!text.startsWith("[")) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const args: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== "string") throw new NotStringArray();
    // Go decodes lone surrogate escapes as U+FFFD
    args.push(item.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
  }
  return { args, json: true };
}

const NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

function parseMaybeJson(rest: string): ParsedArgs {
  if (rest === "") return NONE;
  try {
    const parsed = parseJson(rest);
    if (parsed) return parsed;
  } catch (e) {
    if (e instanceof NotStringArray) throw new LineParseError(NOT_STRING_ARRAY);
    throw e;
  }
  return { args: [rest], json: false };
}

function parseMaybeJsonToList(rest: string): ParsedArgs {
  try {
    const parsed = parseJson(rest);
    if (parsed) return parsed;
  } catch (e) {
    if (e instanceof NotStringArray) throw new LineParseError(NOT_STRING_ARRAY);
    throw e;
  }
  return { args: parseWhitespaceDelimited(rest), json: false };
}

/** HEALTHCHECK: a type word (CMD/NONE) then maybe-JSON; scanned byte-wise like upstream. */
function parseHealthConfig(rest: string): ParsedArgs {
  const bytes = encodeUtf8(rest);
  let sep = 0;
  while (sep < bytes.length && !isGoSpace(bytes[sep] ?? 0)) sep++;
  let next = sep;
  while (next < bytes.length && isGoSpace(bytes[next] ?? 0)) next++;
  if (sep === 0) return NONE;
  const typ = decodeUtf8(bytes, 0, sep);
  const cmd = parseMaybeJson(decodeUtf8(bytes, next));
  return { args: [typ, ...cmd.args], json: cmd.json };
}
