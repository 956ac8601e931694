#!/usr/bin/env node
// Writes a synthetic LLB Definition (src/llb/testing/generate-graph.ts) to a file or stdout.
//   node scripts/gen-graph.mjs [--ops 5000] [--seed 1] [-o FILE]
// The generator is TypeScript: it is bundled with esbuild into a temp dir first (Node 20 has no TS loader).
import { build } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles the generator and returns its module (generateDefinition, generateDefinitionMessage). */
export async function loadGenerator() {
  const dir = mkdtempSync(join(tmpdir(), "gen-graph-"));
  const outfile = join(dir, "generate-graph.mjs");
  await build({
    entryPoints: [join(root, "src/llb/testing/generate-graph.ts")],
    bundle: true,
    platform: "neutral",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "warning",
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i === -1 ? fallback : argv[i + 1];
  };
  const ops = Number(opt("--ops", "1000"));
  const seed = Number(opt("--seed", "1"));
  const out = opt("-o", opt("--out", "-"));
  if (!Number.isInteger(ops) || ops < 2 || !Number.isInteger(seed)) {
    process.stderr.write("usage: node scripts/gen-graph.mjs [--ops N>=2] [--seed N] [-o FILE]\n");
    process.exit(2);
  }
  const { generateDefinition } = await loadGenerator();
  const bytes = generateDefinition({ ops, seed });
  if (out === "-") process.stdout.write(bytes);
  else writeFileSync(out, bytes);
  if (out !== "-") process.stderr.write(`wrote ${out}: ${ops} ops, ${bytes.length} bytes\n`);
}
