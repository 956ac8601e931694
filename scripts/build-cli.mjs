#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/cli/ (ES modules, code-split: `llbx dump` of a binary
// Definition runs from the entry file alone (src/cli/llbx.ts), the full `dump` loads only the LLB
// layer, not the Dockerfile compiler or the bridge).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Chunk names carry content hashes: start from an empty folder so old chunks do not pile up.
rmSync(join(root, "dist/cli"), { recursive: true, force: true });
await build({
  entryPoints: { llbx: join(root, "src/cli/llbx.ts") },
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

// The bridge loads BuildKit's control API schema at run time: ship the .proto files with the bundle.
const protoOut = join(root, "dist/cli/proto");
mkdirSync(protoOut, { recursive: true });
for (const dir of ["src/solver-client/proto", "src/llb/proto"])
  for (const f of readdirSync(join(root, dir))) if (f.endsWith(".proto")) copyFileSync(join(root, dir, f), join(protoOut, f));
