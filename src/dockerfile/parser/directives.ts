/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`): only at the top of
 * the file, each at most once; the first other line ends the directive block.
 */
import { trimLeftGoSpace } from "../go-text";
import type { ParserDirective } from "./ast";

const DIRECTIVE_RE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/u;
const KNOWN = new Set(["syntax", "escape", "check"]);

export class DirectiveError extends Error {}

/** Stateful line-by-line directive reader (upstream `DirectiveParser`). */
export class DirectiveReader {
  private line = 0;
  private done = false;
  private readonly seen = new Set<string>();
  constructor(
    private readonly commentPrefix = "#",
    startLine = 0,
  ) {
    this.line = startLine;
  }

  /** Returns the directive on this line, null otherwise; throws DirectiveError on a repeat. */
  readLine(text: string): ParserDirective | null {
    this.line++;
    if (this.done) return null;
    if (!text.startsWith(this.commentPrefix)) {
      this.done = true;
      return null;
    }
    const rest = trimLeftGoSpace(text.slice(this.commentPrefix.length));
    const m = DIRECTIVE_RE.exec(rest);
    if (!m) {
      this.done = true;
      return null;
    }
    const name = (m[1] ?? "").toLowerCase();
    if (!KNOWN.has(name)) {
      this.done = true;
      return null;
    }
    if (this.seen.has(name)) throw new DirectiveError(`only one ${name} parser directive can be used`);
    this.seen.add(name);
    return { name: name as ParserDirective["name"], value: m[2] ?? "", line: this.line };
  }

  get finished(): boolean {
    return this.done;
  }
}

/** Lines of `text` (without `\r\n` endings, no empty last line), produced lazily: directives only need the first few. */
function* splitLines(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const l = text.slice(start, end);
    yield l.endsWith("\r") ? l.slice(0, -1) : l;
    start = end + 1;
  }
}

/**
 * Finds a directive's value the way upstream `ParseDirective`/`DetectSyntax`
 * does (BOM and a `#!` shebang line skipped). `anyFormat` (syntax only) also
 * accepts `// key=value` and a JSON document `{"key": "..."}`.
 */
export function findDirective(
  key: "syntax" | "escape" | "check",
  text: string,
  anyFormat = false,
): { value: string; full: string; line: number } | null {
  let dt = text.startsWith("\ufeff") ? text.slice(1) : text;
  let line = 0;
  const nl = dt.indexOf("\n");
  const first = nl < 0 ? dt : dt.slice(0, nl);
  if (first.startsWith("#!")) {
    dt = nl < 0 ? "" : dt.slice(nl + 1);
    line = 1;
  }
  const prefixes = anyFormat ? ["#", "//"] : ["#"];
  for (const prefix of prefixes) {
    const reader = new DirectiveReader(prefix, line);
    for (const l of splitLines(dt)) {
      if (reader.finished) break;
      let d: ParserDirective | null;
      try {
        d = reader.readLine(l);
      } catch {
        break;
      }
      if (d && d.name === key) {
        const sp = d.value.indexOf(" ");
        return { value: sp < 0 ? d.value : d.value.slice(0, sp), full: d.value, line: d.line };
      }
    }
  }
  if (anyFormat) {
    try {
      const parsed: unknown = JSON.parse(dt);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        const v = (parsed as Record<string, unknown>)[key];
        if (typeof v === "string") return { value: v, full: v, line };
      }
    } catch {
      // not JSON
    }
  }
  return null;
}
