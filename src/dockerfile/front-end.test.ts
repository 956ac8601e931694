import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isDockerfileError } from "./errors";
import { parseDockerfileStages } from "./front-end";
import { formatLintWarning } from "./lint/linter";

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), "testdata", "golden");
const goldenCases = readdirSync(goldenDir)
  .filter((f) => f.endsWith(".Dockerfile"))
  .sort()
  .map((file) => ({ name: file.replace(/\.Dockerfile$/, ""), file }));

describe("golden Dockerfiles (compiled fine by upstream)", () => {
  it.each(goldenCases)("$name parses without errors or syntactic warnings", ({ file }) => {
    const text = readFileSync(join(goldenDir, file), "utf8");
    const result = parseDockerfileStages(text);
    expect(result.stages.length).toBeGreaterThan(0);
    expect(result.linter.warnings.map(formatLintWarning)).toEqual([]);
    for (const stage of result.stages) expect(stage.sourceCode).toMatch(/^from\s/i);
  });

  it("reads the escape token and syntax", () => {
    const r = parseDockerfileStages(readFileSync(join(goldenDir, "018-escape-directive.Dockerfile"), "utf8"));
    expect(r.escapeToken).toBe("`");
    const s = parseDockerfileStages(readFileSync(join(goldenDir, "032-syntax-and-check-directives.Dockerfile"), "utf8"));
    expect(s.syntax).toBe("docker/dockerfile:1");
  });
});

const warningCases: { name: string; input: string; warnings: string[]; lintError?: string }[] = [
  {
    name: "stage name casing and FROM/AS casing",
    input: "FROM a as Build\nRUN x\n",
    warnings: [
      "StageNameCasing: Stage name 'Build' should be lowercase (line 1)",
      "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
    ],
  },
  {
    name: "maintainer deprecated",
    input: "FROM a\nMAINTAINER me\n",
    warnings: ["MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 2)"],
  },
  {
    name: "empty continuation reported first",
    input: "FROM a AS X\nRUN a \\\n\n  b\n",
    warnings: [
      "NoEmptyContinuation: Empty continuation line (line 4)",
      "StageNameCasing: Stage name 'X' should be lowercase (line 1)",
    ],
  },
  {
    name: "duplicate and reserved stage names",
    input: "FROM a AS b\nFROM a AS b\nFROM a AS scratch\n",
    warnings: [
      'DuplicateStageName: Duplicate stage name "b", stage names should be unique (line 2)',
      'ReservedStageName: Stage name should not use the same name as reserved stage "scratch" (line 3)',
    ],
  },
  {
    name: "inconsistent instruction casing",
    input: "FROM a\nrun x\nRUN y\nCopy a b\n",
    warnings: [
      "ConsistentInstructionCasing: Command 'run' should match the case of the command majority (uppercase) (line 2)",
      "ConsistentInstructionCasing: Command 'Copy' should match the case of the command majority (uppercase) (line 4)",
    ],
  },
  {
    name: "check=skip directive",
    input: "# check=skip=StageNameCasing,FromAsCasing\nFROM a as Build\n",
    warnings: [],
  },
  {
    name: "check comment on one instruction",
    input: "FROM a AS ok\n# check=skip=MaintainerDeprecated\nMAINTAINER x\nMAINTAINER y\n",
    warnings: ["MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 4)"],
  },
  {
    name: "check=error=true",
    input: "# check=error=true\nFROM a as b\n",
    warnings: ["FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 2)"],
    lintError: "lint violation found for rules: FromAsCasing",
  },
  {
    name: "experimental rule enabled",
    input: "# check=experimental=InvalidDefinitionDescription\n# this builds\nFROM a AS build\n",
    warnings: ["InvalidDefinitionDescription: Comment for FROM should follow the format: `# build <description>` (line 3)"],
  },
];

describe("front-end lint warnings", () => {
  it.each(warningCases)("$name", ({ input, warnings, lintError }) => {
    const r = parseDockerfileStages(input);
    expect(r.linter.warnings.map(formatLintWarning)).toEqual(warnings);
    expect(r.linter.error()?.message ?? undefined).toBe(lintError);
  });
});

const errorCases: { name: string; input: string; message: string; kind: string }[] = [
  { name: "empty", input: "", message: "the Dockerfile cannot be empty", kind: "input" },
  { name: "only ARGs", input: "ARG A=1\n", message: "dockerfile contains no stages to build", kind: "input" },
  { name: "bad check option", input: "# check=foo\nFROM a\n", message: 'failed to parse check options: invalid check option "foo"', kind: "input" },
  {
    name: "bad check error value",
    input: "# check=error=maybe\nFROM a\n",
    message: 'failed to parse check options: failed to parse check option "error=maybe": strconv.ParseBool: parsing "maybe": invalid syntax',
    kind: "input",
  },
  { name: "whitespace only", input: " \n", message: "file with no instructions", kind: "syntax" },
];

describe("front-end errors", () => {
  it.each(errorCases)("$name", ({ input, message, kind }) => {
    let caught: unknown;
    try {
      parseDockerfileStages(input);
    } catch (e) {
      caught = e;
    }
    expect(isDockerfileError(caught)).toBe(true);
    if (isDockerfileError(caught)) {
      expect(caught.message).toBe(message);
      expect(caught.kind).toBe(kind);
    }
  });

  it("errors survive structured cloning as plain data", () => {
    let caught: unknown;
    try {
      parseDockerfileStages("FROM a\nCOPY x\n");
    } catch (e) {
      caught = e;
    }
    const clone: unknown = JSON.parse(JSON.stringify(caught));
    expect(isDockerfileError(clone)).toBe(true);
    expect(clone).toMatchObject({ kind: "instruction", ranges: [{ start: { line: 2, character: 0 } }] });
  });
});
