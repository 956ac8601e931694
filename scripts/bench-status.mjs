#!/usr/bin/env node
// How fast the live-build reducer (src/app/build/build-state.ts) absorbs status events.
// Bundles the TypeScript with esbuild (scripts/lib/bench-kit.mjs), runs synthetic streams through it, prints
// events/s. Standalone: `node scripts/bench-status.mjs [--quick]`.
import { importTs } from "./lib/bench-kit.mjs";

const quick = process.argv.includes("--quick");
const m = await importTs({
  reexports: [
    'export { applyStatuses, createBuildState, finishBuild } from "./src/app/build/build-state";',
    'export { syntheticStream } from "./src/app/build/synthetic";',
    'export { buildTimeline } from "./src/app/build/timeline";',
    'export { plainView } from "./src/app/build/plain-view";',
  ],
});

const cases = [
  { name: "many vertexes (2,000 ops, 8 lanes, few logs)", target: true, o: { vertexes: 2000, parallel: 8, logChunks: 3, chunkBytes: 80, progressUpdates: 4 } },
  { name: "many log chunks (200 ops x 200 chunks of 120 B)", target: true, o: { vertexes: 200, parallel: 8, logChunks: 200, chunkBytes: 120 } },
  { name: "10 MB of logs (40 ops x 64 chunks of 4 KiB)", o: { vertexes: 40, parallel: 4, logChunks: 64, chunkBytes: 4096 } },
  { name: "pulls (300 ops x 60 progress updates)", target: true, o: { vertexes: 300, parallel: 16, logChunks: 0, progressUpdates: 60 } },
];
const batch = 256;
const rounds = quick ? 1 : 5;
const load = (await import("node:os")).loadavg()[0];
console.log(`reducer throughput (batches of ${batch} events, best of ${rounds}; ${(await import("node:os")).cpus().length} CPUs, load average ${load.toFixed(1)})`);
for (const c of cases) {
  const statuses = m.syntheticStream(c.o);
  let best = Infinity;
  let s = null;
  for (let r = 0; r < rounds; r++) {
    s = m.createBuildState("bench", {}, 0);
    const t0 = performance.now();
    for (let i = 0; i < statuses.length; i += batch) m.applyStatuses(s, statuses.slice(i, i + batch));
    best = Math.min(best, performance.now() - t0);
  }
  m.finishBuild(s, { ok: true }, 0);
  let t = null;
  let tTimeline = Infinity;
  let plain = "";
  let tPlain = Infinity;
  for (let r = 0; r < Math.min(rounds, 3); r++) {
    const t1 = performance.now();
    t = m.buildTimeline(s);
    tTimeline = Math.min(tTimeline, performance.now() - t1);
    // plainView memoizes per vertex: measure it on a fresh state each round
    const fresh = m.createBuildState("cold", {}, 0);
    for (let i = 0; i < statuses.length; i += batch) m.applyStatuses(fresh, statuses.slice(i, i + batch));
    m.finishBuild(fresh, { ok: true }, 0);
    const t2 = performance.now();
    plain = m.plainView(fresh);
    tPlain = Math.min(tPlain, performance.now() - t2);
  }
  let kept = 0;
  for (const v of s.vertexes.values()) kept += v.logs.size;
  const rate = Math.round(statuses.length / (best / 1000));
  const verdict = c.target ? (rate >= 20_000 ? " — meets 20,000 events/s" : " — BELOW 20,000 events/s") : " — 4 KiB per event: MB/s is the measure here";
  console.log(`  ${c.name}${verdict}`);
  console.log(`    ${statuses.length.toLocaleString("en-US")} events in ${best.toFixed(1)} ms = ${rate.toLocaleString("en-US")} events/s; ${(s.logBytes / 1e6).toFixed(1)} MB of logs in (${((s.logBytes / 1e6) / (best / 1000)).toFixed(0)} MB/s), ${(kept / 1e6).toFixed(1)} MB kept`);
  console.log(`    derived: timeline + critical path (${t.bars.length} bars, max concurrency ${t.maxConcurrency}) ${tTimeline.toFixed(1)} ms; plain view from cold (${(plain.length / 1e6).toFixed(2)} M chars) ${tPlain.toFixed(1)} ms`);
}
