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

const SPACE = 0;
const WORD = 1;
const QUOTE = 2;

/** Reads leading `--flag` words; returns them and the rest of the line. */
export function extractBuilderFlags(line: string, escapeToken: string): { rest: string; flags: string[] } {
  const bytes = encodeUtf8(line);
  const esc = escapeToken.charCodeAt(0);
  const words: string[] = [];
  let phase = SPACE;
  let word = "";
  let quote = 0;
  let blankOK = false;
  let ch = 0;
  const restFrom = (pos: number) => decodeUtf8(bytes, pos);
  for (let pos = 0; pos <= bytes.length; pos++) {
    if (pos !== bytes.length) ch = bytes[pos] ?? 0;
    if (phase === SPACE) {
      if (pos === bytes.length) break;
      if (isGoSpace(ch)) continue;
      if (ch !== 0x2d || pos + 1 === bytes.length || bytes[pos + 1] !== 0x2d) {
        return { rest: restFrom(pos), flags: words };
      }
      phase = WORD;
    }
    if ((phase === WORD || phase === QUOTE) && pos === bytes.length) {
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
        if (pos + 1 === bytes.length) continue;
        pos++;
        ch = bytes[pos] ?? 0;
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
        if (pos + 1 === bytes.length) {
          phase = WORD;
          continue;
        }
        pos++;
        ch = bytes[pos] ?? 0;
      }
      word += String.fromCharCode(ch);
    }
  }
  return { rest: "", flags: words };
}
