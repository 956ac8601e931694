// SOURCE_DATE_EPOCH (build arg or global ARG): the timestamp file ops and the image history use.
// A number of seconds is used as is; otherwise the value names a stage that must be a source-only
// stage (FROM scratch, ARGs, one remote ADD) whose source metadata gives the time. Resolving that
// metadata needs a daemon, so offline the stage is only validated and no epoch is set (as upstream
// does without a gateway client).
import { EnvList } from "../../llb/index";
import { DockerfileError } from "../errors";
import type { AddCommand, ArgCommand, Stage } from "../instructions/commands";
import { expandWord } from "../shell/lex";
import { envFromList } from "../shell/shell-env";
import { parseGitRef } from "./git-ref";

export const SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** strconv.ParseInt(v, 10, 64); undefined when it does not parse. */
export function parseGoInt64(v: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(v)) return undefined;
  const n = BigInt(v);
  return n > INT64_MAX || n < INT64_MIN ? undefined : n;
}

/** The value upstream looks at: the build arg when given, else a non-empty global ARG. */
export function sourceDateEpochValue(buildArgs: Record<string, string>, globalArgs: EnvList): string | undefined {
  if (Object.prototype.hasOwnProperty.call(buildArgs, SOURCE_DATE_EPOCH)) return buildArgs[SOURCE_DATE_EPOCH];
  const v = globalArgs.get(SOURCE_DATE_EPOCH);
  return v === undefined || v === "" ? undefined : v;
}

/**
 * Resolves the epoch in seconds, or undefined when there is none (empty value, or a source stage
 * whose metadata cannot be fetched offline). Throws upstream's errors for invalid values and stages.
 */
export function resolveSourceDateEpoch(value: string, stages: readonly Stage[], globalArgs: EnvList, buildArgs: Record<string, string>, escapeToken: string): bigint | undefined {
  if (value === "") return undefined;
  const seconds = parseGoInt64(value);
  if (seconds !== undefined) return seconds;
  // "context" names the main build context: its metadata needs a client.
  if (value === "context") return undefined;
  const stage = stages.find((s) => s.name.toLowerCase() === value.toLowerCase());
  if (!stage) throw new DockerfileError("convert", `invalid SOURCE_DATE_EPOCH: ${value}`);
  try {
    validateSourceStage(stage, buildArgs, globalArgs.delete(SOURCE_DATE_EPOCH), escapeToken);
  } catch (e) {
    if (e instanceof DockerfileError) throw new DockerfileError(e.kind, e.message, e.ranges.length ? e.ranges : stage.location, { reason: e.reason });
    throw e;
  }
  return undefined;
}

/** Replaces (or, for an empty value, deletes) SOURCE_DATE_EPOCH where it was set. */
export function setSourceDateEpoch(buildArgs: Record<string, string>, globalArgs: EnvList, value: string): { buildArgs: Record<string, string>; globalArgs: EnvList } {
  let args = buildArgs;
  if (Object.prototype.hasOwnProperty.call(buildArgs, SOURCE_DATE_EPOCH)) {
    args = { ...buildArgs };
    if (value === "") delete args[SOURCE_DATE_EPOCH];
    else args[SOURCE_DATE_EPOCH] = value;
  }
  let env = globalArgs;
  if (env.get(SOURCE_DATE_EPOCH) !== undefined) env = value === "" ? env.delete(SOURCE_DATE_EPOCH) : env.addOrReplace(SOURCE_DATE_EPOCH, value);
  return { buildArgs: args, globalArgs: env };
}

function fail(message: string): never {
  throw new DockerfileError("convert", message);
}

function validateSourceStage(stage: Stage, buildArgs: Record<string, string>, globalArgs: EnvList, escapeToken: string): void {
  let base: string;
  try {
    base = expandWord(stage.baseName, envFromList(globalArgs.toArray()), { escapeToken }).result;
  } catch (e) {
    fail(`failed to process source stage base name "${stage.baseName}": ${(e as Error).message}`);
  }
  if (base !== "scratch") fail("SOURCE_DATE_EPOCH stage must use FROM scratch");
  let env = globalArgs;
  let sources = 0;
  for (const cmd of stage.commands) {
    if (cmd.kind === "arg") env = applyStageArgs(cmd, env, buildArgs, escapeToken);
    else if (cmd.kind === "add") {
      if (sources > 0) fail("SOURCE_DATE_EPOCH stage must contain exactly one remote ADD");
      validateAddSource(cmd, env, escapeToken);
      sources++;
    } else fail(`SOURCE_DATE_EPOCH stage does not meet source-only requirements: unsupported ${cmd.name} instruction`);
  }
  if (sources === 0) fail("SOURCE_DATE_EPOCH stage must contain exactly one remote ADD");
}

function applyStageArgs(cmd: ArgCommand, env: EnvList, buildArgs: Record<string, string>, escapeToken: string): EnvList {
  for (const arg of cmd.args) {
    if (Object.prototype.hasOwnProperty.call(buildArgs, arg.key)) env = env.addOrReplace(arg.key, buildArgs[arg.key]!);
    else if (arg.value !== undefined) env = env.addOrReplace(arg.key, expandWord(arg.value, envFromList(env.toArray()), { escapeToken }).result);
  }
  return env;
}

function validateAddSource(cmd: AddCommand, env: EnvList, escapeToken: string): void {
  if (cmd.sourceContents.length !== 0 || cmd.sourcePaths.length !== 1) fail("SOURCE_DATE_EPOCH stage must contain exactly one remote ADD source");
  const src = expandWord(cmd.sourcePaths[0]!, envFromList(env.toArray()), { escapeToken }).result;
  let isGit: boolean;
  try {
    const g = parseGitRef(src);
    isGit = g !== undefined && !g.indistinguishableFromLocal;
  } catch (e) {
    fail((e as Error).message);
  }
  if ((src.startsWith("http://") || src.startsWith("https://")) && !isGit) {
    if (cmd.checksum !== "") {
      const sum = expandWord(cmd.checksum, envFromList(env.toArray()), { escapeToken }).result;
      if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(sum)) fail("invalid checksum digest format");
    }
    return;
  }
  if (isGit) return;
  fail("SOURCE_DATE_EPOCH stage source must be a single HTTP(S) or Git ADD");
}
