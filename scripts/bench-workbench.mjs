#!/usr/bin/env node
// Workbench keystroke benchmark (Node): bundles src/app/workbench/bench/keystroke-bench.ts with
// esbuild (Node 20 has no TS loader) and prints, per one-character edit of a 40-instruction
// Dockerfile, compile / apply (read + diff + index) / Explorer analysis / layout (ELK from scratch
// vs fast engine with previous positions). The Chromium number is the @bench Playwright spec:
//   npx playwright test e2e/workbench.spec.ts --grep @bench
//   node scripts/bench-workbench.mjs [--keystrokes 15]
import { importTs, median, option } from "./lib/bench-kit.mjs";

const keystrokes = Number(option(process.argv.slice(2), "--keystrokes", "15"));
const { runKeystrokeBench } = await importTs("src/app/workbench/bench/keystroke-bench.ts");
const samples = await runKeystrokeBench(keystrokes);

const cols = [
  ["compile (worker)", "compileMs"],
  ["apply: read+diff+index", "applyMs"],
  ["explorer analysis+view", "analyzeMs"],
  ["layout ELK (today)", "elkMs"],
  ["layout fast+previous", "fastMs"],
];
console.log(`Workbench keystroke → graph, Node ${process.version}, ${samples[0]?.ops ?? 0} ops, 40 instructions, ${samples.length} keystrokes (after one warm-up)`);
console.log("| step                    | median ms | max ms |");
console.log("|:------------------------|----------:|-------:|");
for (const [name, key] of cols) {
  const v = samples.map((s) => s[key]);
  console.log(`| ${name.padEnd(23)} | ${median(v).toFixed(1).padStart(9)} | ${Math.max(...v).toFixed(1).padStart(6)} |`);
}
const path = (layout) => samples.map((s) => s.compileMs + s.applyMs + s.analyzeMs + s[layout]);
console.log(`\ncore path per keystroke (no debounce, no render): ELK ${median(path("elkMs")).toFixed(1)} ms, fast+previous ${median(path("fastMs")).toFixed(1)} ms (median)`);
