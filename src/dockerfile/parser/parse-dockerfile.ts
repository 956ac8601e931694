/**
 * Dockerfile text -> AST, with BuildKit's `frontend/dockerfile/parser`
 * semantics: parser directives, escape token, line continuations (comment
 * and empty lines allowed inside), heredocs, per-instruction argument
 * parsing and the empty-continuation-line warning.
 */
import { DockerfileError, lineRanges } from "../errors";
import { trimGoSpace, trimLeftGoSpace, utf8Length } from "../go-text";
import type { DockerfileAst, Heredoc, InstructionNode, ParserDirective, ParserWarning } from "./ast";
import { DirectiveError, DirectiveReader } from "./directives";
import { heredocsFromLine } from "./heredoc";
import { LineParseError, lineParserFor, parseArgs } from "./line-parsers";
import { splitCommand } from "./split-command";

const MAX_LINE_BYTES = 65535;
const HEREDOC_COMMANDS = new Set(["add", "copy", "run"]);

class LineScanner {
  private pos = 0;
  failed = false;
  constructor(private readonly text: string) {}
  /** Next line including its "\n" (if any), or null at EOF / after an overlong line. */
  next(): string | null {
    if (this.failed || this.pos >= this.text.length) return null;
    const nl = this.text.indexOf("\n", this.pos);
    const end = nl < 0 ? this.text.length : nl + 1;
    const line = this.text.slice(this.pos, end);
    const body = nl < 0 ? line : line.slice(0, -1);
    if (body.length >= MAX_LINE_BYTES / 3 && utf8Length(body) > MAX_LINE_BYTES) {
      this.failed = true;
      return null;
    }
    this.pos = end;
    return line;
  }
}

function trimNewline(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === "\n" || s[end - 1] === "\r")) end--;
  return s.slice(0, end);
}

function isComment(line: string): boolean {
  return trimLeftGoSpace(line).startsWith("#");
}

function isEmptyContinuationLine(line: string): boolean {
  return trimLeftGoSpace(trimNewline(line)).length === 0;
}

class EscapeState {
  token = "\\";
  private re = EscapeState.build("\\");
  static build(token: string): RegExp {
    const t = token === "\\" ? "\\\\" : "`";
    return new RegExp(`([^${t}])${t}[ \\t]*$|^${t}[ \\t]*$`, "u");
  }
  set(value: string): void {
    if (value !== "`" && value !== "\\") {
      throw new DirectiveError(`invalid escape token '${value}' does not match \` or \\`);
    }
    this.token = value;
    this.re = EscapeState.build(value);
  }
  /** Strips a trailing continuation token; `end` is false when the line continues. */
  trimContinuation(line: string): { line: string; end: boolean } {
    const m = this.re.exec(line);
    if (!m) return { line, end: true };
    return { line: line.slice(0, m.index) + (m[1] ?? ""), end: false };
  }
}

interface LineContext {
  escape: EscapeState;
  directives: DirectiveReader;
  found: ParserDirective[];
}

/** processLine: trim newline (and leading space), look for a directive, drop comments. */
function processLine(ctx: LineContext, raw: string, stripLeft: boolean): { line: string; directive: boolean } {
  let token = trimNewline(raw);
  if (stripLeft) token = trimLeftGoSpace(token);
  const d = ctx.directives.readLine(token);
  let directive = false;
  if (d) {
    if (d.name === "escape") ctx.escape.set(d.value);
    ctx.found.push(d);
    directive = true;
  }
  return { line: isComment(token) ? "" : token, directive };
}

/** Builds one node from a logical line (upstream newNodeFromLine). */
export function nodeFromLine(line: string, escapeToken: string, comments: string[]): InstructionNode {
  const { command, flags, args } = splitCommand(line, escapeToken);
  const parsed = parseArgs(lineParserFor(command), args, escapeToken);
  const node: InstructionNode = {
    command,
    flags,
    args: parsed.args,
    json: parsed.json,
    heredocs: [],
    original: line,
    startLine: 0,
    endLine: 0,
    comments,
  };
  if (parsed.subcommandLine !== undefined) {
    node.subcommand = nodeFromLine(parsed.subcommandLine, escapeToken, []);
  }
  return node;
}

function canContainHeredoc(node: InstructionNode): boolean {
  let n = node;
  if (n.command.toLowerCase() === "onbuild" && n.subcommand) n = n.subcommand;
  return HEREDOC_COMMANDS.has(n.command.toLowerCase()) && !n.json;
}

