/**
 * The whole front half in one call, in upstream's order (dockerfile2llb
 * `toDispatchState` up to the conversion): empty check, `# check=` options,
 * parse, NoEmptyContinuation, instructions (+ syntactic lint), "no stages",
 * stage-name and casing lint.
 */
import { DockerfileError } from "./errors";
import type { ArgCommand, Stage } from "./instructions/commands";
import { parseStages } from "./instructions/parse-stages";
import { type LintConfig, Linter, parseLintOptions } from "./lint/linter";
import { lintMessages } from "./lint/rules";
import { lintCommandCasing, lintStageNames } from "./lint/stage-checks";
import type { DockerfileAst } from "./parser/ast";
import { findDirective } from "./parser/directives";
import { parseDockerfile } from "./parser/parse-dockerfile";

export interface FrontEndOptions {
  /** Lint configuration from the client; when set, the `# check=` directive is ignored (like upstream). */
  lintConfig: LintConfig | undefined;
}

export interface FrontEndResult {
  ast: DockerfileAst;
  stages: Stage[];
  /** Global ARGs (before the first FROM). */
  metaArgs: ArgCommand[];
  /** `\` or `` ` ``: pass to the shell lexer for every expansion. */
  escapeToken: string;
  /** `# syntax=` value if present. */
  syntax: string | undefined;
  /** The linter holding the warnings so far; keep using it during conversion. */
  linter: Linter;
}

/**
 * Parses a Dockerfile into stages. Throws DockerfileError with upstream's
 * messages ("the Dockerfile cannot be empty", "failed to parse check options: ...",
 * parser errors, "dockerfile parse error on line N: ...", "no build stage in
 * current context", "dockerfile contains no stages to build").
 */
export function parseDockerfileStages(text: string, options: Partial<FrontEndOptions> = {}): FrontEndResult {
  if (text.length === 0) throw new DockerfileError("input", "the Dockerfile cannot be empty");
  let config = options.lintConfig;
  if (!config) {
    const check = findDirective("check", text);
    try {
      config = parseLintOptions(check?.value ?? "");
    } catch (e) {
      if (e instanceof DockerfileError) {
        throw new DockerfileError("input", `failed to parse check options: ${e.message}`, [], { reason: e.message });
      }
      throw e;
    }
  }
  const linter = Linter.create(config);
  const ast = parseDockerfile(text);
  for (const w of ast.warnings) {
    linter.run(
      "NoEmptyContinuation",
      [{ start: { line: w.line, character: 0 }, end: { line: w.line, character: 0 } }],
      lintMessages.NoEmptyContinuation(),
    );
  }
  const { stages, metaArgs } = parseStages(ast, linter);
  if (stages.length === 0) throw new DockerfileError("input", "dockerfile contains no stages to build");
  lintStageNames(stages, linter);
  lintCommandCasing(stages, linter);
  const syntax = findDirective("syntax", text, true);
  return { ast, stages, metaArgs, escapeToken: ast.escapeToken, syntax: syntax?.value, linter };
}
