// The first thing `llbx` tries for `llbx dump [FILE|-] [--dot]`: read the input, print it with the
// fast path (dump-fast.ts and its WebAssembly printer) and write it out in one go, before the rest of
// the CLI is even loaded. Anything else (other options, an input it cannot read, one the fast path
// declines) is left to the full command, with the bytes already read so that standard input is not
// read twice.
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { CLOSED_PIPE_STATUS, isClosedPipe } from "./closed-pipe";
import { type PrintRun, startPrint } from "./dump-fast";
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
  let dot = false;
  let path: string | undefined;
  for (const a of argv) {
    if (a === "--dot" && !dot) dot = true;
    else if (path === undefined && (a === "-" || !a.startsWith("-"))) path = a;
    else return { done: false };
  }
  const printer = io.printer();
  if (!printer) return { done: false };
  const read = readInto(printer, path);
  if (!read) return { done: false };
  const out = read.run.print(dot);
  if (!out) return { done: false, input: { bytes: read.run.inputAfterPrint(), name: read.name } };
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

// The input, read into a printer run: a regular file straight into the printer's memory, standard
// input (whose size is not known before it ends) read first. Errors (no such file, a terminal on
// stdin) are the full command's to word.
function readInto(printer: WebAssembly.Module, path: string | undefined): { run: PrintRun; name: string } | undefined {
  try {
    if (path === undefined || path === "-") {
      // A terminal (or /dev/null) is a character device: the full command says what to do about it.
      // (Loading node:tty to ask would cost more than this whole check.)
      if (fstatSync(0).isCharacterDevice()) return undefined;
      // The full command's reader: readFileSync(0) fails with EAGAIN on a non-blocking pipe that
      // has no data yet (input.ts), and what a failed read took could not be read again.
      return copied(printer, readStdin(), "<stdin>");
    }
    const fd = openSync(path, "r");
    try {
      const stat = fstatSync(fd);
      // Not a regular file (a FIFO such as <(command)): its size is not known before it ends.
      if (!stat.isFile()) return copied(printer, readFileSync(fd), path);
      const run = startPrint(printer, stat.size);
      if (!run) return undefined;
      let done = 0;
      while (done < stat.size) {
        const n = readSync(fd, run.input, done, stat.size - done, null);
        if (n === 0) break;
        done += n;
      }
      // A file that changed size while it was read: read it again, whole.
      if (done < stat.size || readSync(fd, new Uint8Array(1), 0, 1, null) !== 0) return copied(printer, readFileSync(path), path);
      return { run, name: path };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function copied(printer: WebAssembly.Module, bytes: Buffer, name: string): { run: PrintRun; name: string } | undefined {
  const run = startPrint(printer, bytes.length);
  if (!run) return undefined;
  run.input.set(bytes);
  return { run, name };
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
