// Every golden case compiles to the exact Definition upstream BuildKit's Dockerfile frontend wrote.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { encodeDefinition } from "../../llb/index";
import { formatLintWarning } from "../lint/linter";
import { convertDockerfile, type ConvertOptions } from "./convert";
import { fixturesResolver, isImageFixtures, unpinnedResolver } from "./image-config";
import { normalizePlatform, parsePlatform } from "./platform";
import { progressGroupId } from "./progress-groups";

const here = dirname(fileURLToPath(import.meta.url));
const golden = join(here, "../testdata/golden");
const goldenLlb = join(here, "../../llb/testdata/definitions");
interface GoldenCase {
  name: string;
  dockerfile: string;
  args: string[];
}
const cases = JSON.parse(readFileSync(join(golden, "cases.json"), "utf8")) as GoldenCase[];
const fixtures: unknown = JSON.parse(readFileSync(join(golden, "images.json"), "utf8"));

function optionsOf(args: string[]): Partial<ConvertOptions> {
  const o: Partial<ConvertOptions> = { buildArgs: {}, imageResolver: unpinnedResolver };
  for (let i = 0; i < args.length; i++) {
    const v = args[i + 1]!;
    switch (args[i]) {
      case "--image-fixtures":
        if (!isImageFixtures(fixtures)) throw new Error("bad fixtures");
        o.imageResolver = fixturesResolver(fixtures);
        i++;
        break;
      case "--session-id":
        o.sessionId = v;
        i++;
        break;
      case "--build-arg": {
        const [k, ...rest] = v.split("=");
        o.buildArgs![k!] = rest.join("=");
        i++;
        break;
      }
      case "--target":
        o.target = v;
        i++;
        break;
      case "--platform":
        o.platform = normalizePlatform(parsePlatform(v));
        i++;
        break;
    }
  }
  return o;
}

describe("Dockerfile → LLB matches upstream byte for byte", () => {
  it("has the golden cases", () => expect(cases.length).toBe(78));
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const text = readFileSync(join(golden, c.dockerfile.replace(/^dockerfiles\//, "")), "utf8");
    const result = convertDockerfile(text, optionsOf(c.args));
    const got = Buffer.from(encodeDefinition(result.definition));
    const want = readFileSync(join(goldenLlb, `${c.name}.llb`));
    expect(got.equals(want)).toBe(true);
  });
});

describe("lint warnings", () => {
  it.each([
    ["023-env-substitution.fixtures", ["UndefinedVar: Usage of undefined variable '$UNSET' (line 3)", "UndefinedVar: Usage of undefined variable '$B' (did you mean $A?) (line 3)"]],
  ])("%s", (name, want) => {
    const c = cases.find((x) => x.name === name)!;
    const text = readFileSync(join(golden, c.dockerfile.replace(/^dockerfiles\//, "")), "utf8");
    const got = convertDockerfile(text, optionsOf(c.args)).warnings.map(formatLintWarning);
    expect([...got].sort()).toEqual([...want].sort());
  });
});

describe("conversion errors name the line", () => {
  it.each([
    ["unknown target", "FROM alpine AS a\nRUN true\n", { target: "b" }, 'target stage "b" could not be found', 0],
    ["blank base", "ARG X\nFROM $X\n", {}, "base name ($X) should not be blank", 2],
    ["copy from a later stage", "FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\n", { target: "a" }, 'cannot copy from stage "b", it needs to be defined before current stage "a"', 2],
    ["circular stages", "FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=a /y /y\n", {}, "circular dependency detected on stage: a", -1],
    ["bad chmod", "FROM alpine\nCOPY --chmod=64a a /b\n", {}, "invalid chmod parameter: '64a'. it should be octal string and between 0 and 07777", 2],
    ["URL in COPY", "FROM alpine\nCOPY https://example.com/a /a\n", {}, "source can't be a URL for COPY", 2],
    ["variable in --from", "FROM alpine\nARG S=a\nCOPY --from=$S /a /a\n", {}, "variable expansion is not supported for --from", 3],
  ] as const)("%s", (_, text, opts, message, line) => {
    let err: unknown;
    try {
      convertDockerfile(text, opts);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ name: "DockerfileError" });
    const e = err as { message: string; ranges: { start: { line: number } }[] };
    expect(e.message).toContain(message);
    if (line > 0) expect(e.ranges[0]?.start.line).toBe(line);
  });
});

describe("progress group IDs", () => {
  it("follow the golden data's stable rule", () => {
    expect(progressGroupId(1)).toBe("8r5dlhdarw9bbv8ewc3ozfywe");
  });
});
