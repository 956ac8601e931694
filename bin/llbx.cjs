#!/usr/bin/env node
// Entry point of the `llbx` command: runs the bundles that `npm ci` builds (scripts/build-cli.mjs).
// CommonJS on purpose: `llbx dump` of a big binary Definition is expected to take about as long as
// `buildctl debug dump-llb`, and Node's ES module loader costs several milliseconds before any of our
// code runs. So the fast dump (dist/cli/dump-fast.cjs and its WebAssembly printer) is tried first,
// with nothing else loaded; every other command, and every dump it declines, loads the ES module
// bundle (dist/cli/llbx.mjs).
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const dist = join(__dirname, "../dist/cli");
const bundle = join(dist, "llbx.mjs");
if (!existsSync(bundle)) {
  process.stderr.write("llbx: the CLI is not built yet; run `npm run build:cli` (npm ci does it)\n");
  process.exit(2);
}
const argv = process.argv.slice(2);
let fast = { done: false };
if (argv[0] === "dump") {
  const { tryFastDump, processIo, PRINTER_FILE } = require(join(dist, "dump-fast.cjs"));
  fast = tryFastDump(argv.slice(1), processIo(join(dist, PRINTER_FILE)));
}
if (fast.done) {
  fast.flushed.catch((e) => {
    process.stderr.write(`llbx: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
} else {
  import(pathToFileURL(bundle).href).then((cli) => cli.runCli(argv, fast.input));
}
