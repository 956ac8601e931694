/**
 * Splits an instruction line into keyword, builder flags and the argument
 * text. Flags are read byte by byte like upstream (so non-ASCII bytes in
 * flags turn into Latin-1 characters, exactly as BuildKit does).
 */
import { decodeUtf8, encodeUtf8, isGoSpace, splitWhitespace, trimGoSpace } from "../go-text";

export interface SplitCommand {
  command: string;
  flags: string[];
  args: string;
}

export function splitCommand(line: string, escapeToken: string): SplitCommand {
  const parts = splitWhitespace(trimGoSpace(line), 2);
  const command = parts[0] ?? "";
  let args = "";
  let flags: string[] = [];
  if (parts.length === 2) {
    const extracted = extractBuilderFlags(parts[1] ?? "", escapeToken);
    args = extracted.rest;
    flags = extracted.flags;
  }
  return { command, flags, args: trimGoSpace(args) };
}

const ASCII = /^[\x00-\x7f]*$/;

const SPACE = 0;
const WORD = 1;
const QUOTE = 2;

/** Reads leading `--flag` words; returns them and the rest of the line. */
export function extractBuilderFlags(line: string, escapeToken: string): { rest: string; flags: string[] } {
  // Byte-wise like upstream; an ASCII line is its own byte string (the common case: no copy).
  if (ASCII.test(line)) return scanFlags(line.length, (i) => line.charCodeAt(i), (pos) => line.slice(pos), escapeToken);
  const bytes = encodeUtf8(line);
  return scanFlags(bytes.length, (i) => bytes[i] ?? 0, (pos) => decodeUtf8(bytes, pos), escapeToken);
}

function scanFlags(n: number, at: (i: number) => number, restFrom: (pos: number) => string, escapeToken: string): { rest: string; flags: string[] } {
  const esc = escapeToken.charCodeAt(0);
  const words: string[] = [];
  let phase = SPACE;
  let word = "";
  let quote = 0;
  let blankOK = false;
  let ch = 0;
  for (let pos = 0; pos <= n; pos++) {
    if (pos !== n) ch = at(pos);
    if (phase === SPACE) {
      if (pos === n) break;
      if (isGoSpace(ch)) continue;
      if (ch !== 0x2d || pos + 1 === n || at(pos + 1) !== 0x2d) {
        return { rest: restFrom(pos), flags: words };
      }
      phase = WORD;
    }
    if ((phase === WORD || phase === QUOTE) && pos === n) {
      if (word !== "--" && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (phase === WORD) {
      if (isGoSpace(ch)) {
        phase = SPACE;
        if (word === "--") return { rest: restFrom(pos), flags: words };
        if (blankOK || word.length > 0) words.push(word);
        word = "";
        blankOK = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOK = true;
        phase = QUOTE;
        continue;
      }
      if (ch === esc) {
        if (pos + 1 === n) continue;
        pos++;
        ch = at(pos);
      }
      word += String.fromCharCode(ch);
      continue;
    }
    if (phase === QUOTE) {
      if (ch === quote) {
        phase = WORD;
        continue;
      }
      if (ch === esc) {
        if (pos + 1 === n) {
          phase = WORD;
          continue;
        }
        pos++;
        ch = at(pos);
      }
      word += String.fromCharCode(ch);
    }
  }
  return { rest: "", flags: words };
}
