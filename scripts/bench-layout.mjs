#!/usr/bin/env node
// Bundles scripts/bench-layout.ts with esbuild into a temp dir and runs it (Node 20 has no TS loader).
//   node scripts/bench-layout.mjs [--elk-max 1100] [--runs 3] [--only ops1059] [--groups]
import { build } from "esbuild";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(mkdtempSync(join(tmpdir(), "bench-layout-")), "bench-layout.mjs");
await build({
  entryPoints: [join(root, "scripts/bench-layout.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
