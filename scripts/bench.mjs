#!/usr/bin/env node
// Benchmarks of the LLB layer and the CLI, printed as tables:
//   1. in-process: readLlb + validateGraph (what the app does on open), dumpBinaryDefinition (the full
//      `llbx dump` path) and dumpFast (src/cli/dump-fast.ts, what `llbx dump` runs first on a binary
//      Definition), on generated graphs (src/llb/testing/generate-graph.ts) and on
//      ../shared/perf/*.llb when present. "first" is the first run in a fresh process (cold code, what
//      the CLI pays); "median" is over the following runs.
//   2. whole process: `node bin/llbx.cjs dump [--dot] FILE` per perf file (to /dev/null and into a
//      pipe; with and without NODE_EXTRA_CA_CERTS when it is set), next to `node -e 0` and,
//      when `buildctl` is on PATH (or BUILDCTL names it), `buildctl debug dump-llb FILE`, interleaved
//      (the target: ops8771 no slower than buildctl, about 0.10 s on this machine kind).
//   3. every other scripts/bench-*.mjs (e.g. bench-layout.mjs), run as it is: drop a file there to add
//      a benchmark.
//
//   npm run bench [-- --runs 7] [--process-runs 5] [--sizes 1000,5000,10000] [--no-build] [--no-in-process] [--no-extra]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importTs, median, option, root, table } from "./lib/bench-kit.mjs";

const argv = process.argv.slice(2);
const opt = (name, fallback) => option(argv, name, fallback);
const runs = Number(opt("--runs", "7"));
const processRuns = Number(opt("--process-runs", "5"));
const sizes = opt("--sizes", "1000,5000,10000").split(",").map(Number);
const perfDir = join(root, "../shared/perf");
const perfFiles = existsSync(perfDir) ? readdirSync(perfDir).filter((f) => f.endsWith(".llb")).sort((a, b) => a.localeCompare(b, "en", { numeric: true })) : [];

const ms = (v) => (Number.isNaN(v) ? "–" : v.toFixed(1));


// ---- 1. in-process ----

// The LLB layer is TypeScript: bundle what the benchmark needs first (Node 20 has no TS loader).
function loadLlb() {
  return importTs({
    reexports: [
      'export { generateDefinition } from "./src/llb/testing/generate-graph";',
      'export { readLlb } from "./src/llb/read";',
      'export { validateGraph } from "./src/llb/validate";',
      'export { dumpBinaryDefinition } from "./src/llb/dump-binary";',
      'export { useSha256 } from "./src/llb/codec";',
      'export { dumpFast } from "./src/cli/dump-fast";',
    ],
  });
}

// Each input is measured in fresh child processes (one for reading, one for dumping), so that "first"
// really is a cold run.
async function inProcess() {
  const inputs = [];
  const genDir = mkdtempSync(join(tmpdir(), "llbx-bench-graphs-"));
  const llb = await loadLlb();
  for (const n of sizes) {
    const file = join(genDir, `generated-${n}.llb`);
    const bytes = llb.generateDefinition({ ops: n, seed: 1 });
    (await import("node:fs")).writeFileSync(file, bytes);
    inputs.push({ name: `generated ${n}`, file });
  }
  for (const f of perfFiles) inputs.push({ name: basename(f, ".llb"), file: join(perfDir, f) });

  const rows = [];
  const measure = (file, what) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", file, what, "--runs", String(runs)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr.trim());
    return JSON.parse(r.stdout);
  };
  for (const { name, file } of inputs) {
    let m;
    try {
      m = { ...measure(file, "read"), dump: measure(file, "dump").dump, fast: measure(file, "fast").fast };
    } catch (e) {
      console.error(`bench: ${name}: ${e.message}`);
      continue;
    }
    rows.push([name, m.ops, (m.bytes / 1e6).toFixed(2), ms(m.read.first), ms(median(m.read.rest)), ms(m.validate.first), ms(median(m.validate.rest)), ms(m.dump.first), ms(median(m.dump.rest)), ms(m.fast.first), ms(median(m.fast.rest))]);
  }
  rmSync(genDir, { recursive: true, force: true });
  console.log(`## In-process (ms; native SHA-256 as in the CLI; median of ${runs - 1} runs after the first)\n`);
  table(["input", "ops", "MB", "readLlb first", "readLlb median", "validate first", "validate median", "dump first", "dump median", "fast first", "fast median"], rows);
}

// One measurement in a fresh process: "read" (readLlb + validateGraph) or "dump".
async function child(file, what) {
  const llb = await loadLlb();
  const { hash } = await import("node:crypto");
  llb.useSha256((b) => hash("sha256", b, "hex"));
  const buf = readFileSync(file);
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const result = { ops: 0, bytes: bytes.length, read: { rest: [] }, validate: { rest: [] }, dump: { rest: [] }, fast: { rest: [] } };
  const time = (f) => {
    const t = performance.now();
    const v = f();
    return [performance.now() - t, v];
  };
  const record = (slot, i, t) => {
    if (i === 0) slot.first = t;
    else slot.rest.push(t);
  };
  for (let i = 0; what === "read" && i < runs; i++) {
    const [tr, r] = time(() => llb.readLlb(bytes));
    if (!r.ok) throw new Error(r.error.message);
    const [tv, issues] = time(() => llb.validateGraph(r.graph));
    if (i === 0 && issues.length > 0) process.stderr.write(`${file}: ${issues.length} validation issues, e.g. ${issues[0].message}\n`);
    result.ops = r.graph.nodes.length;
    record(result.read, i, tr);
    record(result.validate, i, tv);
  }
  for (let i = 0; what === "dump" && i < runs; i++) {
    const [td, dumped] = time(() => llb.dumpBinaryDefinition(bytes, false));
    if (!dumped) throw new Error(`${file}: not a well-formed binary Definition`);
    record(result.dump, i, td);
  }
  // "fast" (declined: –) is what the CLI prints from: the printer the CLI build put beside the bundle.
  const printer = what === "fast" ? new WebAssembly.Module(readFileSync(join(root, "dist/cli/dump-fast.wasm"))) : undefined;
  for (let i = 0; printer && i < runs; i++) {
    const [tf, out] = time(() => llb.dumpFast(bytes, printer));
    if (!out) break;
    record(result.fast, i, tf);
  }
  process.stdout.write(JSON.stringify(result));
}

