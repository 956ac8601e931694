// Reads a command's input: a file path, or standard input for "-" or no argument.
import { readFileSync, readSync } from "node:fs";
import { CliError } from "./cli-error";

export function readInput(path: string | undefined, command: string): { bytes: Uint8Array; name: string } {
  if (path === undefined || path === "-") {
    if (process.stdin.isTTY) throw new CliError(`${command}: reading from standard input, which is a terminal (give a FILE or pipe data in)`, 2);
    return { bytes: plainBytes(readStdin()), name: "<stdin>" };
  }
  try {
    return { bytes: plainBytes(readFileSync(path)), name: path };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${command}: cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message}`);
  }
}

/**
 * All of standard input, synchronously. readFileSync(0) fails with EAGAIN when stdin is a
 * non-blocking pipe or socket (a parent such as Node's spawn() hands one over while no data is
 * there yet), so read in a loop and wait briefly whenever the descriptor has nothing yet.
 */
export function readStdin(): Buffer {
  const chunks: Buffer[] = [];
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === "EOF") break;
      throw new CliError(`cannot read standard input: ${(e as Error).message}`);
    }
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
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
