/** Heredoc detection on instruction lines (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`). */
import { DockerfileError } from "../errors";
import { expandWords } from "../shell/lex";
import { emptyEnv } from "../shell/shell-env";
import type { Heredoc } from "./ast";

const HEREDOC_RE = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/u;

function countQuotes(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === "'" || ch === '"') n++;
  return n;
}

/**
 * Parses a heredoc word such as `<<-"EOF"`. Returns null when the word is not
 * a heredoc; throws a DockerfileError when the delimiter cannot be lexed.
 */
export function parseHeredocWord(word: string): Heredoc | null {
  const m = HEREDOC_RE.exec(word);
  if (!m) return null;
  const fd = m[1] ? Number.parseInt(m[1], 10) : 0;
  const chomp = m[2] === "-";
  const rest = m[3] ?? "";
  if (rest.length === 0) return null;
  const words = expandWords(rest, emptyEnv, { escapeToken: "\\", skipUnsetEnv: true });
  if (words.length !== 1) return null;
  const rawWords = expandWords(rest, emptyEnv, { escapeToken: "\\", skipUnsetEnv: true, rawQuotes: true });
  if (rawWords.length !== words.length) {
    throw new DockerfileError("syntax", `internal lexing of heredoc produced inconsistent results: ${rest}`);
  }
  const name = words[0] ?? "";
  const expand = countQuotes(name) === countQuotes(rawWords[0] ?? "");
  return { name, fileDescriptor: fd, expand, chomp, content: "" };
}

/** Like parseHeredocWord but never throws (upstream `MustParseHeredoc`). */
export function tryParseHeredocWord(word: string): Heredoc | null {
  try {
    return parseHeredocWord(word);
  } catch {
    return null;
  }
}

/** All heredoc words of an instruction line, in order. */
export function heredocsFromLine(line: string): Heredoc[] {
  let words: string[];
  try {
    words = expandWords(line, emptyEnv, { escapeToken: "\\", rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  } catch {
    words = [];
  }
  const out: Heredoc[] = [];
  for (const word of words) {
    const h = parseHeredocWord(word);
    if (h) out.push(h);
  }
  return out;
}

/** Strips leading tabs from every line (for `<<-`). */
export function chompHeredocContent(content: string): string {
  return content.replace(/(^|\n)\t+/gu, "$1");
}
