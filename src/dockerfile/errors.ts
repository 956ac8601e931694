/**
 * Located, typed errors for the Dockerfile front end (parser, instructions,
 * shell expansion, lint). Errors are plain-data friendly: every field is a
 * string/number/array so they survive structured cloning across a worker
 * boundary; use `toDockerfileErrorData` before posting and `isDockerfileError`
 * on the other side.
 */

/** A point in the Dockerfile: 1-based line, 0-based character (upstream uses 0 for "whole line"). */
export interface SourcePosition {
  line: number;
  character: number;
}

/** A section of the Dockerfile; upstream emits one range per line. */
export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

export type DockerfileErrorKind =
  /** `parser` stage: syntax problems (bad directive, bad JSON, unterminated heredoc, ...). */
  | "syntax"
  /** `instructions` stage: a command failed validation (wrapped as "dockerfile parse error on line N: ..."). */
  | "instruction"
  /** `instructions` stage: a command outside any stage ("no build stage in current context"). */
  | "no-stage"
  /** Input-level problems: empty Dockerfile, no stages, bad `# check=` options. */
  | "input"
  /** `shell` stage: word expansion failed. */
  | "expansion"
  /** `RUN --mount` / `--device` option parsing done at conversion time (with an expander). */
  | "mount"
  /** `# check=...;error=true` turned lint warnings into an error. */
  | "lint"
  /** `convert` stage: the Dockerfile is valid but cannot be turned into LLB (unknown stage, bad chmod …). */
  | "convert";

export interface DockerfileErrorData {
  name: "DockerfileError";
  kind: DockerfileErrorKind;
  /** The full message exactly as upstream BuildKit prints it. */
  message: string;
  /** The innermost message, without prefixes such as "dockerfile parse error on line N: ". */
  reason: string;
  ranges: SourceRange[];
  /** Plain-data cause (for wrapped errors), if any. */
  cause?: DockerfileErrorData | undefined;
}

export class DockerfileError extends Error implements DockerfileErrorData {
  override readonly name = "DockerfileError" as const;
  readonly kind: DockerfileErrorKind;
  readonly reason: string;
  readonly ranges: SourceRange[];
  override readonly cause: DockerfileErrorData | undefined;

  constructor(
    kind: DockerfileErrorKind,
    message: string,
    ranges: SourceRange[] = [],
    options: { reason?: string; cause?: DockerfileErrorData } = {},
  ) {
    super(message);
    this.kind = kind;
    this.reason = options.reason ?? message;
    this.ranges = ranges;
    this.cause = options.cause;
  }

  toJSON(): DockerfileErrorData {
    return toDockerfileErrorData(this);
  }
}

/** Copies an error into a plain object (safe for postMessage / JSON). */
export function toDockerfileErrorData(err: DockerfileErrorData): DockerfileErrorData {
  const data: DockerfileErrorData = {
    name: "DockerfileError",
    kind: err.kind,
    message: err.message,
    reason: err.reason,
    ranges: err.ranges.map((r) => ({
      start: { line: r.start.line, character: r.start.character },
      end: { line: r.end.line, character: r.end.character },
    })),
  };
  if (err.cause) data.cause = toDockerfileErrorData(err.cause);
  return data;
}

const KINDS: ReadonlySet<string> = new Set<DockerfileErrorKind>([
  "syntax",
  "instruction",
  "no-stage",
  "input",
  "expansion",
  "mount",
  "lint",
  "convert",
]);

/** True for `DockerfileError` instances and for their plain-data copies. */
export function isDockerfileError(value: unknown): value is DockerfileErrorData {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.name === "DockerfileError" &&
    typeof v.kind === "string" &&
    KINDS.has(v.kind) &&
    typeof v.message === "string" &&
    typeof v.reason === "string" &&
    Array.isArray(v.ranges)
  );
}

/** Upstream's `toRanges`: one range per line from start to end (end < start means start only). */
export function lineRanges(start: number, end: number): SourceRange[] {
  const last = end <= start ? start : end;
  const out: SourceRange[] = [];
  for (let line = start; line <= last; line++) {
    out.push({ start: { line, character: 0 }, end: { line, character: 0 } });
  }
  return out;
}
