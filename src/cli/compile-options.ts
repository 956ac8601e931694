// Options shared by `llbx compile` and `llbx build` when the input is a Dockerfile.
import { readFileSync } from "node:fs";
import { fixturesResolver, isImageFixtures, normalizePlatform, parsePlatform, unpinnedResolver, type ConvertOptions } from "../dockerfile/index";
import { flag, flagList, type FlagSpec, type ParsedArgs } from "./args";
import { CliError } from "./cli-error";

export const compileOptionSpec: Record<string, FlagSpec> = {
  target: { value: true },
  "build-arg": { value: true, repeat: true },
  platform: { value: true },
  opt: { value: true, repeat: true },
  "session-id": { value: true },
  "image-config": { value: true },
};

export function compileOptionsFromArgs(args: ParsedArgs, command: string): Partial<ConvertOptions> {
  const options: Partial<ConvertOptions> = { buildArgs: {} };
  const buildArgs = options.buildArgs!;
  for (const kv of flagList(args, "build-arg")) {
    const [k, v] = splitKV(kv, "--build-arg", command);
    buildArgs[k] = v;
  }
  let target = flag(args, "target");
  let platform = flag(args, "platform");
  for (const kv of flagList(args, "opt")) {
    const [k, v] = splitKV(kv, "--opt", command);
    if (k.startsWith("build-arg:")) buildArgs[k.slice("build-arg:".length)] = v;
    else if (k === "target") target = v;
    else if (k === "platform") platform = v;
    else throw new CliError(`${command}: unsupported frontend option ${JSON.stringify(k)}`, 2);
  }
  if (target) options.target = target;
  if (platform) {
    try {
      options.platform = normalizePlatform(parsePlatform(platform));
    } catch (e) {
      throw new CliError(`${command}: --platform ${platform}: ${(e as Error).message}`, 2);
    }
  }
  options.sessionId = flag(args, "session-id") ?? "";
  const imageConfig = flag(args, "image-config");
  if (imageConfig) {
    let fixtures: unknown;
    try {
      fixtures = JSON.parse(readFileSync(imageConfig, "utf8"));
    } catch (e) {
      throw new CliError(`${command}: --image-config ${imageConfig}: ${(e as Error).message}`, 2);
    }
    if (!isImageFixtures(fixtures)) throw new CliError(`${command}: --image-config ${imageConfig}: expected an object of {digest, config} keyed by image reference`, 2);
    options.imageResolver = fixturesResolver(fixtures);
  } else options.imageResolver = unpinnedResolver;
  return options;
}

function splitKV(kv: string, what: string, command: string): [string, string] {
  const i = kv.indexOf("=");
  if (i <= 0) throw new CliError(`${command}: ${what} ${JSON.stringify(kv)}: expected KEY=VALUE`, 2);
  return [kv.slice(0, i), kv.slice(i + 1)];
}
