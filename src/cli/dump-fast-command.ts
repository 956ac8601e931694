// The first thing `llbx` tries for `llbx dump [FILE|-] [--dot]`: read the input, print it with the
// fast path (dump-fast.ts) and write it out in one go, before the rest of the CLI is even loaded.
// Anything else (other options, an input it cannot read, one the fast path declines) is left to the
// full command, with the bytes already read so that standard input is not read twice.
import { fstatSync, readFileSync, writeSync } from "node:fs";
import { dumpFast } from "./dump-fast";
import { readStdin } from "./input";

/** Input the fast path read but did not print: the full `dump` command takes it from here. */
export interface ReadDumpInput {
  bytes: Uint8Array;
  name: string;
}

export type FastDumpOutcome = { done: true; flushed: Promise<void> } | { done: false; input?: ReadDumpInput };

/** Runs `llbx dump` with the arguments after `dump`, if they are the plain case. */
export function tryFastDump(argv: readonly string[]): FastDumpOutcome {
  let dot = false;
  let path: string | undefined;
  for (const a of argv) {
    if (a === "--dot" && !dot) dot = true;
    else if (path === undefined && (a === "-" || !a.startsWith("-"))) path = a;
    else return { done: false };
  }
  const input = read(path);
  if (!input) return { done: false };
  const out = dumpFast(input.bytes, dot);
  if (!out) return { done: false, input };
  return { done: true, flushed: writeAll(out) };
}

// Errors (no such file, a terminal on stdin) are the full command's to word.
function read(path: string | undefined): ReadDumpInput | undefined {
  try {
    if (path === undefined || path === "-") {
      // A terminal (or /dev/null) is a character device: the full command says what to do about it.
      // (Loading node:tty to ask would cost more than this whole check.)
      if (fstatSync(0).isCharacterDevice()) return undefined;
      // The full command's reader: readFileSync(0) fails with EAGAIN on a non-blocking pipe that
      // has no data yet (input.ts), and what a failed read took could not be read again.
      return { bytes: plain(readStdin()), name: "<stdin>" };
    }
    return { bytes: plain(readFileSync(path)), name: path };
  } catch {
    return undefined;
  }
}

// A plain Uint8Array over the Buffer's memory (the full path takes many subarrays of it).
function plain(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

// Synchronous writes while stdout takes them (a file, /dev/null, a blocking pipe); a non-blocking pipe
// that fills up (EAGAIN) gets the rest through process.stdout, which waits for it to drain.
function writeAll(out: Uint8Array): Promise<void> {
  let done = 0;
  try {
    while (done < out.length) done += writeSync(1, out, done, out.length - done);
    return Promise.resolve();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
  }
  const rest = out.subarray(done);
  return new Promise((resolve, reject) => process.stdout.write(rest, (err) => (err ? reject(err) : resolve())));
}
