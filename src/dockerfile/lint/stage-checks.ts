/**
 * Lint checks that only need the parsed stages (upstream runs them in
 * dockerfile2llb right after instruction parsing, plus helpers the converter
 * calls while dispatching).
 */
import type { SourceRange } from "../errors";
import type { Command, Stage } from "../instructions/commands";
import { suggestMatch } from "../suggest";
import { isValidImageReference } from "./image-reference";
import type { Linter } from "./linter";
import { lintMessages } from "./rules";

const RESERVED_STAGE_NAMES = new Set(["context", "scratch"]);

/** ReservedStageName and DuplicateStageName. */
export function lintStageNames(stages: readonly Stage[], lint: Linter): void {
  const seen = new Set<string>();
  for (const stage of stages) {
    if (stage.name === "") continue;
    if (RESERVED_STAGE_NAMES.has(stage.name)) {
      lint.run("ReservedStageName", stage.location, lintMessages.ReservedStageName(stage.name));
    }
    if (seen.has(stage.name)) {
      lint.run("DuplicateStageName", stage.location, lintMessages.DuplicateStageName(stage.name));
    }
    seen.add(stage.name);
  }
}

const isSelfConsistent = (s: string) => s === s.toLowerCase() || s === s.toUpperCase();

/** ConsistentInstructionCasing across FROM lines and commands (majority wins; tie = uppercase). */
export function lintCommandCasing(stages: readonly Stage[], lint: Linter): void {
  let lower = 0;
  let upper = 0;
  const count = (name: string) => {
    if (!isSelfConsistent(name)) return;
    if (name.toLowerCase() === name) lower++;
    else upper++;
  };
  for (const stage of stages) {
    count(stage.origCmd);
    for (const cmd of stage.commands) count(cmd.name);
  }
  const majorityLower = lower > upper;
  const check = (name: string, location: SourceRange[]) => {
    let correct = "";
    if (majorityLower && name.toLowerCase() !== name) correct = "lowercase";
    else if (!majorityLower && name.toUpperCase() !== name) correct = "uppercase";
    if (correct) lint.run("ConsistentInstructionCasing", location, lintMessages.ConsistentInstructionCasing(name, correct));
  };
  for (const stage of stages) {
    check(stage.origCmd, stage.location);
    for (const cmd of stage.commands) check(cmd.name, cmd.location);
  }
}

/** LegacyKeyValueFormat for one ENV/LABEL pair (upstream reports it while dispatching each pair). */
export function lintLegacyKeyValue(cmd: Command & { kind: "env" | "label" }, noDelim: boolean, lint: Linter): void {
  if (noDelim) lint.run("LegacyKeyValueFormat", cmd.location, lintMessages.LegacyKeyValueFormat(cmd.name));
}

const SECRET_DENY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

/** SecretsUsedInArgOrEnv for one key (`instruction` is "ARG" or "ENV"). */
export function lintSecretKey(instruction: "ARG" | "ENV", key: string, location: SourceRange[], lint: Linter): void {
  if (SECRET_DENY.test(key) && !SECRET_ALLOW.test(key)) {
    lint.run("SecretsUsedInArgOrEnv", location, lintMessages.SecretsUsedInArgOrEnv(instruction, key));
  }
}

/** JSONArgsRecommended: CMD/ENTRYPOINT in shell form while the image has no SHELL set. */
export function lintJsonArgsRecommended(
  cmd: Command & { kind: "cmd" | "entrypoint" },
  imageHasShell: boolean,
  lint: Linter,
): void {
  if (cmd.prependShell && !imageHasShell) {
    lint.run("JSONArgsRecommended", cmd.location, lintMessages.JSONArgsRecommended(cmd.name));
  }
}

/**
 * MultipleInstructionsDisallowed tracker for CMD / ENTRYPOINT / HEALTHCHECK in
 * one stage: call `use(cmd)` for each; reports the previous occurrence.
 */
