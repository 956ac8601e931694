/**
 * Shell-word lexing and variable expansion with the semantics of BuildKit's
 * `frontend/dockerfile/shell` package: quotes, escapes (with the Dockerfile's
 * escape token), `$VAR`, `${VAR}` and the `${VAR<modifier>...}` forms, word
 * splitting, and tracking which variables were found / missing.
 */
import { DockerfileError } from "../errors";
import { goQuote, isGoDigit, isGoLetter, isGoSpaceChar } from "../go-text";
import type { ShellEnv } from "./shell-env";
import { replacePattern, ShellPatternError, trimPatternPrefix, trimPatternSuffix } from "./shell-pattern";

export interface LexOptions {
  /** `\` (default) or `` ` ``, from the `# escape=` directive. */
  escapeToken: string;
  /** Keep quote characters in the result. */
  rawQuotes: boolean;
  /** Keep escape characters in the result. */
  rawEscapes: boolean;
  /** Treat quotes as ordinary characters. */
  skipProcessQuotes: boolean;
  /** Leave references to unset variables as written (`$X`, `${X:-y}`). */
  skipUnsetEnv: boolean;
}

const DEFAULT_LEX_OPTIONS: LexOptions = {
  escapeToken: "\\",
  rawQuotes: false,
  rawEscapes: false,
  skipProcessQuotes: false,
  skipUnsetEnv: false,
};

export interface ExpandResult {
  /** The expanded word (ProcessWord). */
  result: string;
  /** Variables that were looked up and found. */
  matched: ReadonlySet<string>;
  /** Variables that were looked up and not set. */
  unmatched: ReadonlySet<string>;
}

/** Raised for lexing problems; the public functions turn it into a DockerfileError. */
class LexError extends Error {}

const EOF = "";

class CharScanner {
  private readonly chars: string[];
  private pos = 0;
  constructor(src: string) {
    this.chars = Array.from(src);
    if (this.chars[0] === "\ufeff") this.pos = 1;
  }
  peek(): string {
    return this.chars[this.pos] ?? EOF;
  }
  next(): string {
    const ch = this.chars[this.pos];
    if (ch === undefined) return EOF;
    this.pos++;
    return ch;
  }
  /**
   * Consumes the run of characters ahead that no rule treats specially (not `$`, `<`, a quote,
   * the escape token, `stopChar` or a space): they go to the result and the word as they are.
   * "" when the next character is special.
   */
  takeOrdinary(stopChar: string, escapeToken: string): string {
    const chars = this.chars;
    const start = this.pos;
    let end = start;
    while (end < chars.length) {
      const c = chars[end]!;
      if (c === "$" || c === "<" || c === "'" || c === '"' || c === escapeToken || c === stopChar || isGoSpaceChar(c)) break;
      end++;
    }
    if (end === start) return "";
    this.pos = end;
    return end - start === 1 ? chars[start]! : chars.slice(start, end).join("");
  }
}

/** The shared word buffer (upstream shares one between nested scans, a quirk we keep). */
interface SharedBuffer {
  text: string;
}

class Words {
  words: string[] = [];
  inWord = false;
  constructor(private readonly buf: SharedBuffer) {}
  addChar(ch: string): void {
    const space = isGoSpaceChar(ch);
    if (space && this.inWord) {
      if (this.buf.text.length !== 0) {
        this.words.push(this.buf.text);
        this.buf.text = "";
        this.inWord = false;
      }
    } else if (!space) {
      this.addRawChar(ch);
    }
  }
  addRawChar(ch: string): void {
    this.buf.text += ch;
    this.inWord = true;
  }
  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }
  addRawString(s: string): void {
    this.buf.text += s;
    this.inWord = true;
  }
  getWords(): string[] {
    if (this.buf.text.length > 0) {
      this.words.push(this.buf.text);
      this.buf.text = "";
      this.inWord = false;
    }
    return this.words;
  }
}

function goRuneString(ch: string): string {
  return ch === EOF ? "\ufffd" : ch;
}

function isSpecialParam(ch: string): boolean {
  return "@*#?-$!0".includes(ch) && ch.length === 1;
}

class ShellWord {
  private readonly scanner: CharScanner;
  private readonly buffer: SharedBuffer = { text: "" };
  private rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(
    source: string,
    private readonly env: ShellEnv,
    private readonly opts: LexOptions,
    private readonly capture: boolean,
  ) {
    this.scanner = new CharScanner(source);
    this.rawEscapes = opts.rawEscapes;
  }

  run(): { result: string; words: string[] } {
    return this.processStopOn(EOF, this.rawEscapes);
  }

