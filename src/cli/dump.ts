// `llbx dump`: a drop-in for `buildctl debug dump-llb` that reads every LLB format.
// The streaming dump, the lean reader and the byte writers come straight from their modules: `dump`
// is the hot path of the CLI, and the layer's index would also load the analysis and State-builder
// modules.
import { dumpBinaryDefinition } from "../llb/dump-binary";
import { readOpList } from "../llb/read";
import type { ReadNote } from "../llb/graph";
import { writeDotBytes, writeDumpJsonBytes } from "../llb/write";
import { flag, parseArgs } from "./args";
import { CliError } from "./cli-error";
import type { ReadDumpInput } from "./dump-fast-command";
import { readInput, writeStdout } from "./input";

const help = `usage: llbx dump [FILE|-] [--dot]

Prints LLB as 'buildctl debug dump-llb' does: one JSON object per op, or Graphviz with --dot.
FILE may be a binary Definition, base64 of one, dump-llb JSON of any BuildKit release, or protobuf
JSON of a whole Definition. Reads standard input when FILE is '-' or missing.
`;

/** `input`: what the fast path (dump-fast-command.ts) already read for these arguments. */
export async function runDump(argv: string[], input?: ReadDumpInput): Promise<number> {
  const args = parseArgs(argv, { dot: {}, help: {}, h: {} }, "dump");
  if (args.flags.has("help") || args.flags.has("h")) {
    process.stdout.write(help);
    return 0;
  }
  if (args.positionals.length > 1) throw new CliError("dump: at most one FILE", 2);
  const { bytes, name } = input ?? readInput(args.positionals[0], "dump");
  const dot = flag(args, "dot") !== undefined;
  // Binary Definitions (the common, and the big, case) stream; everything else, and any binary input
  // that is not well-formed, goes through readOpList, which also words the errors.
  const streamed = dumpBinaryDefinition(bytes, dot);
  if (streamed) {
    printNotes(name, streamed.notes);
    await writeStdout(streamed.output.view());
    return 0;
  }
  const r = readOpList(bytes);
  if (!r.ok && r.error.kind === "empty" && bytes.length === 0) {
    // Zero bytes are a valid, empty Definition; buildctl prints no ops for it.
    process.stderr.write(`llbx dump: ${name}: empty Definition (no ops)\n`);
    await writeStdout(dot ? "digraph {\n}\n" : "");
    return 0;
  }
  if (!r.ok) {
    // JSON shape errors already start with "line N:"; do not say it twice.
    const saysLine = /^line \d+:/.test(r.error.message);
    const where = r.error.offset !== undefined ? ` (byte ${r.error.offset})` : r.error.line !== undefined && !saysLine ? ` (line ${r.error.line})` : "";
    throw new CliError(`dump: ${name}${where}: ${r.error.message}`);
  }
  printNotes(name, r.list.notes);
  for (const n of r.list.nodes)
    if (n.digestCheck.state === "mismatch") process.stderr.write(`llbx dump: ${name}: digest mismatch for ${n.digest}: ${n.digestCheck.reason}\n`);
  const out = dot ? writeDotBytes(r.list) : writeDumpJsonBytes(r.list);
  await writeStdout(out.view());
  return 0;
}

function printNotes(name: string, notes: readonly ReadNote[]): void {
  for (const note of notes) process.stderr.write(`llbx dump: ${name}${note.line ? `:${note.line}` : ""}: ${note.message}\n`);
}
