// Reads a command's input: a file path, or standard input for "-" or no argument.
import { readFileSync } from "node:fs";
import { CliError } from "./cli-error";

export function readInput(path: string | undefined, command: string): { bytes: Uint8Array; name: string } {
  if (path === undefined || path === "-") {
    if (process.stdin.isTTY) throw new CliError(`${command}: reading from standard input, which is a terminal (give a FILE or pipe data in)`, 2);
    return { bytes: plainBytes(readFileSync(0)), name: "<stdin>" };
  }
  try {
    return { bytes: plainBytes(readFileSync(path)), name: path };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${command}: cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`);
  }
}

// A plain Uint8Array over the Buffer's memory: the LLB reader takes thousands of subarrays, and
// Buffer#subarray (which builds a Buffer) costs several times Uint8Array's.
function plainBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Writes everything to stdout, waiting for a pipe to drain (large dumps). */
export function writeStdout(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (err) => (err ? reject(err) : resolve()));
  });
}
