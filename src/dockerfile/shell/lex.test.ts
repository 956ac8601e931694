import { describe, expect, it } from "vitest";
import { isDockerfileError } from "../errors";
import { expandWord, expandWords } from "./lex";
import { envFromList } from "./shell-env";

const env = envFromList(["HOME=/root", "EMPTY=", "NAME=file.tar.gz", "PATHS=/a/b/c/b", "SPACED=  x  y ", "U=ünï"]);

const wordCases: { name: string; input: string; expected: string; escape?: string }[] = [
  { name: "plain", input: "hello world", expected: "hello world" },
  { name: "$VAR", input: "$HOME/x", expected: "/root/x" },
  { name: "${VAR}", input: "${HOME}x", expected: "/rootx" },
  { name: "unset is empty", input: "a${NOPE}b$NOPE", expected: "ab" },
  { name: "lone dollar", input: "$ and $.", expected: "$ and $." },
  { name: "positional digits", input: "x$12y", expected: "xy" },
  { name: "special param", input: "a$?b", expected: "ab" },
  { name: "single quotes are literal", input: "'$HOME \\n'", expected: "$HOME \\n" },
  { name: "double quotes expand", input: '"$HOME \\"q\\" \\x"', expected: '/root "q" \\x' },
  { name: "escaped dollar", input: "\\$HOME", expected: "$HOME" },
  { name: "escape at end is dropped", input: "abc\\", expected: "abc" },
  { name: "backtick escape", input: "a`$HOME`\\", expected: "a$HOME\\", escape: "`" },
  { name: ":- unset", input: "${NOPE:-def}", expected: "def" },
  { name: ":- empty", input: "${EMPTY:-def}", expected: "def" },
  { name: "- empty keeps empty", input: "${EMPTY-def}", expected: "" },
  { name: "- set", input: "${HOME-def}", expected: "/root" },
  { name: ":+ set", input: "${HOME:+alt}", expected: "alt" },
  { name: ":+ empty", input: "${EMPTY:+alt}", expected: "" },
  { name: "+ empty", input: "${EMPTY+alt}", expected: "alt" },
  { name: "+ unset", input: "${NOPE+alt}", expected: "" },
  { name: "nested default", input: "${NOPE:-${HOME}/d}", expected: "/root/d" },
  { name: "? set", input: "${HOME?msg}", expected: "/root" },
  { name: "# shortest prefix", input: "${NAME#*.}", expected: "tar.gz" },
  { name: "## longest prefix", input: "${NAME##*.}", expected: "gz" },
  { name: "% shortest suffix", input: "${NAME%.*}", expected: "file.tar" },
  { name: "%% longest suffix", input: "${NAME%%.*}", expected: "file" },
  { name: "? wildcard", input: "${NAME#????}", expected: ".tar.gz" },
  { name: "/ first", input: "${PATHS/b/X}", expected: "/a/X/c/b" },
  { name: "// all", input: "${PATHS//b/X}", expected: "/a/X/c/X" },
  { name: "/ with wildcard", input: "${PATHS/\\/*c/Z}", expected: "Z/b" },
  { name: "/ no match", input: "${PATHS/zz/X}", expected: "/a/b/c/b" },
  { name: "unicode variable value", input: "${U%ï}", expected: "ün" },
  { name: "heredoc marker kept", input: "cat <<EOF", expected: "cat <<EOF" },
];

describe("expandWord", () => {
  it.each(wordCases)("$name", ({ input, expected, escape }) => {
    expect(expandWord(input, env, escape ? { escapeToken: escape } : undefined).result).toBe(expected);
  });

  it("tracks matched and unmatched variables", () => {
    const r = expandWord("$HOME ${NOPE:-x} ${EMPTY} $OTHER", env);
    expect([...r.matched].sort()).toEqual(["EMPTY", "HOME"]);
    expect([...r.unmatched].sort()).toEqual(["NOPE", "OTHER"]);
  });

  it("skipUnsetEnv keeps unset references as written", () => {
    const opts = { skipUnsetEnv: true, rawQuotes: true };
    expect(expandWord("$NOPE ${NOPE} ${NOPE:-d} ${NOPE/a/b} $HOME '$HOME'", env, opts).result).toBe(
      "$NOPE ${NOPE} ${NOPE:-d} ${NOPE/a/b} /root '$HOME'",
    );
  });
});

const wordsCases: { name: string; input: string; expected: string[] }[] = [
  { name: "spaces split", input: "a  b\tc", expected: ["a", "b", "c"] },
  { name: "quotes keep spaces", input: "'a b' \"c d\"", expected: ["a b", "c d"] },
  { name: "variables are split", input: "x${SPACED}z", expected: ["x", "x", "y", "z"] },
  { name: "quoted variables are not split", input: 'x"${SPACED}"z', expected: ["x  x  y z"] },
  { name: "empty quotes vanish", input: "'' a", expected: ["a"] },
  { name: "escaped space joins", input: "a\\ b c", expected: ["a b", "c"] },
];

describe("expandWords", () => {
  it.each(wordsCases)("$name", ({ input, expected }) => {
    expect(expandWords(input, env)).toEqual(expected);
  });
});

const errorCases: { name: string; input: string; message: string }[] = [
  {
    name: ":? custom message",
    input: '${NOPE:?"is required"}',
    message: 'failed to process "${NOPE:?\\"is required\\"}": NOPE: is required',
  },
  { name: "? unset default message", input: "${NOPE?}", message: 'failed to process "${NOPE?}": NOPE: is not allowed to be unset' },
  {
    name: ":? empty default message",
    input: "${EMPTY:?}",
    message: 'failed to process "${EMPTY:?}": EMPTY: is not allowed to be empty',
  },
  {
    name: "unterminated single quote",
    input: "'abc",
    message: "failed to process \"'abc\": unexpected end of statement while looking for matching single-quote",
  },
  {
    name: "unterminated double quote",
    input: '"abc\\"',
    message: 'failed to process "\\"abc\\\\\\"": unexpected end of statement while looking for matching double-quote',
  },
  { name: "missing brace", input: "${HOME", message: 'failed to process "${HOME": unsupported modifier (\ufffd) in substitution' },
  { name: "missing brace after modifier", input: "${HOME:-x", message: 'failed to process "${HOME:-x": syntax error: missing \'}\'' },
  { name: "bad substitution", input: "${}", message: 'failed to process "${}": syntax error: bad substitution' },
  { name: "unsupported modifier", input: "${HOME:#x}", message: 'failed to process "${HOME:#x}": unsupported modifier (:#) in substitution' },
  { name: "unknown modifier", input: "${HOME!x}", message: 'failed to process "${HOME!x}": unsupported modifier (!) in substitution' },
  {
    name: "bad pattern escape",
    input: "${HOME#\\x}",
    message: "failed to process \"${HOME#\\\\x}\": invalid pattern (\\x) in substitution: invalid escape '\\x'",
  },
  { name: "missing slash", input: "${HOME/abc", message: "failed to process \"${HOME/abc\": syntax error: missing '/' in ${}" },
];

describe("expandWord errors", () => {
  it.each(errorCases)("$name", ({ input, message }) => {
    let caught: unknown;
    try {
      expandWord(input, env);
    } catch (e) {
      caught = e;
    }
    expect(isDockerfileError(caught)).toBe(true);
    if (isDockerfileError(caught)) {
      expect(caught.kind).toBe("expansion");
      expect(caught.message).toBe(message);
    }
  });
});
