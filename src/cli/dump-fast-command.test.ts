// The command around the fast dump: which arguments it takes, where its printer comes from, and
// what it hands the full command when it does not print.
import { hash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDumpWasm } from "../../scripts/lib/build-dump-wasm.mjs";
import { useSha256 } from "../llb/codec";
import { dumpBinaryDefinition } from "../llb/dump-binary";
import { testdataDir } from "../llb/testdata-path";
import { type FastDumpIo, loadPrinter, PRINTER_FILE, tryFastDump } from "./dump-fast-command";

const defs = testdataDir("definitions");
const file = join(defs, readdirSync(defs).find((f) => f.endsWith(".llb"))!);
let printer: WebAssembly.Module;

beforeAll(async () => {
  useSha256((bytes) => hash("sha256", bytes, "hex"));
  printer = new WebAssembly.Module(await buildDumpWasm());
}, 60_000);

/** An io that keeps what would go to standard output. */
function capture(withPrinter = true): FastDumpIo & { written: Uint8Array[] } {
  const written: Uint8Array[] = [];
  return {
    written,
    printer: () => (withPrinter ? printer : undefined),
    write: (out) => {
      written.push(out.slice());
      return Promise.resolve();
    },
  };
}

describe("tryFastDump", () => {
  it("prints a binary Definition file with the printer, as the full path does", async () => {
    const io = capture();
    const outcome = tryFastDump([file], io);
    expect(outcome.done).toBe(true);
    if (outcome.done) await outcome.flushed;
    expect(io.written).toHaveLength(1);
    expect(Buffer.from(io.written[0]!).toString("utf8")).toBe(dumpBinaryDefinition(readFileSync(file), false)!.output.text());
  });

  it("prints --dot with the printer, as the full path does", async () => {
    const io = capture();
    const outcome = tryFastDump(["--dot", file], io);
    expect(outcome.done).toBe(true);
    if (outcome.done) await outcome.flushed;
    expect(Buffer.from(io.written[0]!).toString("utf8")).toBe(dumpBinaryDefinition(readFileSync(file), true)!.output.text());
  });

  it("leaves other options, --dot twice and a second file to the full command, reading nothing", () => {
    for (const argv of [["--dot", "--dot", file], ["--json", file], [file, file]]) {
      const io = capture();
      expect(tryFastDump(argv, io), argv.join(" ")).toEqual({ done: false });
      expect(io.written).toEqual([]);
    }
  });

  it("without a printer, leaves the dump to the full command before reading the input", () => {
    const io = capture(false);
    expect(tryFastDump([file], io)).toEqual({ done: false });
    expect(io.written).toEqual([]);
  });

  it("hands what it read but does not print (JSON here) to the full command", () => {
    const dir = mkdtempSync(join(tmpdir(), "llbx-fast-"));
    const json = join(dir, "dump.json");
    writeFileSync(json, '{"Op":{},"Digest":"sha256:00","OpMetadata":{}}\n');
    const io = capture();
    const outcome = tryFastDump([json], io);
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(Buffer.from(outcome.input!.bytes).toString("utf8")).toBe(readFileSync(json, "utf8"));
    expect(io.written).toEqual([]);
  });

  it("leaves a missing file to the full command, which words the error", () => {
    expect(tryFastDump([join(tmpdir(), "llbx-no-such-file.llb")], capture())).toEqual({ done: false });
  });
});

describe("the printer beside the CLI bundle", () => {
  it("is built with the bundle (npm ci runs the build; else `npm run build:cli`)", () => {
    const shipped = loadPrinter(join(import.meta.dirname, "../../dist/cli", PRINTER_FILE));
    expect(shipped, `dist/cli/${PRINTER_FILE}: run npm run build:cli`).toBeDefined();
    expect(WebAssembly.Module.exports(shipped!).map((e) => e.name).sort()).toEqual(WebAssembly.Module.exports(printer).map((e) => e.name).sort());
  });

  it("is not a file that merely exists: a corrupt one is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "llbx-fast-"));
    writeFileSync(join(dir, PRINTER_FILE), "not wasm");
    expect(loadPrinter(join(dir, PRINTER_FILE))).toBeUndefined();
  });
});
