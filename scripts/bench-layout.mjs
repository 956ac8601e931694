#!/usr/bin/env node
// Bundles scripts/bench-layout.ts with esbuild into a temp dir and runs it (Node 20 has no TS loader).
//   node scripts/bench-layout.mjs [--elk-max 1100] [--runs 3] [--only ops1059] [--groups]
import { importTs } from "./lib/bench-kit.mjs";

await importTs("scripts/bench-layout.ts");
