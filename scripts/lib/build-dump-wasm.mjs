// Compiles the fast dump's printer (src/cli/dump-fast-wasm/printer.ts, AssemblyScript) to
// WebAssembly. Used by the CLI build (scripts/build-cli.mjs) and by the tests that run the printer.
import asc from "assemblyscript/asc";
import { join } from "node:path";
import { root } from "./bench-kit.mjs";

export const printerSource = join(root, "src/cli/dump-fast-wasm/printer.ts");

/** The printer as WebAssembly bytes; throws with the compiler's messages when it does not compile. */
export async function buildDumpWasm() {
  let wasm;
  const messages = [];
  const { error } = await asc.main(
    [
      printerSource,
      "--outFile", "printer.wasm",
      "-O3",
      // No allocations, nothing freed: the printer manages its memory itself.
      "--runtime", "stub",
      "--noAssert",
      // A trap is the printer's "give up"; there is no message to report, so no `abort` import.
      "--use", "abort=",
      // 16 bytes at a time for strings and keys (Node has had WebAssembly SIMD since 16.4).
      "--enable", "simd",
    ],
    {
      writeFile(name, contents) {
        if (name.endsWith(".wasm")) wasm = contents;
      },
      stdout: { write: (s) => messages.push(String(s)) },
      stderr: { write: (s) => messages.push(String(s)) },
    },
  );
  if (error || !wasm) throw new Error(`the dump printer did not compile: ${error?.message ?? "no output"}\n${messages.join("")}`);
  return wasm;
}