// ---- 2. whole process ----

function wholeProcess() {
  const cli = join(root, "bin/llbx.cjs");
  // The output goes to /dev/null, or with `pipe` into a pipe that this process drains (as in
  // `llbx dump FILE | jq`): buildctl writes a line at a time, which costs it more on a pipe.
  const time = (command, args, pipe, env) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(command, args, { stdio: ["ignore", pipe ? "pipe" : "ignore", "pipe"], maxBuffer: 1 << 30, env });
    if (r.status !== 0) throw new Error(`${command} ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const buildctl = process.env.BUILDCTL ?? "buildctl";
  const version = spawnSync(buildctl, ["--version"], { encoding: "utf8" });
  const withBuildctl = version.status === 0;
  // NODE_EXTRA_CA_CERTS makes every Node process parse those certificates before it runs any code
  // (some sandboxes and CI machines set it; 40-90 ms on this project's machine kind): llbx is then
  // timed both with it and without it, as on a machine that does not set it.
  const { NODE_EXTRA_CA_CERTS: extraCerts, ...withoutExtraCerts } = process.env;
  const envs = extraCerts
    ? [
        [" (NODE_EXTRA_CA_CERTS set)", process.env],
        [" (NODE_EXTRA_CA_CERTS unset)", withoutExtraCerts],
      ]
    : [["", process.env]];
  const rows = [];
  const bare = envs.map(([note, env]) => {
    const runs = [];
    for (let i = 0; i < processRuns; i++) runs.push(time(process.execPath, ["-e", "0"], false, env));
    rows.push([`node -e 0${note}`, "", ms(median(runs)), ms(Math.min(...runs)), "", "", ""]);
    return median(runs);
  });
  // One row per command, output and environment: llbx's median and min, then buildctl's median and the ratio.
  const cases = [
    ["dump", [], false],
    ["dump | pipe", [], true],
    ["dump --dot", ["--dot"], false],
  ];
  for (const f of perfFiles) {
    const file = join(perfDir, f);
    const mb = (readFileSync(file).length / 1e6).toFixed(2);
    const ours = envs.map(() => cases.map(() => []));
    const upstream = cases.map(() => []);
    // Interleaved, so that load changes on the machine hit all alike.
    for (let i = 0; i < processRuns; i++) {
      cases.forEach(([, flags, pipe], c) => {
        envs.forEach(([, env], e) => ours[e][c].push(time(process.execPath, [cli, "dump", ...flags, file], pipe, env)));
        if (withBuildctl) upstream[c].push(time(buildctl, ["debug", "dump-llb", ...flags, file], pipe, process.env));
      });
    }
    envs.forEach(([note], e) =>
      cases.forEach(([name], c) => {
        const t = ours[e][c];
        const vs = withBuildctl ? [ms(median(upstream[c])), (median(t) / median(upstream[c])).toFixed(2)] : ["–", "–"];
        rows.push([`llbx ${name} ${f}${note}`, mb, ms(median(t)), ms(Math.min(...t)), ms(median(t) - bare[e]), ...vs]);
      }),
    );
  }
  console.log(`## Whole process (ms, wall clock; median and min of ${processRuns} runs)\n`);
  if (withBuildctl) console.log(`(beside ${version.stdout.trim()})\n`);
  else console.log(`(no ${buildctl} on PATH: set BUILDCTL to time buildctl debug dump-llb alongside)\n`);
  table(["command", "MB", "llbx median", "llbx min", "llbx − node -e 0", "buildctl median", "llbx / buildctl"], rows);
}

// ---- 3. other benchmarks ----

function extraBenchmarks() {
  const self = basename(fileURLToPath(import.meta.url));
  const extra = readdirSync(join(root, "scripts")).filter((f) => /^bench-.*\.mjs$/.test(f) && f !== self).sort();
  for (const f of extra) {
    console.log(`## ${f}\n`);
    const r = spawnSync(process.execPath, [join(root, "scripts", f)], { stdio: "inherit" });
    if (r.status !== 0) console.log(`(${f} exited with ${r.status ?? r.signal})\n`);
  }
}

if (argv[0] === "--child") {
  await child(argv[1], argv[2]);
} else {
  if (!argv.includes("--no-build")) {
    const r = spawnSync(process.execPath, [join(root, "scripts/build-cli.mjs")], { stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  console.log(`# llbx benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
  if (!argv.includes("--no-in-process")) await inProcess();
  if (perfFiles.length > 0) wholeProcess();
  else console.log("(no ../shared/perf/*.llb: whole-process benchmark skipped)\n");
  if (!argv.includes("--no-extra")) extraBenchmarks();
}