export function createUsedOnceTracker(lint: Linter): { use(cmd: Command): void; isSet(): boolean } {
  let prev: SourceRange[] | null = null;
  return {
    use(cmd) {
      if (prev) lint.run("MultipleInstructionsDisallowed", prev, lintMessages.MultipleInstructionsDisallowed(cmd.name));
      prev = cmd.location;
    },
    isSet: () => prev !== null,
  };
}

/** WorkdirRelativePath: the first WORKDIR of a stage is relative (`isAbsolute` per target OS). */
export function lintWorkdirRelativePath(path: string, isAbsolute: boolean, workdirSet: boolean, location: SourceRange[], lint: Linter): void {
  if (!workdirSet && !isAbsolute) lint.run("WorkdirRelativePath", location, lintMessages.WorkdirRelativePath(path));
}

/** Variables that never trigger UndefinedVar (upstream nonEnvArgs). */
export const NON_ENV_ARGS: ReadonlySet<string> = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

/**
 * UndefinedVar: variables a command referenced that were not set. `buildArgKeys`
 * are the stage's declared ARGs (never reported); `envKeys` feed the suggestion.
 */
export function lintUndefinedVars(
  unmatched: Iterable<string>,
  buildArgKeys: Iterable<string>,
  envKeys: readonly string[],
  location: SourceRange[],
  lint: Linter,
): void {
  let declared: Set<string> | undefined;
  for (const name of unmatched) {
    declared ??= new Set(buildArgKeys);
    if (declared.has(name) || NON_ENV_ARGS.has(name)) continue;
    const match = suggestMatch(name, envKeys, true) ?? "";
    lint.run("UndefinedVar", location, lintMessages.UndefinedVar(name, match));
  }
}

/** UndefinedArgInFrom: variables of a FROM (or --platform) expression that are not global ARGs. */
export function lintUndefinedArgsInFrom(
  unmatched: Iterable<string>,
  declaredArgKeys: readonly string[],
  location: SourceRange[],
  lint: Linter,
): void {
  const declared = new Set(declaredArgKeys);
  for (const name of unmatched) {
    if (declared.has(name)) continue;
    const match = suggestMatch(name, declaredArgKeys, true) ?? "";
    lint.run("UndefinedArgInFrom", location, lintMessages.UndefinedArgInFrom(name, match));
  }
}

/** RedundantTargetPlatform: `--platform=$TARGETPLATFORM` (only that variable, same value). */
export function lintRedundantTargetPlatform(
  platformExpr: string,
  matched: ReadonlySet<string>,
  unmatched: ReadonlySet<string>,
  result: string,
  targetPlatform: string | undefined,
  location: SourceRange[],
  lint: Linter,
): void {
  if (matched.size === 1 && unmatched.size === 0 && matched.has("TARGETPLATFORM") && result === targetPlatform) {
    lint.run("RedundantTargetPlatform", location, lintMessages.RedundantTargetPlatform(platformExpr));
  }
}

/**
 * FromPlatformFlagConstDisallowed: `--platform` without any variable. `parsed`
 * is the platform's os/architecture (null when it does not parse: no warning).
 */
export function lintConstPlatform(
  stageName: string,
  result: string,
  hadVariables: boolean,
  parsed: { os: string; architecture: string } | null,
  location: SourceRange[],
  lint: Linter,
): void {
  if (hadVariables || !parsed) return;
  if (stageName.includes(parsed.os) || stageName.includes(parsed.architecture)) return;
  lint.run("FromPlatformFlagConstDisallowed", location, lintMessages.FromPlatformFlagConstDisallowed(result));
}

/**
 * InvalidDefaultArgInFrom: `expandedWithDefaults` is the FROM base name expanded
 * with the global ARG defaults only (no --build-arg values).
 */
export function lintInvalidDefaultArgInFrom(stage: Stage, expandedWithDefaults: string, lint: Linter): void {
  if (!isValidImageReference(expandedWithDefaults)) {
    lint.run("InvalidDefaultArgInFrom", stage.location, lintMessages.InvalidDefaultArgInFrom(stage.baseName));
  }
}