function syntaxError(err: unknown, start: number, end: number): DockerfileError {
  if (err instanceof DockerfileError) {
    return new DockerfileError(err.kind, err.message, [...lineRanges(start, end), ...err.ranges], {
      reason: err.reason,
    });
  }
  if (err instanceof LineParseError || err instanceof DirectiveError) {
    return new DockerfileError("syntax", err.message, lineRanges(start, end));
  }
  throw err;
}

/**
 * Parses Dockerfile text into an AST. Throws a DockerfileError (kind
 * "syntax") with upstream's message and line ranges, e.g. "unterminated
 * heredoc" or "file with no instructions".
 */
export function parseDockerfile(text: string): DockerfileAst {
  const escape = new EscapeState();
  const ctx: LineContext = { escape, directives: new DirectiveReader(), found: [] };
  const scanner = new LineScanner(text);
  const instructions: InstructionNode[] = [];
  const warnings: ParserWarning[] = [];
  let currentLine = 0;
  let comments: string[] = [];

  for (let raw = scanner.next(); raw !== null; raw = scanner.next()) {
    if (currentLine === 0 && raw.startsWith("\ufeff")) raw = raw.slice(1);
    if (isComment(raw)) {
      const comment = trimGoSpace(raw.slice(1));
      comments = comment === "" ? [] : [...comments, comment];
    }
    let first: { line: string; directive: boolean };
    try {
      first = processLine(ctx, raw, true);
    } catch (e) {
      throw syntaxError(e, currentLine, 0);
    }
    if (first.directive) comments = comments.slice(0, -1);
    currentLine++;
    const startLine = currentLine;
    let { line: text0, end: isEnd } = escape.trimContinuation(first.line);
    if (isEnd && text0.length === 0) continue;
    let buf = text0;
    let hasEmptyContinuation = false;
    while (!isEnd) {
      const nextRaw = scanner.next();
      if (nextRaw === null) break;
      let cont: string;
      try {
        cont = processLine(ctx, nextRaw, false).line;
      } catch (e) {
        throw syntaxError(e, currentLine, 0);
      }
      currentLine++;
      if (isComment(nextRaw)) continue;
      if (isEmptyContinuationLine(cont)) {
        hasEmptyContinuation = true;
        continue;
      }
      const t = escape.trimContinuation(cont);
      buf += t.line;
      isEnd = t.end;
    }
    const line = buf;
    if (hasEmptyContinuation) {
      warnings.push({
        short: "Empty continuation line found in: " + line,
        detail: "Empty continuation lines will become errors in a future release",
        url: "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/",
        line: currentLine,
      });
    }
    let child: InstructionNode;
    try {
      child = nodeFromLine(line, escape.token, comments);
    } catch (e) {
      throw syntaxError(e, startLine, currentLine);
    }
    if (canContainHeredoc(child) && line.includes("<<")) {
      let heredocs: Heredoc[];
      try {
        heredocs = heredocsFromLine(line);
      } catch (e) {
        throw syntaxError(e, startLine, currentLine);
      }
      for (const heredoc of heredocs) {
        let terminated = false;
        let content = heredoc.content;
        for (let body = scanner.next(); body !== null; body = scanner.next()) {
          currentLine++;
          let candidate = trimNewline(body);
          if (heredoc.chomp) candidate = candidate.replace(/^\t+/u, "");
          if (candidate === heredoc.name) {
            terminated = true;
            break;
          }
          content += body;
        }
        if (!terminated) {
          throw new DockerfileError("syntax", "unterminated heredoc", lineRanges(startLine, currentLine));
        }
        child.heredocs.push({ ...heredoc, content });
      }
    }
    child.startLine = startLine;
    child.endLine = currentLine;
    instructions.push(child);
    comments = [];
  }

  if (instructions.length === 0) {
    throw new DockerfileError("syntax", "file with no instructions", lineRanges(currentLine, 0));
  }
  if (scanner.failed) {
    throw new DockerfileError(
      "syntax",
      `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
      lineRanges(currentLine, 0),
    );
  }
  const firstNode = instructions[0];
  const lastNode = instructions[instructions.length - 1];
  return {
    instructions,
    startLine: firstNode?.startLine ?? 0,
    endLine: lastNode?.endLine ?? 0,
    escapeToken: escape.token,
    directives: ctx.found,
    warnings,
  };
}
