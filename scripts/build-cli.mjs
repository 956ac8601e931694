#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/cli/: the commands as ES modules, code-split (the full
// `dump` loads only the LLB layer, not the Dockerfile compiler or the bridge), and the fast path of
// `llbx dump` on its own (dump-fast.cjs, with its printer dump-fast.wasm, compiled from
// AssemblyScript), which bin/llbx.cjs runs first.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDumpWasm } from "./lib/build-dump-wasm.mjs";

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

// `llbx dump`'s fast path, which bin/llbx.cjs tries before loading the bundle above: CommonJS, one
// file, so that it runs without Node's ES module loader.
await build({
  entryPoints: [join(root, "src/cli/dump-fast-command.ts")],
  outfile: join(root, "dist/cli/dump-fast.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
});

// The bridge loads BuildKit's control API schema at run time: ship the .proto files with the bundle.
const protoOut = join(root, "dist/cli/proto");
mkdirSync(protoOut, { recursive: true });
for (const dir of ["src/solver-client/proto", "src/llb/proto"])
  for (const f of readdirSync(join(root, dir))) if (f.endsWith(".proto")) copyFileSync(join(root, dir, f), join(protoOut, f));

// `llbx dump`'s printer (src/cli/dump-fast.ts loads it from beside the bundle).
// The file name is PRINTER_FILE in src/cli/dump-fast-command.ts.
writeFileSync(join(root, "dist/cli/dump-fast.wasm"), await buildDumpWasm());
