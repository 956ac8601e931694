import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { solverError } from "../../solver-client/protocol/index";
import type { SolveStatus } from "../../solver-client/protocol/index";
import { parseRawJson } from "../../solver-client/bridge/progress-rawjson";
import { applyStatus, applyStatuses, createBuildState, elapsedMs, finishBuild, progressFraction } from "./build-state";
import { plainView } from "./plain-view";
import { lastLines } from "./log-ring";
import { syntheticDigest, syntheticStream } from "./synthetic";
import { buildTimeline } from "./timeline";
import type { OpRunState } from "./types";

const dir = join(__dirname, "../../solver-client/bridge/testdata/status");
const sample = (name: string) => parseRawJson(readFileSync(join(dir, `${name}.rawjson.txt`), "utf8"));
const expectedPlain = (name: string) => readFileSync(join(dir, `${name}.expected-plain.txt`), "utf8");

function run(statuses: readonly SolveStatus[], end: Parameters<typeof finishBuild>[1] = { ok: true }, opts: Parameters<typeof createBuildState>[1] = {}) {
  const s = createBuildState("b1", opts, 0);
  applyStatuses(s, statuses);
  finishBuild(s, end, 0);
  return s;
}

/** The set of lines per step name, sorted (buildctl interleaves steps and may repeat a step's header and DONE; we group them). */
function steps(text: string): Map<string, string[]> {
  const names = new Map<string, string>();
  const out = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [, n = "", rest = ""] = m;
    const name = names.get(n);
    if (name === undefined) {
      names.set(n, rest);
      if (!out.has(rest)) out.set(rest, []);
    } else if (rest !== name) {
      const list = out.get(name) ?? [];
      if (!list.includes(rest)) list.push(rest);
      out.set(name, list);
    }
  }
  for (const list of out.values()) list.sort();
  return out;
}

function countStates(states: Iterable<{ state: OpRunState }>): Partial<Record<OpRunState, number>> {
  const out: Partial<Record<OpRunState, number>> = {};
  for (const v of states) out[v.state] = (out[v.state] ?? 0) + 1;
  return out;
}

describe("real status streams", () => {
  it.each([
    ["multistage", { done: 5, cached: 1 }, 2, /\[stage-2 3\/3\]/],
    ["ctx-a", { done: 8 }, 2, /\[stage-2 5\/5\]/],
    ["ctx-c.arm64", { done: 7, cached: 2 }, 2, /./],
    ["build-a.frontend", { done: 10, cached: 1 }, 1, /./],
  ] as const)("%s: op states, overlapping bars, critical path, and the plain text", (name, states, minConcurrency, lastOnPath) => {
    const s = run(sample(name));
    expect(s.state).toBe("done");
    expect(countStates(s.vertexes.values())).toEqual(states);
    const t = buildTimeline(s);
    expect(t.bars.length).toBe(s.vertexes.size);
    expect(t.maxConcurrency).toBeGreaterThanOrEqual(minConcurrency);
    expect(s.vertexes.get(t.criticalPath.digests.at(-1) ?? "")?.name).toMatch(lastOnPath);
    expect(steps(plainView(s))).toEqual(steps(expectedPlain(name)));
  });

  it("multistage (no interleaving): the plain text is buildctl's, byte for byte", () => {
    expect(plainView(run(sample("multistage")))).toBe(expectedPlain("multistage"));
  });

  it("multistage: the critical path runs through one of the two 1 s RUN steps", () => {
    const s = run(sample("multistage"));
    const names = buildTimeline(s).criticalPath.digests.map((d) => s.vertexes.get(d)?.name ?? "");
    expect(names.some((n) => /RUN echo building-[ab]/.test(n))).toBe(true);
    expect(buildTimeline(s).criticalPath.totalMs).toBeGreaterThan(1000);
  });

  it("ctx-a: logs are kept per vertex with stdout text", () => {
    const s = run(sample("ctx-a"));
    const v = [...s.vertexes.values()].find((x) => x.name.includes("[stage-2 5/5]"));
    expect(v && lastLines(v.logs, 10)).toEqual(["hello-from-context", "left", "right"]);
    expect(v?.logs.perStream.get(1)).toBeGreaterThan(0);
  });
});

