// Conversion-time lint rules, wired where BuildKit's dockerfile2llb runs them: FROM expressions
// (UndefinedArgInFrom, InvalidDefaultArgInFrom, RedundantTargetPlatform,
// FromPlatformFlagConstDisallowed), resolved base images (InvalidBaseImagePlatform) and the
// dispatchers (LegacyKeyValueFormat, SecretsUsedInArgOrEnv, JSONArgsRecommended,
// MultipleInstructionsDisallowed, Expose*), with `# check=` comments and `error=true`.
import { describe, expect, it } from "vitest";
import { formatLintWarning } from "../lint/linter";
import { convertDockerfile, type ConvertOptions } from "./convert";
import { fixturesResolver, type ImageConfig } from "./image-config";

const amd64Alpine: ImageConfig = {
  architecture: "amd64",
  os: "linux",
  config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] },
  rootfs: { type: "layers", diff_ids: ["sha256:1111111111111111111111111111111111111111111111111111111111111111"] },
};
const amd64Only = fixturesResolver({
  "docker.io/library/alpine:3.20": { digest: "sha256:2222222222222222222222222222222222222222222222222222222222222222", config: amd64Alpine },
});
const arm64: ConvertOptions["platform"] = { os: "linux", architecture: "arm64" };

function warningsOf(text: string, options: Partial<ConvertOptions> = {}): string[] {
  return convertDockerfile(text, options).warnings.map(formatLintWarning).sort();
}

