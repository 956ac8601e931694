import { describe, expect, it } from "vitest";
import type { SourceRange } from "../errors";
import { parseStages } from "../instructions/parse-stages";
import { parseDockerfile } from "../parser/parse-dockerfile";
import { formatLintWarning, Linter } from "./linter";
import {
  createUsedOnceTracker,
  lintConstPlatform,
  lintInvalidDefaultArgInFrom,
  lintRedundantTargetPlatform,
  lintSecretKey,
  lintUndefinedArgsInFrom,
  lintUndefinedVars,
  lintWorkdirRelativePath,
} from "./stage-checks";

const at = (line: number): SourceRange[] => [{ start: { line, character: 0 }, end: { line, character: 0 } }];

const cases: { name: string; run: (lint: Linter) => void; expected: string[] }[] = [
  {
    name: "UndefinedVar with suggestion, declared ARGs skipped",
    run: (l) => lintUndefinedVars(["B", "DECLARED", "BUILDKIT_SBOM_SCAN_STAGE"], ["DECLARED"], ["A", "PATH"], at(3), l),
    expected: ["UndefinedVar: Usage of undefined variable '$B' (did you mean $A?) (line 3)"],
  },
  {
    name: "UndefinedArgInFrom",
    run: (l) => lintUndefinedArgsInFrom(["BULIDPLATFORM", "BASE"], ["BUILDPLATFORM", "BASE"], at(2), l),
    expected: ["UndefinedArgInFrom: FROM argument 'BULIDPLATFORM' is not declared (did you mean BUILDPLATFORM?) (line 2)"],
  },
  {
    name: "RedundantTargetPlatform",
    run: (l) =>
      lintRedundantTargetPlatform("$TARGETPLATFORM", new Set(["TARGETPLATFORM"]), new Set(), "linux/amd64", "linux/amd64", at(1), l),
    expected: ["RedundantTargetPlatform: Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior (line 1)"],
  },
  {
    name: "FromPlatformFlagConstDisallowed unless the stage name mentions it",
    run: (l) => {
      lintConstPlatform("build", "linux/arm64", false, { os: "linux", architecture: "arm64" }, at(1), l);
      lintConstPlatform("build-arm64", "linux/arm64", false, { os: "linux", architecture: "arm64" }, at(4), l);
    },
    expected: ['FromPlatformFlagConstDisallowed: FROM --platform flag should not use constant value "linux/arm64" (line 1)'],
  },
  {
    name: "SecretsUsedInArgOrEnv",
    run: (l) => ["GITHUB_TOKEN", "PUBLIC_KEY", "AUTH", "TOKENIZER", "db_password"].forEach((k) => lintSecretKey("ENV", k, at(5), l)),
    expected: [
      'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "GITHUB_TOKEN") (line 5)',
      'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "AUTH") (line 5)',
      'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "db_password") (line 5)',
    ],
  },
  {
    name: "WorkdirRelativePath only before an absolute one",
    run: (l) => {
      lintWorkdirRelativePath("app", false, false, at(2), l);
      lintWorkdirRelativePath("sub", false, true, at(3), l);
    },
    expected: ['WorkdirRelativePath: Relative workdir "app" can have unexpected results if the base image changes (line 2)'],
  },
  {
    name: "MultipleInstructionsDisallowed reports the earlier one",
    run: (l) => {
      const stage = parseStages(parseDockerfile("FROM a\nCMD a\nCMD b\n")).stages[0];
      const t = createUsedOnceTracker(l);
      for (const c of stage?.commands ?? []) t.use(c);
    },
    expected: ["MultipleInstructionsDisallowed: Multiple CMD instructions should not be used in the same stage because only the last one will be used (line 2)"],
  },
  {
    name: "InvalidDefaultArgInFrom",
    run: (l) => {
      const stage = parseStages(parseDockerfile("ARG TAG\nFROM golang:$TAG\n")).stages[0];
      if (stage) lintInvalidDefaultArgInFrom(stage, "golang:", l);
    },
    expected: ["InvalidDefaultArgInFrom: Default value for ARG golang:$TAG results in empty or invalid base image name (line 2)"],
  },
];

describe("conversion-time lint helpers", () => {
  it.each(cases)("$name", ({ run, expected }) => {
    const lint = Linter.create();
    run(lint);
    expect(lint.warnings.map(formatLintWarning)).toEqual(expected);
  });

  it("skip rules apply to helpers too", () => {
    const lint = Linter.create({ skipRules: ["UndefinedVar"] });
    lintUndefinedVars(["X"], [], [], at(1), lint);
    expect(lint.warnings).toEqual([]);
  });
});
