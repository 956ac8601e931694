#!/usr/bin/env node
// Dockerfile compiler benchmark: compile time (parse + convert + canonical encoding, in process) per
// Dockerfile, median over runs after a warm-up, plus the first (cold) run.
//   - a generated ~25 KB Dockerfile of our own (many stages, ARG/ENV/RUN/COPY/WORKDIR, mounts, heredocs):
//     the target is "a 25 KB Dockerfile compiles in under 50 ms in Node";
//   - the largest Dockerfiles of ../shared/corpus (read at bench time, when present), compiled as the
//     corpus case list says (image fixtures, build args, target, platform).
//
//   node scripts/bench-compile.mjs [--runs 20] [--warmup 5] [--largest 5] [--kb 25] [--check]
// --check exits 1 when the generated Dockerfile misses the target.
import { existsSync, readFileSync, statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { importTs, median, option, root, table } from "./lib/bench-kit.mjs";

const argv = process.argv.slice(2);
const opt = (name, fallback) => option(argv, name, fallback);
const runs = Number(opt("--runs", "20"));
const warmup = Number(opt("--warmup", "5"));
const largest = Number(opt("--largest", "5"));
const targetKb = Number(opt("--kb", "25"));
const check = argv.includes("--check");
const TARGET_MS = 50;

// Node has no TypeScript loader: bundle the compiler first.
function loadCompiler() {
  return importTs({
    reexports: [
      'export { convertDockerfile } from "./src/dockerfile/convert/convert";',
      'export { fixturesResolver, unpinnedResolver } from "./src/dockerfile/convert/image-config";',
      'export { normalizePlatform, parsePlatform } from "./src/dockerfile/convert/platform";',
      'export { encodeDefinition } from "./src/llb/codec";',
    ],
  });
}

/**
 * A Dockerfile of about `kb` KB shaped like the large real-world ones (moby, buildkit): global ARGs,
 * then stages with comments, package installs over many continuation lines, cache/bind/secret
 * mounts, heredocs, COPY --from / --link between stages, and image metadata.
 */
function generateDockerfile(kb) {
  const out = ["# syntax=docker/dockerfile:1", "ARG BASE=debian:bookworm-slim", "ARG GO_VERSION=1.22", "ARG VERSION=1.2.3", ""];
  const size = () => out.reduce((n, l) => n + l.length + 1, 0);
  const packages = ["build-essential", "ca-certificates", "curl", "git", "libseccomp-dev", "libbtrfs-dev", "pkg-config", "xz-utils", "zstd", "jq", "make", "patch"];
  // Stop before the stage that would overshoot the size asked for.
  for (let i = 0, last = 0; size() + last <= kb * 1024; i++) {
    const before = size();
    const from = i === 0 ? "${BASE}" : i % 5 === 0 ? "scratch" : `stage${i - 1}`;
    out.push(`# stage${i}: builds module ${i} and its tools.`, `# Keep the steps ordered from the least to the most often changed.`);
    out.push(`FROM ${from} AS stage${i}`);
    out.push(`ARG VERSION`, `ARG TARGETOS`, `ARG TARGETARCH`, `ARG DEBIAN_FRONTEND=noninteractive`);
    out.push(`ENV APP_HOME=/opt/app${i} APP_VERSION=\${VERSION} GOPATH=/go PATH=/opt/app${i}/bin:/go/bin:$PATH`);
    out.push(`RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\`, `    --mount=type=cache,target=/var/lib/apt,sharing=locked \\`, `    apt-get update && apt-get install -y --no-install-recommends \\`);
    for (const p of packages) out.push(`        ${p}${i % 3 === 1 ? "-" + i : ""} \\`);
    out.push(`    && rm -rf /var/lib/apt/lists/*`);
    out.push(`WORKDIR \${APP_HOME}`);
    out.push(`COPY --chown=1000:1000 go.mod go.sum ./`, `COPY src/module${i}/ ./src/`);
    if (i > 0) out.push(`COPY --from=stage${i - 1} /opt/app${i - 1}/bin/ /opt/app${i}/bin/`);
    out.push(
      `RUN --mount=type=cache,target=/root/.cache/go-build \\`,
      `    --mount=type=bind,source=hack,target=/hack \\`,
      `    --mount=type=secret,id=netrc,target=/root/.netrc \\`,
      `    set -eux; \\`,
      `    export GOOS=\${TARGETOS} GOARCH=\${TARGETARCH}; \\`,
      `    echo "building module ${i} \${APP_VERSION} for \${GOOS}/\${GOARCH}"; \\`,
      `    /hack/build.sh --module ${i} --version "\${APP_VERSION}" --out bin/app${i}; \\`,
      `    /hack/verify.sh bin/app${i}; \\`,
      `    strip bin/app${i} || true`,
    );
    out.push(`RUN <<EOF`, `set -e`, `mkdir -p /etc/app${i}`, `echo "stage ${i}" > /etc/app${i}/stage`, `EOF`);
    out.push(`COPY --link <<EOT /etc/app${i}/app.conf`, `name=stage${i}`, `version=\${VERSION}`, `EOT`);
    out.push(`ADD --checksum=sha256:${"0123456789abcdef".repeat(4)} https://example.com/files/asset${i}.tar.gz /tmp/`);
    out.push(`LABEL org.opencontainers.image.title="stage${i}" org.opencontainers.image.version="\${VERSION}"`);
    out.push(`USER 1000:1000`, `EXPOSE ${8000 + i}/tcp`, `CMD ["/opt/app${i}/bin/app${i}", "--config", "/etc/app${i}/app.conf"]`, "");
    last = size() - before;
  }
  return out.join("\n");
}

function optionsOf(args, base, lib) {
  const o = { buildArgs: {}, imageResolver: lib.unpinnedResolver };
  for (let i = 0; i < args.length; i++) {
    const v = args[i + 1];
    switch (args[i]) {
      case "--image-fixtures":
        o.imageResolver = lib.fixturesResolver(JSON.parse(readFileSync(v.replace("{base}", base), "utf8")));
        i++;
        break;
      case "--session-id":
        o.sessionId = v;
        i++;
        break;
      case "--build-arg": {
        const eq = v.indexOf("=");
        o.buildArgs[v.slice(0, eq)] = v.slice(eq + 1);
        i++;
        break;
      }
      case "--target":
        o.target = v;
        i++;
        break;
      case "--platform":
        o.platform = lib.normalizePlatform(lib.parsePlatform(v));
        i++;
        break;
      case "--opt": {
        const [k, ...rest] = v.split("=");
        const val = rest.join("=");
        if (k.startsWith("build-arg:")) o.buildArgs[k.slice("build-arg:".length)] = val;
        else if (k === "target") o.target = val;
        else if (k === "platform") o.platform = lib.normalizePlatform(lib.parsePlatform(val));
        i++;
        break;
      }
    }
  }
  return o;
}


function time(lib, text, options) {
  const once = () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = lib.convertDockerfile(text, options);
    lib.encodeDefinition(r.definition);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return [wall, (c.user + c.system) / 1000, r.definition.def?.length ?? 0];
  };
  const [first, , ops] = once();
  for (let i = 0; i < warmup; i++) once();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const [w, c] = once();
    wall.push(w);
    cpu.push(c);
  }
  return { first, median: median(wall), min: Math.min(...wall), cpu: median(cpu), ops };
}


const lib = await loadCompiler();
const rows = [];
const kb = (n) => (n / 1024).toFixed(1);
const ms = (v) => v.toFixed(2);

const generated = generateDockerfile(targetKb);
const gen = time(lib, generated, { buildArgs: {}, imageResolver: lib.unpinnedResolver, sessionId: "bench" });
rows.push([`generated (${generated.split("\n").length} lines)`, kb(generated.length), gen.ops, ms(gen.first), ms(gen.median), ms(gen.min), ms(gen.cpu)]);

const corpus = join(root, "../shared/corpus");
if (existsSync(join(corpus, "cases.json"))) {
  const index = existsSync(join(corpus, "index.json")) ? JSON.parse(readFileSync(join(corpus, "index.json"), "utf8")) : null;
  const expectsError = new Set();
  if (Array.isArray(index)) for (const e of index) if (e && (e.expectError || e.expect_error || e.error)) expectsError.add(e.id ?? e.name);
  const cases = JSON.parse(readFileSync(join(corpus, "cases.json"), "utf8"))
    .filter((c) => !expectsError.has(c.name) && !existsSync(join(corpus, "golden", `${c.name}.error.txt`)))
    .map((c) => ({ ...c, size: statSync(join(corpus, c.dockerfile)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, largest);
  for (const c of cases) {
    const text = readFileSync(join(corpus, c.dockerfile), "utf8");
    try {
      const r = time(lib, text, optionsOf(c.args ?? [], corpus, lib));
      rows.push([`${c.name} ${c.dockerfile.split("/").slice(-2, -1)[0]}`, kb(c.size), r.ops, ms(r.first), ms(r.median), ms(r.min), ms(r.cpu)]);
    } catch (e) {
      rows.push([`${c.name} (error: ${e.message.slice(0, 40)})`, kb(c.size), "–", "–", "–", "–", "–"]);
    }
  }
}

const load = loadavg()[0];
const busy = load > availableParallelism();
console.log(`Dockerfile compile (parse + convert + encode), ${runs} runs after ${warmup} warm-up, Node ${process.version}, load average ${load.toFixed(1)} on ${availableParallelism()} CPUs\n`);
table(["Dockerfile", "KB", "ops", "first ms", "median ms", "min ms", "cpu ms"], rows);
// Wall time decides. CPU time (all threads, parallel GC included, so it can exceed wall time) is
// shown for reference; on a busy machine the wall times are inflated: rerun when it is idle.
const ok = gen.median < TARGET_MS;
console.log(
  `${kb(generated.length)} KB generated Dockerfile: median ${ms(gen.median)} ms wall (target < ${TARGET_MS} ms): ${ok ? "ok" : "MISSED"}` +
    (busy ? " (machine busy: load average above the CPU count, timings inflated)" : ""),
);
if (check && !ok) process.exit(1);
