/** AST of a Dockerfile, as produced by `parseDockerfile` (upstream `parser.Node`). */
import type { SourceRange } from "../errors";

/** A heredoc attached to an instruction (`<<EOF ... EOF`). */
export interface Heredoc {
  /** The delimiter word, unquoted (`EOF` for `<<"EOF"`). */
  name: string;
  /** File descriptor prefix (`3<<EOF` -> 3), 0 when absent. */
  fileDescriptor: number;
  /** False when any part of the delimiter was quoted: the body must not be expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body (see `chompHeredocContent`). */
  chomp: boolean;
  /** The body, exactly as in the file (line endings kept, terminator excluded). */
  content: string;
}

/** One instruction line (with its continuation lines and heredoc bodies). */
export interface InstructionNode {
  /** The instruction keyword as written (`RUN`, `run`, `Copy`, or an unknown word). */
  command: string;
  /** Builder flags as written after the keyword (`--from=build`), quotes/escapes resolved. */
  flags: string[];
  /**
   * Arguments after the parser's per-instruction splitting (upstream `Next` chain):
   * ENV/LABEL give key, value, delimiter triples; exec form gives the JSON strings; etc.
   */
  args: string[];
  /** ONBUILD only: the trigger instruction parsed as its own node. */
  subcommand?: InstructionNode | undefined;
  /** True when the arguments were a JSON array (exec form). */
  json: boolean;
  heredocs: Heredoc[];
  /** The logical line (continuations joined, comment lines dropped), untrimmed. */
  original: string;
  /** 1-based first line. */
  startLine: number;
  /** 1-based last line (including heredoc bodies and terminators). */
  endLine: number;
  /** Comment lines directly above the instruction (without `#`). */
  comments: string[];
}

/** A `# name=value` parser directive at the top of the file. */
export interface ParserDirective {
  name: "syntax" | "escape" | "check";
  value: string;
  /** 1-based line. */
  line: number;
}

/** A warning the parser reports (upstream: empty continuation lines). */
export interface ParserWarning {
  short: string;
  detail: string;
  url: string;
  /** 1-based line (the last line of the instruction). */
  line: number;
}

export interface DockerfileAst {
  instructions: InstructionNode[];
  /** First line of the first instruction. */
  startLine: number;
  /** Last line of the last instruction. */
  endLine: number;
  /** `\` or `` ` ``. */
  escapeToken: string;
  directives: ParserDirective[];
  warnings: ParserWarning[];
}

export function nodeRanges(node: { startLine: number; endLine: number }): SourceRange[] {
  const out: SourceRange[] = [];
  const last = node.endLine <= node.startLine ? node.startLine : node.endLine;
  for (let line = node.startLine; line <= last; line++) {
    out.push({ start: { line, character: 0 }, end: { line, character: 0 } });
  }
  return out;
}
