#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/cli/ (ES modules, code-split so that `llbx dump` loads only
// the LLB layer, not the Dockerfile compiler or the bridge).
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: { llbx: join(root, "src/cli/main.ts") },
  outdir: join(root, "dist/cli"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  banner: { js: "import { createRequire as __llbxRequire } from 'node:module'; const require = __llbxRequire(import.meta.url);" },
});
