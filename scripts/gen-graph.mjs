#!/usr/bin/env node
// Writes a synthetic LLB Definition (src/llb/testing/generate-graph.ts) to a file or stdout.
//   node scripts/gen-graph.mjs [--ops 5000] [--seed 1] [-o FILE]
// The generator is TypeScript: it is bundled with esbuild into a temp dir first (Node 20 has no TS loader).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importTs, option } from "./lib/bench-kit.mjs";

/** Bundles the generator and returns its module (generateDefinition, generateDefinitionMessage). */
export function loadGenerator() {
  return importTs("src/llb/testing/generate-graph.ts", { platform: "neutral" });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name, fallback) => option(argv, name, fallback);
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
