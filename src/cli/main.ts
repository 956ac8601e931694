// `llbx`: command dispatcher. Each command is imported only when used, except `dump`: it is small, and
// loading it with the dispatcher saves the full `llbx dump` a few module loads. (The common dump, a
// binary Definition, does not get here: bin/llbx.cjs prints it with the fast path.)
import { hash } from "node:crypto";
import { useSha256 } from "../llb/codec";
import { CliError, isCliError } from "./cli-error";
import { CLOSED_PIPE_STATUS, isClosedPipe } from "./closed-pipe";
import type { ReadDumpInput } from "./dump-fast-command";
import { runDump } from "./dump";

// Native SHA-256 for op digests: the CLI hashes every op of large graphs.
useSha256((bytes) => hash("sha256", bytes, "hex"));

const usage = `usage: llbx <command> [options]

commands:
  dump [FILE|-] [--dot]          print LLB as buildctl debug dump-llb does (any input format)
  compile [FILE|-] [options]     compile a Dockerfile to a canonical binary Definition
  build [FILE|-] [options]       build LLB or a Dockerfile on a BuildKit daemon
  serve [options]                serve the app and the local bridge on 127.0.0.1

Run 'llbx <command> --help' for a command's options.
`;

type Command = (args: string[], dumpInput?: ReadDumpInput) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  dump: async () => runDump,
  compile: async () => (await import("./compile")).runCompile,
  build: async () => (await import("./build")).runBuild,
  serve: async () => (await import("./serve")).runServe,
};

async function main(argv: string[], dumpInput: ReadDumpInput | undefined): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) throw new CliError(`unknown command ${JSON.stringify(name)}\n\n${usage}`, 2);
  return (await load())(rest, dumpInput);
}

/**
 * Runs a command and sets the exit code. `dumpInput` is what the fast dump already read for
 * `llbx dump` (standard input cannot be read twice).
 */
export function runCli(argv: string[], dumpInput?: ReadDumpInput): Promise<void> {
  // A reader that goes away (`llbx dump --dot big.llb | head`) ends the command quietly.
  process.stdout.on("error", (e) => {
    if (!isClosedPipe(e)) throw e;
    process.exit(CLOSED_PIPE_STATUS);
  });
  return main(argv, dumpInput).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (isCliError(e)) {
        process.stderr.write(`llbx: ${e.message}\n`);
        process.exitCode = e.exitCode;
        return;
      }
      process.stderr.write(`llbx: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
