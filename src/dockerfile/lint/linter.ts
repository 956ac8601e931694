/**
 * Lint runner with upstream's configuration model: `# check=skip=A,B;error=true;experimental=C`
 * at the top of the file, merged with per-instruction `# check=...` comments.
 */
import { DockerfileError, type SourceRange } from "../errors";
import { goQuote } from "../go-text";
import { DirectiveReader } from "../parser/directives";
import { LINT_RULES, type LintRuleName } from "./rules";

export interface LintConfig {
  experimentalAll: boolean;
  experimentalRules: string[];
  returnAsError: boolean;
  skipAll: boolean;
  skipRules: string[];
}

export interface LintWarning {
  rule: string;
  description: string;
  url: string;
  /** The formatted message, e.g. `Stage name 'Foo' should be lowercase`. */
  message: string;
  ranges: SourceRange[];
}

function parseBool(v: string): boolean | null {
  switch (v) {
    case "1":
    case "t":
    case "T":
    case "TRUE":
    case "true":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "FALSE":
    case "false":
    case "False":
      return false;
  }
  return null;
}

function splitList(v: string): string[] {
  return v.split(",").map((s) => s.trim());
}

/**
 * Parses the value of a `# check=` directive. Throws a DockerfileError
 * (kind "input") with upstream's message, e.g. `invalid check option "foo"`.
 */
export function parseLintOptions(check: string): LintConfig {
  const config: LintConfig = {
    experimentalAll: false,
    experimentalRules: [],
    returnAsError: false,
    skipAll: false,
    skipRules: [],
  };
  const str = check.trim();
  if (str === "") return config;
  const parts = str.split(";");
  if (parts.length > 3) parts.splice(2, parts.length - 2, parts.slice(2).join(";"));
  for (const p of parts) {
    const eq = p.indexOf("=");
    if (eq < 0) throw new DockerfileError("input", `invalid check option ${goQuote(p)}`);
    const k = p.slice(0, eq).trim();
    let v = p.slice(eq + 1);
    switch (k) {
      case "skip":
        v = v.trim();
        if (v === "all") config.skipAll = true;
        else config.skipRules = splitList(v);
        break;
      case "experimental":
        v = v.trim();
        if (v === "all") config.experimentalAll = true;
        else config.experimentalRules = splitList(v);
        break;
      case "error": {
        const b = parseBool(v.trim());
        if (b === null) {
          throw new DockerfileError(
            "input",
            `failed to parse check option ${goQuote(p)}: strconv.ParseBool: parsing ${goQuote(v.trim())}: invalid syntax`,
          );
        }
        config.returnAsError = b;
        break;
      }
      default:
        throw new DockerfileError("input", `invalid check option ${goQuote(k)}`);
    }
  }
  return config;
}

/** Formats a warning like the reference output: `Rule: message (line N)`. */
export function formatLintWarning(w: LintWarning): string {
  const line = w.ranges[0]?.start.line ?? 0;
  return line > 0 ? `${w.rule}: ${w.message} (line ${line})` : `${w.rule}: ${w.message}`;
}

interface LinterState {
  warnings: LintWarning[];
  calledRules: string[];
}

/** Collects warnings; immutable config, shared sink (like upstream's pointer fields). */
export class Linter {
  private constructor(
    private readonly config: LintConfig,
    private readonly state: LinterState,
  ) {}

  static create(config?: Partial<LintConfig>): Linter {
    return new Linter(
      {
        experimentalAll: false,
        experimentalRules: [],
        returnAsError: false,
        skipAll: false,
        skipRules: [],
        ...config,
      },
      { warnings: [], calledRules: [] },
    );
  }

  /** Warnings reported so far, in order. */
  get warnings(): readonly LintWarning[] {
    return this.state.warnings;
  }

  /** Reports a rule violation unless the rule is skipped (or experimental and not enabled). */
  run(name: LintRuleName, ranges: SourceRange[], message?: string): void {
    const rule = LINT_RULES[name];
    if ("deprecated" in rule && rule.deprecated) return;
    if ("experimental" in rule && rule.experimental) {
      if (!this.config.experimentalAll && !this.config.experimentalRules.includes(rule.name)) return;
    } else if (this.config.skipAll || this.config.skipRules.includes(rule.name)) {
      return;
    }
    this.state.calledRules.push(rule.name);
    this.state.warnings.push({
      rule: rule.name,
      description: rule.description,
      url: rule.url,
      message: message ?? rule.description,
      ranges,
    });
  }

  withMergedConfig(other: LintConfig): Linter {
    const c = this.config;
    return new Linter(
      {
        experimentalAll: c.experimentalAll || other.experimentalAll,
        experimentalRules: [...c.experimentalRules, ...other.experimentalRules],
        returnAsError: c.returnAsError,
        skipAll: c.skipAll || other.skipAll,
        skipRules: [...c.skipRules, ...other.skipRules],
      },
      this.state,
    );
  }

  /** Applies the first `check=...` found among an instruction's comment lines. */
  withMergedConfigFromComments(comments: readonly string[]): Linter {
    for (const comment of comments) {
      const reader = new DirectiveReader("");
      let d;
      try {
        d = reader.readLine(comment);
      } catch {
        d = null;
      }
      if (!d || d.name !== "check") continue;
      const sp = d.value.indexOf(" ");
      const v = sp < 0 ? d.value : d.value.slice(0, sp);
      try {
        return this.withMergedConfig(parseLintOptions(v));
      } catch {
        return this;
      }
    }
    return this;
  }

  /** With `error=true`: an error naming every rule that fired, else null. */
  error(): DockerfileError | null {
    if (!this.config.returnAsError || this.state.calledRules.length === 0) return null;
    const unique = [...new Set(this.state.calledRules)];
    return new DockerfileError("lint", `lint violation found for rules: ${unique.join(", ")}`);
  }
}