describe("synthetic streams", () => {
  it.each([
    ["serial", 6, 1, 1, 6],
    ["4 lanes", 8, 4, 4, 2],
    ["wide", 32, 16, 16, 2],
  ])("%s: %i vertexes, %i at a time -> concurrency %i, critical path of %i ops", (_n, vertexes, parallel, conc, pathLen) => {
    const s = run(syntheticStream({ vertexes, parallel, stepMs: 1000 }));
    const t = buildTimeline(s);
    expect(t.maxConcurrency).toBe(conc);
    expect(t.criticalPath.digests.length).toBe(pathLen);
    expect(t.criticalPath.totalMs).toBe(pathLen * 1000);
    expect(countStates(s.vertexes.values())).toEqual({ done: vertexes });
  });

  it("uses the op graph's edges when given (here: one long chain)", () => {
    const edges = new Map<string, string[]>();
    for (let i = 1; i < 8; i++) edges.set(syntheticDigest(i), [syntheticDigest(i - 1)]);
    const s = run(syntheticStream({ vertexes: 8, parallel: 4 }), { ok: true }, { edges });
    expect(buildTimeline(s).criticalPath.digests).toEqual(Array.from({ length: 8 }, (_, i) => syntheticDigest(i)));
  });

  it("failure: failing op, its error, its last log lines; the build error is kept", () => {
    const statuses = syntheticStream({ vertexes: 4, parallel: 1, logChunks: 2, chunkBytes: 40, failWith: "process \"/bin/sh -c make\" did not complete successfully: exit code: 2" });
    const err = solverError("solve-failed", "process did not complete successfully: exit code: 2", { vertex: { digest: syntheticDigest(3) } });
    const s = run(statuses, { ok: false, error: err });
    expect(s.state).toBe("failed");
    expect(s.failingDigest).toBe(syntheticDigest(3));
    const v = s.vertexes.get(syntheticDigest(3));
    expect(v?.state).toBe("failed");
    expect(v?.error).toMatch(/exit code: 2/);
    expect(lastLines(v?.logs ?? (null as never), 1)[0]).toMatch(/step 3 chunk 1/);
    expect(plainView(s)).toMatch(/#4 ERROR: process .* exit code: 2\n------\n > \[step 3\] RUN make part-3:\n/);
  });

  it("failure without a vertex in the error: the first failed op is the failing one", () => {
    const s = run(syntheticStream({ vertexes: 3, parallel: 1, failWith: "boom" }), { ok: false, error: solverError("solve-failed", "boom") });
    expect(s.failingDigest).toBe(syntheticDigest(2));
  });

  it("cancel: ops left running become canceled", () => {
    const statuses = syntheticStream({ vertexes: 4, parallel: 2 }).slice(0, -3);
    const s = run(statuses, { ok: false, error: solverError("canceled", "build canceled") });
    expect(s.state).toBe("canceled");
    expect(countStates(s.vertexes.values()).canceled).toBeGreaterThan(0);
    expect(countStates(s.vertexes.values()).running).toBeUndefined();
  });

  it("cached rebuild: every op cached, zero duration, critical path of 0 ms", () => {
    const s = run(syntheticStream({ vertexes: 5, parallel: 1, cached: true }));
    expect(countStates(s.vertexes.values())).toEqual({ cached: 5 });
    expect([...s.vertexes.values()].every((v) => v.durationMs === 0)).toBe(true);
    expect(buildTimeline(s).criticalPath.totalMs).toBe(0);
    expect(plainView(s)).toMatch(/#1 \[step 0\] RUN make part-0\n#1 CACHED\n/);
  });

  it("running op: elapsed from its start, progress fraction from its progress items", () => {
    const statuses = syntheticStream({ vertexes: 1, progressUpdates: 4, logChunks: 0 });
    const s = createBuildState("b", {}, 0);
    applyStatuses(s, statuses.slice(0, 4)); // vertex, started, 2 progress updates
    const v = s.vertexes.get(syntheticDigest(0));
    expect(v?.state).toBe("running");
    expect(v && progressFraction(v)).toBe(0.5);
    expect(v && elapsedMs(v, (v.started ?? 0) + 1234)).toBe(1234);
  });

  it("10 MB of logs into one op stays bounded, and keeps the newest bytes", () => {
    const s = createBuildState("b", { logCapacity: 256 * 1024 }, 0);
    const statuses = syntheticStream({ vertexes: 1, logChunks: 2560, chunkBytes: 4096 });
    applyStatuses(s, statuses);
    const v = s.vertexes.get(syntheticDigest(0));
    expect(s.logBytes).toBe(2560 * 4096);
    expect(v?.logs.size).toBe(256 * 1024);
    expect(v?.logs.dropped).toBe(2560 * 4096 - 256 * 1024);
    expect(lastLines(v?.logs ?? (null as never), 1)[0]).toMatch(/chunk 15 /); // chunk 2559 % 16
  });

  it("the build's log budget bounds what all ops keep together", () => {
    const s = createBuildState("b", { logCapacity: 64 * 1024, logBudget: 128 * 1024 }, 0);
    applyStatuses(s, syntheticStream({ vertexes: 10, parallel: 10, logChunks: 25, chunkBytes: 4096 }));
    const kept = [...s.vertexes.values()].reduce((a, v) => a + v.logs.size, 0);
    expect(s.logBytes).toBe(10 * 25 * 4096);
    expect(kept).toBeLessThanOrEqual(128 * 1024 + 10 * 1024);
    for (const v of s.vertexes.values()) expect(lastLines(v.logs, 1)[0]).toMatch(/chunk 8 end/); // 24 % 16: newest kept
  });

  it("absorbs 20,000 status events in well under a second", () => {
    const statuses = syntheticStream({ vertexes: 400, parallel: 8, logChunks: 45, chunkBytes: 120, progressUpdates: 2 });
    expect(statuses.length).toBeGreaterThanOrEqual(20_000);
    const s = createBuildState("b", {}, 0);
    const t0 = performance.now();
    for (let i = 0; i < statuses.length; i += 200) applyStatuses(s, statuses.slice(i, i + 200));
    const dt = performance.now() - t0;
    expect(s.events).toBe(statuses.length);
    expect(dt).toBeLessThan(1000);
  });

  it("statuses arriving one by one and in one batch give the same state", () => {
    const statuses = syntheticStream({ vertexes: 6, parallel: 3, logChunks: 4 });
    const a = createBuildState("a", {}, 0);
    for (const st of statuses) applyStatus(a, st);
    const b = createBuildState("b", {}, 0);
    applyStatuses(b, statuses);
    expect(buildTimeline(a)).toEqual(buildTimeline(b));
    expect(plainView(a)).toBe(plainView(b));
  });
});
