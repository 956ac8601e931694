// `llbx compile`: Dockerfile → canonical binary Definition, as BuildKit's Dockerfile frontend emits it.
import { encodeDefinition } from "../llb/index";
import { convertDockerfile, formatLintWarning, isDockerfileError } from "../dockerfile/index";
import { parseArgs } from "./args";
import { compileOptionsFromArgs, compileOptionSpec } from "./compile-options";
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
  const args = parseArgs(argv, { ...compileOptionSpec, help: {}, h: {} }, "compile");
  if (args.flags.has("help") || args.flags.has("h")) {
    process.stdout.write(help);
    return 0;
  }
  if (args.positionals.length > 1) throw new CliError("compile: at most one FILE", 2);
  const { bytes, name } = readInput(args.positionals[0], "compile");
  const options = compileOptionsFromArgs(args, "compile");
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