describe("conversion-time lint rules", () => {
  it.each<[string, string, Partial<ConvertOptions>, string[]]>([
    ["UndefinedArgInFrom", "ARG TAG=3\nFROM alpine:${TAG}${SUFFIX}\n", {}, ["UndefinedArgInFrom: FROM argument 'SUFFIX' is not declared (line 2)"]],
    [
      "UndefinedArgInFrom suggests a declared ARG",
      "ARG VERSION=3\nFROM alpine:3${VERSIO}\n",
      {},
      ["UndefinedArgInFrom: FROM argument 'VERSIO' is not declared (did you mean VERSION?) (line 2)"],
    ],
    ["UndefinedArgInFrom accepts predefined platform ARGs", "FROM --platform=$BUILDPLATFORM alpine\n", {}, []],
    ["UndefinedArgInFrom accepts ARGs without a value", "ARG TAG\nFROM alpine:3${TAG}\n", {}, []],
    [
      "UndefinedArgInFrom in --platform",
      "FROM --platform=${PLAT:-linux/amd64} alpine\n",
      {},
      ["UndefinedArgInFrom: FROM argument 'PLAT' is not declared (line 1)"],
    ],
    [
      "InvalidDefaultArgInFrom ignores --build-arg values",
      "ARG TAG\nFROM alpine:${TAG}\n",
      { buildArgs: { TAG: "3.20" } },
      ["InvalidDefaultArgInFrom: Default value for ARG alpine:${TAG} results in empty or invalid base image name (line 2)"],
    ],
    ["InvalidDefaultArgInFrom: a valid default", "ARG TAG=3.20\nFROM alpine:${TAG}\n", { buildArgs: { TAG: "3.21" } }, []],
    [
      "RedundantTargetPlatform",
      "FROM --platform=$TARGETPLATFORM alpine\n",
      {},
      ["RedundantTargetPlatform: Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior (line 1)"],
    ],
    [
      "FromPlatformFlagConstDisallowed",
      "FROM --platform=linux/arm64 alpine AS build\n",
      {},
      ['FromPlatformFlagConstDisallowed: FROM --platform flag should not use constant value "linux/arm64" (line 1)'],
    ],
    ["FromPlatformFlagConstDisallowed: the stage is named after the arch", "FROM --platform=linux/arm64 alpine AS build-arm64\n", {}, []],
    [
      "InvalidBaseImagePlatform",
      "FROM alpine:3.20\nRUN true\n",
      { imageResolver: amd64Only, platform: arm64 },
      ['InvalidBaseImagePlatform: Base image alpine:3.20 was pulled with platform "linux/amd64", expected "linux/arm64" for current build (line 1)'],
    ],
    ["InvalidBaseImagePlatform: unpinned images follow the platform", "FROM alpine:3.20\nRUN true\n", { platform: arm64 }, []],
    ["InvalidBaseImagePlatform: unreachable stages are not resolved", "FROM alpine:3.20 AS unused\nFROM scratch\n", { imageResolver: amd64Only, platform: arm64 }, []],
    [
      "LegacyKeyValueFormat for ENV and LABEL",
      "FROM alpine\nENV A 1\nLABEL b 2\nENV C=3\n",
      {},
      [
        'LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format (line 2)',
        'LegacyKeyValueFormat: "LABEL key=value" should be used instead of legacy "LABEL key value" format (line 3)',
      ],
    ],
    [
      "SecretsUsedInArgOrEnv",
      "FROM alpine\nARG API_KEY\nENV DB_PASSWORD=x PUBLIC_KEY=y\nARG VERSION_TOKEN_FILE=z\n",
      {},
      [
        'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "API_KEY") (line 2)',
        'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD") (line 3)',
      ],
    ],
    ["SecretsUsedInArgOrEnv: global ARGs are not checked", "ARG GITHUB_TOKEN\nFROM alpine\n", {}, []],
    [
      "JSONArgsRecommended for CMD and ENTRYPOINT",
      "FROM alpine\nENTRYPOINT exec app\nCMD app help\n",
      {},
      [
        "JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 3)",
        "JSONArgsRecommended: JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals (line 2)",
      ],
    ],
    ["JSONArgsRecommended: not after SHELL", 'FROM alpine\nSHELL ["/bin/bash", "-c"]\nCMD echo hi\n', {}, []],
    [
      "MultipleInstructionsDisallowed reports the earlier one",
      'FROM alpine\nCMD ["a"]\nHEALTHCHECK NONE\nCMD ["b"]\nHEALTHCHECK NONE\nENTRYPOINT ["c"]\n',
      {},
      [
        "MultipleInstructionsDisallowed: Multiple CMD instructions should not be used in the same stage because only the last one will be used (line 2)",
        "MultipleInstructionsDisallowed: Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used (line 3)",
      ],
    ],
    ["MultipleInstructionsDisallowed is per stage", 'FROM alpine AS a\nCMD ["a"]\nFROM a\nCMD ["b"]\n', {}, []],
    [
      "ExposeProtoCasing and ExposeInvalidFormat",
      "FROM alpine\nARG P=80\nEXPOSE ${P}/TCP\nEXPOSE 127.0.0.1:8080:80\n",
      {},
      [
        "ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:8080:80' (line 4)",
        "ExposeProtoCasing: Defined protocol '80/TCP' in EXPOSE instruction should be lowercase (line 3)",
      ],
    ],
    ["only reachable stages are dispatched", "FROM alpine AS unused\nENV A 1\nFROM alpine\n", {}, []],
    ["a comment above an instruction skips a rule for it", "FROM alpine\n# check=skip=JSONArgsRecommended\nCMD echo a\n", {}, []],
    [
      "a comment above FROM skips a rule for that stage's FROM only",
      "FROM alpine AS a\n\n# check=skip=FromPlatformFlagConstDisallowed\nFROM --platform=linux/arm64 alpine AS b\nFROM --platform=linux/arm64 alpine AS c\n",
      { target: "c" },
      ['FromPlatformFlagConstDisallowed: FROM --platform flag should not use constant value "linux/arm64" (line 5)'],
    ],
    ["the top-of-file directive skips everywhere", "# check=skip=LegacyKeyValueFormat,JSONArgsRecommended\nFROM alpine\nENV A 1\nCMD a\n", {}, []],
  ])("%s", (_, text, options, want) => {
    expect(warningsOf(text, options)).toEqual(want);
  });
});

describe("check=error=true fails the build after conversion", () => {
  it.each<[string, string, string]>([
    ["one rule", "# check=error=true\nFROM alpine\nENV A 1\n", "lint violation found for rules: LegacyKeyValueFormat"],
    [
      "rules in first-report order, once each",
      "# check=error=true\nFROM --platform=linux/arm64 alpine\nENV A 1\nENV B 2\nCMD x\n",
      "lint violation found for rules: FromPlatformFlagConstDisallowed, LegacyKeyValueFormat, JSONArgsRecommended",
    ],
  ])("%s", (_, text, message) => {
    expect(() => convertDockerfile(text)).toThrow(message);
  });

  it("passes when nothing fired", () => {
    expect(convertDockerfile("# check=error=true\nFROM alpine\nENV A=1\n").warnings).toEqual([]);
  });
});