  private processStopOn(stopChar: string, rawEscapes: boolean): { result: string; words: string[] } {
    let result = "";
    this.buffer.text = "";
    const words = new Words(this.buffer);
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      const sc = this.scanner;
      while (sc.peek() !== EOF) {
        let ch = sc.peek();
        if (stopChar !== EOF && ch === stopChar) {
          sc.next();
          return { result, words: words.getWords() };
        }
        const ordinary = sc.takeOrdinary(stopChar, this.opts.escapeToken);
        if (ordinary !== "") {
          result += ordinary;
          words.addRawString(ordinary);
          continue;
        }
        let special: (() => string) | undefined;
        if (ch === "$") special = () => this.processDollar();
        else if (ch === "<") special = () => this.processPossibleHeredoc();
        else if (!this.opts.skipProcessQuotes && ch === "'") special = () => this.processSingleQuote();
        else if (!this.opts.skipProcessQuotes && ch === '"') special = () => this.processDoubleQuote();
        if (special) {
          const tmp = special();
          result += tmp;
          if (ch === "$") words.addString(tmp);
          else words.addRawString(tmp);
          continue;
        }
        ch = sc.next();
        if (ch === this.opts.escapeToken) {
          if (this.rawEscapes) {
            words.addRawChar(ch);
            result += ch;
          }
          ch = sc.next();
          if (ch === EOF) break;
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result += ch;
      }
      if (stopChar !== EOF) {
        throw new LexError(`unexpected end of statement while looking for matching ${stopChar}`);
      }
      return { result, words: words.getWords() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    const sc = this.scanner;
    let result = "";
    let ch = sc.next();
    if (this.opts.rawQuotes) result += ch;
    for (;;) {
      ch = sc.next();
      if (ch === EOF) throw new LexError("unexpected end of statement while looking for matching single-quote");
      if (ch === "'") {
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    const sc = this.scanner;
    let result = "";
    const open = sc.next();
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const peek = sc.peek();
      if (peek === EOF) throw new LexError("unexpected end of statement while looking for matching double-quote");
      if (peek === '"') {
        const ch = sc.next();
        if (this.opts.rawQuotes) result += ch;
        return result;
      }
      if (peek === "$") {
        result += this.processDollar();
        continue;
      }
      let ch = sc.next();
      if (ch === this.opts.escapeToken) {
        if (this.rawEscapes) result += ch;
        const after = sc.peek();
        if (after === EOF) continue;
        if (after === '"' || after === "$" || after === this.opts.escapeToken) ch = sc.next();
      }
      result += ch;
    }
  }

  private processDollar(): string {
    const sc = this.scanner;
    sc.next();
    if (sc.peek() !== "{") {
      const name = this.processName();
      if (name === "") return "$";
      const value = this.getEnv(name);
      if (value === undefined && this.opts.skipUnsetEnv) return "$" + name;
      return value ?? "";
    }
    sc.next();
    const first = sc.peek();
    if (first === EOF) throw new LexError("syntax error: missing '}'");
    if (first === "{" || first === "}" || first === ":") throw new LexError("syntax error: bad substitution");
    const name = this.processName();
    let ch = sc.next();
    let chs = goRuneString(ch);
    if (ch === "}") {
      const value = this.getEnv(name);
      if (value === undefined && this.opts.skipUnsetEnv) return "${" + name + "}";
      return value ?? "";
    }
    if (ch === ":" || ch === "+" || ch === "-" || ch === "?" || ch === "#" || ch === "%") {
      let nullIsUnset = false;
      if (ch === ":") {
        nullIsUnset = true;
        ch = sc.next();
        chs += goRuneString(ch);
      }
      const raw = ch === "#" || ch === "%";
      if (nullIsUnset && raw) throw new LexError(`unsupported modifier (${chs}) in substitution`);
      let word: string;
      try {
        word = this.processStopOn("}", raw).result;
      } catch (e) {
        if (sc.peek() === EOF) throw new LexError("syntax error: missing '}'");
        throw e;
      }
      const value = this.getEnv(name);
      const set = value !== undefined;
      if (this.opts.skipUnsetEnv && !set) return "${" + name + chs + word + "}";
      const v = value ?? "";
      switch (ch) {
        case "-":
          return !set || (nullIsUnset && v === "") ? word : v;
        case "+":
          return !set || (nullIsUnset && v === "") ? "" : word;
        case "?":
          if (!set) throw new LexError(`${name}: ${word !== "" ? word : "is not allowed to be unset"}`);
          if (nullIsUnset && v === "") throw new LexError(`${name}: ${word !== "" ? word : "is not allowed to be empty"}`);
          return v;
        case "%":
        case "#": {
          let greedy = false;
          let pattern = word;
          if (pattern.length > 0 && pattern[0] === ch) {
            greedy = true;
            pattern = pattern.slice(1);
          }
          try {
            return ch === "%" ? trimPatternSuffix(pattern, v, greedy) : trimPatternPrefix(pattern, v, greedy);
          } catch (e) {
            if (e instanceof ShellPatternError) throw new LexError(e.message);
            throw e;
          }
        }
        default:
          throw new LexError(`unsupported modifier (${chs}) in substitution`);
      }
    }
    if (ch === "/") {
      const all = sc.peek() === "/";
      if (all) sc.next();
      let pattern: string;
      try {
        pattern = this.processStopOn("/", true).result;
      } catch (e) {
        if (sc.peek() === EOF) throw new LexError("syntax error: missing '/' in ${}");
        throw e;
      }
      let replacement: string;
      try {
        replacement = this.processStopOn("}", true).result;
      } catch (e) {
        if (sc.peek() === EOF) throw new LexError("syntax error: missing '}'");
        throw e;
      }
      const value = this.getEnv(name);
      if (this.opts.skipUnsetEnv && value === undefined) return "${" + name + "/" + pattern + "/" + replacement + "}";
      try {
        return replacePattern(value ?? "", pattern, replacement, all);
      } catch (e) {
        if (e instanceof ShellPatternError) throw new LexError(e.message);
        throw e;
      }
    }
    throw new LexError(`unsupported modifier (${chs}) in substitution`);
  }

  private processName(): string {
    const sc = this.scanner;
    let name = "";
    while (sc.peek() !== EOF) {
      const ch = sc.peek();
      if (name.length === 0 && isGoDigit(ch)) {
        while (sc.peek() !== EOF && isGoDigit(sc.peek())) name += sc.next();
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) return sc.next();
      if (!isGoLetter(ch) && !isGoDigit(ch) && ch !== "_") break;
      name += sc.next();
    }
    return name;
  }

  private processPossibleHeredoc(): string {
    const sc = this.scanner;
    sc.next();
    if (sc.peek() !== "<") return "<";
    sc.next();
    let space = "";
    for (let ch = sc.peek(); ch === "\t" || ch === "\r" || ch === " "; ch = sc.peek()) {
      space += ch;
      sc.next();
    }
    return "<<" + space;
  }

  private getEnv(name: string): string | undefined {
    const value = this.env.get(name);
    if (this.capture) {
      if (value !== undefined) this.matched.add(name);
      else this.unmatched.add(name);
    }
    return value;
  }
}

/**
 * True when lexing cannot change the word: no `$`, quote or escape character and no leading BOM
 * (`<<` heredoc markers lex to themselves). Most words of a Dockerfile are like this.
 */
const NO_VARS: ReadonlySet<string> = new Set();

function isPlainWord(word: string, escapeToken: string): boolean {
  const esc = escapeToken.charCodeAt(0);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 36 /* $ */ || c === 39 /* ' */ || c === 34 /* " */ || c === esc || c === 0xfeff) return false;
  }
  return true;
}

function runLexer(
  word: string,
  env: ShellEnv,
  options: Partial<LexOptions> | undefined,
  capture: boolean,
): { result: string; words: string[]; matched: Set<string>; unmatched: Set<string> } {
  const opts: LexOptions = { ...DEFAULT_LEX_OPTIONS, ...options };
  const sw = new ShellWord(word, env, opts, capture);
  try {
    const { result, words } = sw.run();
    return { result, words, matched: sw.matched, unmatched: sw.unmatched };
  } catch (e) {
    if (e instanceof LexError) {
      const message = `failed to process ${goQuote(word)}: ${e.message}`;
      throw new DockerfileError("expansion", message, [], { reason: e.message });
    }
    throw e;
  }
}

/**
 * Expands one word (upstream `ProcessWordWithMatches`): quotes removed,
 * variables substituted, spaces kept. Throws a DockerfileError (kind
 * "expansion") with upstream's message, e.g. `failed to process "${A:?}": A: is not allowed to be unset`.
 */
export function expandWord(word: string, env: ShellEnv, options?: Partial<LexOptions>): ExpandResult {
  if (isPlainWord(word, options?.escapeToken ?? DEFAULT_LEX_OPTIONS.escapeToken)) return { result: word, matched: NO_VARS, unmatched: NO_VARS };
  const { result, matched, unmatched } = runLexer(word, env, options, true);
  return { result, matched, unmatched };
}

/**
 * Expands and splits into words (upstream `ProcessWords`): unquoted
 * whitespace (including whitespace coming from variables) separates words.
 */
export function expandWords(word: string, env: ShellEnv, options?: Partial<LexOptions>): string[] {
  return runLexer(word, env, options, false).words;
}
