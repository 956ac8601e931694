// `llbx dump`: a drop-in for `buildctl debug dump-llb` that reads every LLB format.
import { readLlb, writeDot, writeDumpJson } from "../llb/index";
import { flag, parseArgs } from "./args";
import { CliError } from "./cli-error";
import { readInput, writeStdout } from "./input";

const help = `usage: llbx dump [FILE|-] [--dot]

Prints LLB as 'buildctl debug dump-llb' does: one JSON object per op, or Graphviz with --dot.
FILE may be a binary Definition, base64 of one, dump-llb JSON of any BuildKit release, or protobuf
JSON of a whole Definition. Reads standard input when FILE is '-' or missing.
`;

export async function runDump(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { dot: {}, help: {}, h: {} }, "dump");
  if (args.flags.has("help") || args.flags.has("h")) {
    process.stdout.write(help);
    return 0;
  }
  if (args.positionals.length > 1) throw new CliError("dump: at most one FILE", 2);
  const { bytes, name } = readInput(args.positionals[0], "dump");
  const r = readLlb(bytes);
  if (!r.ok && r.error.kind === "empty" && bytes.length === 0) {
    // Zero bytes are a valid, empty Definition; buildctl prints no ops for it.
    process.stderr.write(`llbx dump: ${name}: empty Definition (no ops)\n`);
    await writeStdout(flag(args, "dot") ? "digraph {\n}\n" : "");
    return 0;
  }
  if (!r.ok) {
    const where = r.error.offset !== undefined ? ` (byte ${r.error.offset})` : r.error.line !== undefined ? ` (line ${r.error.line})` : "";
    throw new CliError(`dump: ${name}${where}: ${r.error.message}`);
  }
  for (const note of r.graph.notes) process.stderr.write(`llbx dump: ${name}${note.line ? `:${note.line}` : ""}: ${note.message}\n`);
  for (const n of r.graph.nodes)
    if (n.digestCheck.state === "mismatch") process.stderr.write(`llbx dump: ${name}: digest mismatch for ${n.digest}: ${n.digestCheck.reason}\n`);
  await writeStdout(flag(args, "dot") ? writeDot(r.graph) : writeDumpJson(r.graph));
  return 0;
}
