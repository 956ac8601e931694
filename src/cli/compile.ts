// `llbx compile`: Dockerfile → canonical binary Definition, as BuildKit's Dockerfile frontend emits it.
import { readFileSync } from "node:fs";
import { encodeDefinition } from "../llb/index";
import {
  convertDockerfile,
  fixturesResolver,
  formatLintWarning,
  isDockerfileError,
  isImageFixtures,
  normalizePlatform,
  parsePlatform,
  unpinnedResolver,
  type ConvertOptions,
} from "../dockerfile/index";
import { flag, flagList, parseArgs } from "./args";
import { CliError } from "./cli-error";
import { readInput, writeStdout } from "./input";

const help = `usage: llbx compile [FILE|-] [options]

Compiles a Dockerfile to LLB and writes the canonical binary Definition to standard output
(pipe it to 'llbx dump'). Lint warnings and errors go to standard error.

options:
  --target STAGE          stage to build (default: the last one)
  --build-arg K=V         build argument (repeatable)
  --platform P            target platform, e.g. linux/arm64 (default: linux/amd64)
  --opt K=V               raw frontend option: build-arg:K=V, target=S, platform=P (repeatable)
  --session-id ID         build session ID used in local:// sources
  --image-config FILE     image configs to resolve FROM images with (JSON keyed by reference);
                          without it images stay unpinned with a default config
`;

export async function runCompile(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    {
      target: { value: true },
      "build-arg": { value: true, repeat: true },
      platform: { value: true },
      opt: { value: true, repeat: true },
      "session-id": { value: true },
      "image-config": { value: true },
      help: {},
      h: {},
    },
    "compile",
  );
  if (args.flags.has("help") || args.flags.has("h")) {
    process.stdout.write(help);
    return 0;
  }
  if (args.positionals.length > 1) throw new CliError("compile: at most one FILE", 2);
  const { bytes, name } = readInput(args.positionals[0], "compile");
  const options: Partial<ConvertOptions> = { buildArgs: {} };
  const buildArgs = options.buildArgs!;
  for (const kv of flagList(args, "build-arg")) {
    const [k, v] = splitKV(kv, "--build-arg");
    buildArgs[k] = v;
  }
  let target = flag(args, "target");
  let platform = flag(args, "platform");
  for (const kv of flagList(args, "opt")) {
    const [k, v] = splitKV(kv, "--opt");
    if (k.startsWith("build-arg:")) buildArgs[k.slice("build-arg:".length)] = v;
    else if (k === "target") target = v;
    else if (k === "platform") platform = v;
    else throw new CliError(`compile: unsupported frontend option ${JSON.stringify(k)}`, 2);
  }
  if (target) options.target = target;
  if (platform) {
    try {
      options.platform = normalizePlatform(parsePlatform(platform));
    } catch (e) {
      throw new CliError(`compile: --platform ${platform}: ${(e as Error).message}`, 2);
    }
  }
  options.sessionId = flag(args, "session-id") ?? "";
  const imageConfig = flag(args, "image-config");
  if (imageConfig) {
    let fixtures: unknown;
    try {
      fixtures = JSON.parse(readFileSync(imageConfig, "utf8"));
    } catch (e) {
      throw new CliError(`compile: --image-config ${imageConfig}: ${(e as Error).message}`, 2);
    }
    if (!isImageFixtures(fixtures)) throw new CliError(`compile: --image-config ${imageConfig}: expected an object of {digest, config} keyed by image reference`, 2);
    options.imageResolver = fixturesResolver(fixtures);
  } else options.imageResolver = unpinnedResolver;

  const text = new TextDecoder().decode(bytes);
  const file = name === "<stdin>" ? "Dockerfile" : name;
  try {
    const result = convertDockerfile(text, options);
    for (const w of result.warnings) process.stderr.write(`WARN: ${formatLintWarning(w)}\n`);
    await writeStdout(encodeDefinition(result.definition));
    return 0;
  } catch (e) {
    if (isDockerfileError(e)) {
      const line = e.ranges[0]?.start.line;
      throw new CliError(`compile: ${file}${line ? `:${line}` : ""}: ${e.message}`);
    }
    throw e;
  }
}

function splitKV(kv: string, what: string): [string, string] {
  const i = kv.indexOf("=");
  if (i <= 0) throw new CliError(`compile: ${what} ${JSON.stringify(kv)}: expected KEY=VALUE`, 2);
  return [kv.slice(0, i), kv.slice(i + 1)];
}
