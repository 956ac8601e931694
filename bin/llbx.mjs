#!/usr/bin/env node
// Entry point of the `llbx` command: runs the bundle that `npm ci` builds (scripts/build-cli.mjs).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = new URL("../dist/cli/llbx.mjs", import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write("llbx: the CLI is not built yet; run `npm run build:cli` (npm ci does it)\n");
  process.exit(2);
}
await import(bundle.href);
