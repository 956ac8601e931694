import { goQuote } from "../go-text";

/** BuildKit's Dockerfile lint rules (frontend/dockerfile/linter/ruleset.go) with their message formats. */

export interface LintRule {
  name: string;
  description: string;
  url: string;
  experimental?: boolean;
  deprecated?: boolean;
}

const DOCS = "https://docs.docker.com/go/dockerfile/rule/";

function rule(name: string, slug: string, description: string, extra: Partial<LintRule> = {}): LintRule {
  return { name, description, url: slug ? DOCS + slug + "/" : "", ...extra };
}

export const LINT_RULES = {
  StageNameCasing: rule("StageNameCasing", "stage-name-casing", "Stage names should be lowercase"),
  FromAsCasing: rule("FromAsCasing", "from-as-casing", "The 'as' keyword should match the case of the 'from' keyword"),
  NoEmptyContinuation: rule(
    "NoEmptyContinuation",
    "no-empty-continuation",
    "Empty continuation lines will become errors in a future release",
  ),
  ConsistentInstructionCasing: rule(
    "ConsistentInstructionCasing",
    "consistent-instruction-casing",
    "All commands within the Dockerfile should use the same casing (either upper or lower)",
  ),
  DuplicateStageName: rule("DuplicateStageName", "duplicate-stage-name", "Stage names should be unique"),
  ReservedStageName: rule(
    "ReservedStageName",
    "reserved-stage-name",
    "Reserved words should not be used as stage names",
  ),
  JSONArgsRecommended: rule(
    "JSONArgsRecommended",
    "json-args-recommended",
    "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
  ),
  MaintainerDeprecated: rule(
    "MaintainerDeprecated",
    "maintainer-deprecated",
    "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
  ),
  UndefinedArgInFrom: rule("UndefinedArgInFrom", "undefined-arg-in-from", "FROM command must use declared ARGs"),
  WorkdirRelativePath: rule(
    "WorkdirRelativePath",
    "workdir-relative-path",
    "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes",
  ),
  UndefinedVar: rule("UndefinedVar", "undefined-var", "Variables should be defined before their use"),
  MultipleInstructionsDisallowed: rule(
    "MultipleInstructionsDisallowed",
    "multiple-instructions-disallowed",
    "Multiple instructions of the same type should not be used in the same stage",
  ),
  LegacyKeyValueFormat: rule(
    "LegacyKeyValueFormat",
    "legacy-key-value-format",
    "Legacy key/value format with whitespace separator should not be used",
  ),
  InvalidBaseImagePlatform: rule(
    "InvalidBaseImagePlatform",
    "",
    "Base image platform does not match expected target platform",
  ),
  RedundantTargetPlatform: rule(
    "RedundantTargetPlatform",
    "redundant-target-platform",
    "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
  ),
  SecretsUsedInArgOrEnv: rule(
    "SecretsUsedInArgOrEnv",
    "secrets-used-in-arg-or-env",
    "Sensitive data should not be used in the ARG or ENV commands",
  ),
  InvalidDefaultArgInFrom: rule(
    "InvalidDefaultArgInFrom",
    "invalid-default-arg-in-from",
    "Default value for global ARG results in an empty or invalid base image name",
  ),
  FromPlatformFlagConstDisallowed: rule(
    "FromPlatformFlagConstDisallowed",
    "from-platform-flag-const-disallowed",
    "FROM --platform flag should not use a constant value",
  ),
  CopyIgnoredFile: rule(
    "CopyIgnoredFile",
    "copy-ignored-file",
    "Attempting to Copy file that is excluded by .dockerignore",
  ),
  InvalidDefinitionDescription: rule(
    "InvalidDefinitionDescription",
    "invalid-definition-description",
    "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.",
    { experimental: true },
  ),
  ExposeProtoCasing: rule(
    "ExposeProtoCasing",
    "expose-proto-casing",
    "Protocol in EXPOSE instruction should be lowercase",
  ),
  ExposeInvalidFormat: rule(
    "ExposeInvalidFormat",
    "expose-invalid-format",
    "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release",
  ),
} as const satisfies Record<string, LintRule>;

export type LintRuleName = keyof typeof LINT_RULES;

const q = goQuote;

/** Message formats, one per rule (same text as upstream's `Format` functions). */
export const lintMessages = {
  StageNameCasing: (stageName: string) => `Stage name '${stageName}' should be lowercase`,
  FromAsCasing: (from: string, as: string) => `'${as}' and '${from}' keywords' casing do not match`,
  NoEmptyContinuation: () => "Empty continuation line",
  ConsistentInstructionCasing: (violating: string, correct: string) =>
    `Command '${violating}' should match the case of the command majority (${correct})`,
  DuplicateStageName: (stageName: string) => `Duplicate stage name ${q(stageName)}, stage names should be unique`,
  ReservedStageName: (name: string) => `Stage name should not use the same name as reserved stage ${q(name)}`,
  JSONArgsRecommended: (instruction: string) =>
    `JSON arguments recommended for ${instruction} to prevent unintended behavior related to OS signals`,
  MaintainerDeprecated: () => "Maintainer instruction is deprecated in favor of using label",
  UndefinedArgInFrom: (baseArg: string, suggest: string) =>
    `FROM argument '${baseArg}' is not declared` + (suggest ? ` (did you mean ${suggest}?)` : ""),
  WorkdirRelativePath: (workdir: string) =>
    `Relative workdir ${q(workdir)} can have unexpected results if the base image changes`,
  UndefinedVar: (arg: string, suggest: string) =>
    `Usage of undefined variable '$${arg}'` + (suggest ? ` (did you mean $${suggest}?)` : ""),
  MultipleInstructionsDisallowed: (instruction: string) =>
    `Multiple ${instruction} instructions should not be used in the same stage because only the last one will be used`,
  LegacyKeyValueFormat: (cmdName: string) =>
    `"${cmdName} key=value" should be used instead of legacy "${cmdName} key value" format`,
  InvalidBaseImagePlatform: (image: string, expected: string, actual: string) =>
    `Base image ${image} was pulled with platform ${q(actual)}, expected ${q(expected)} for current build`,
  RedundantTargetPlatform: (platformVar: string) =>
    `Setting platform to predefined ${platformVar} in FROM is redundant as this is the default behavior`,
  SecretsUsedInArgOrEnv: (instruction: string, key: string) =>
    `Do not use ARG or ENV instructions for sensitive data (${instruction} ${q(key)})`,
  InvalidDefaultArgInFrom: (baseName: string) =>
    `Default value for ARG ${baseName} results in empty or invalid base image name`,
  FromPlatformFlagConstDisallowed: (platform: string) =>
    `FROM --platform flag should not use constant value ${q(platform)}`,
  CopyIgnoredFile: (cmd: string, file: string) => `Attempting to ${cmd} file ${q(file)} that is excluded by .dockerignore`,
  InvalidDefinitionDescription: (instruction: string, defName: string) =>
    `Comment for ${instruction} should follow the format: \`# ${defName} <description>\``,
  ExposeProtoCasing: (port: string) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`,
  ExposeInvalidFormat: (port: string) =>
    `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`,
} satisfies Record<LintRuleName, (...args: string[]) => string>;
