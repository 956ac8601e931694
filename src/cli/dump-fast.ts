// `llbx dump` of a binary Definition, printed by the WebAssembly printer (src/cli/dump-fast-wasm/,
// built into dist/cli/dump-fast.wasm) straight from the wire bytes. This is the CLI's hot path: big
// graphs are expected to dump about as fast as `buildctl debug dump-llb`, so it loads nothing but
// node:crypto for the digests, which it computes here (Node's native sha256) and hands to the printer.
//
// The printer prints only what it is sure of and traps on anything else; the caller then runs the
// full path (src/llb's dumpBinaryDefinition), which prints the same bytes for all it accepts and
// words every error. So every accepted input must be one the full path accepts, printed byte for byte
// as it prints it (dump-fast.test.ts holds the two paths to that).
import { hash } from "node:crypto";

/** What the printer module exports (see the protocol at the top of printer.ts). */
interface PrinterExports {
  memory: WebAssembly.Memory;
  inputAt(n: number): number;
  scan(): number;
  opsAt(): number;
  digestsAt(): number;
  print(): number;
  printDot(): number;
  outputAt(): number;
}

// Buffer's native latin1 writer, what `buf.write(s, offset, "latin1")` calls once it has checked its
// arguments (which, run once per op in cold code, would cost more than the write).
interface Latin1Writer {
  latin1Write(s: string, offset: number, length: number): number;
}

/** One run of the printer: the input goes into its memory, the dump comes out of it. */
export interface PrintRun {
  /** Where the input's bytes go (valid until `print`). */
  readonly input: Uint8Array;
  /**
   * The dump of the input (JSON lines, or Graphviz with `dot`), or undefined when the printer does
   * not handle it (the caller then runs the full path).
   */
  print(dot: boolean): Uint8Array | undefined;
  /** The input again, after `print` (which may have moved the memory `input` was a view of). */
  inputAfterPrint(): Uint8Array;
}

/**
 * A run of `printer` (the compiled dump-fast.wasm) for an input of `size` bytes, which the caller
 * writes into `input` (read straight there from a file, it is never copied), or undefined when the
 * printer cannot be started.
 */
export function startPrint(printer: WebAssembly.Module, size: number): PrintRun | undefined {
  let x: PrinterExports;
  let at: number;
  try {
    x = new WebAssembly.Instance(printer).exports as unknown as PrinterExports;
    at = x.inputAt(size);
  } catch {
    return undefined;
  }
  return {
    input: new Uint8Array(x.memory.buffer, at, size),
    print: (dot) => print(x, dot),
    inputAfterPrint: () => new Uint8Array(x.memory.buffer, at, size),
  };
}

/** dump-llb output of a binary Definition (JSON lines, or Graphviz with `dot`), or undefined (see PrintRun.print). */
export function dumpFast(input: Uint8Array, printer: WebAssembly.Module, dot: boolean): Uint8Array | undefined {
  const run = startPrint(printer, input.length);
  if (!run) return undefined;
  run.input.set(input);
  return run.print(dot);
}

function print(x: PrinterExports, dot: boolean): Uint8Array | undefined {
  try {
    const count = x.scan();
    if (count === 0) return undefined;
    // scan() has grown the memory for everything print() needs before its output: these views stay
    // valid until then. (Subarrays of a Uint8Array are cheaper to make than of a Buffer.)
    const bytes = new Uint8Array(x.memory.buffer);
    const writer = Buffer.from(x.memory.buffer) as unknown as Latin1Writer;
    const ops = new Uint32Array(x.memory.buffer, x.opsAt(), count * 2);
    let digest = x.digestsAt();
    for (let k = 0; k < count; k++, digest += 64) {
      writer.latin1Write(hash("sha256", bytes.subarray(ops[2 * k]!, ops[2 * k + 1]!), "hex"), digest, 64);
    }
    const length = dot ? x.printDot() : x.print();
    return new Uint8Array(x.memory.buffer, x.outputAt(), length);
  } catch {
    // A trap (the printer gave up), or a bug here, which must not cost the user the dump: the full path decides.
    return undefined;
  }
}
