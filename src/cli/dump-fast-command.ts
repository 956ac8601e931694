// The first thing `llbx` tries for `llbx dump [FILE|-]`: read the input, print it with the fast
// path (dump-fast.ts and its WebAssembly printer) and write it out in one go, before the rest of the
// CLI is even loaded. Anything else (--dot and other options, an input it cannot read, one the fast
// path declines) is left to the full command, with the bytes already read so that standard input is
// not read twice.
import { fstatSync, readFileSync, writeSync } from "node:fs";
import { CLOSED_PIPE_STATUS, isClosedPipe } from "./closed-pipe";
import { dumpFast } from "./dump-fast";
import { readStdin } from "./input";

/** Input the fast path read but did not print: the full `dump` command takes it from here. */
export interface ReadDumpInput {
  bytes: Uint8Array;
  name: string;
}

export type FastDumpOutcome = { done: true; flushed: Promise<void> } | { done: false; input?: ReadDumpInput };

/** Where the fast path gets its printer and puts the dump: the process's own unless a test says otherwise. */
export interface FastDumpIo {
  /** The compiled dump-fast.wasm, or undefined when there is none (the full command then prints). */
  printer(): WebAssembly.Module | undefined;
  /** Writes the whole dump to standard output; settles once it is out. */
  write(out: Uint8Array): Promise<void>;
}

/** The printer's file name beside the bundles in dist/cli (scripts/build-cli.mjs writes it there). */
export const PRINTER_FILE = "dump-fast.wasm";

/** The process's own io: the printer read from `printerFile`, the dump written to standard output. */
export function processIo(printerFile: string): FastDumpIo {
  return { printer: () => loadPrinter(printerFile), write: writeAll };
}

/** Runs `llbx dump` with the arguments after `dump`, if they are the plain case. */
export function tryFastDump(argv: readonly string[], io: FastDumpIo): FastDumpOutcome {
  let path: string | undefined;
  for (const a of argv) {
    if (path === undefined && (a === "-" || !a.startsWith("-"))) path = a;
    else return { done: false };
  }
  const printer = io.printer();
  if (!printer) return { done: false };
  const input = read(path);
  if (!input) return { done: false };
  const out = dumpFast(input.bytes, printer);
  if (!out) return { done: false, input };
  return { done: true, flushed: io.write(out) };
}

/** The printer compiled from `file`, or undefined when it cannot be read or compiled. */
export function loadPrinter(file: string): WebAssembly.Module | undefined {
  try {
    return new WebAssembly.Module(readFileSync(file));
  } catch {
    return undefined;
  }
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
    if (isClosedPipe(e)) return closedPipe();
    if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
  }
  const rest = out.subarray(done);
  return new Promise((resolve, reject) => {
    process.stdout.on("error", (err) => (isClosedPipe(err) ? closedPipe().then(resolve) : reject(err)));
    process.stdout.write(rest, (err) => (err ? undefined : resolve()));
  });
}

function closedPipe(): Promise<void> {
  process.exitCode = CLOSED_PIPE_STATUS;
  return Promise.resolve();
}
