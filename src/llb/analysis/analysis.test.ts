import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Digest } from "../codec";
import type { LlbGraph } from "../graph";
import { readLlb } from "../read";
import { testdataDir } from "../testdata-path";
import { ancestorsOf, consumersOf, descendantsOf, lineageOf } from "./ancestry";
import { analyzeParallelism } from "./parallelism";
import { dockerfileStages, groupStages, stageFromCustomName } from "./stages";
import { opClass, searchOps } from "./search";

function load(name: string): LlbGraph {
  const r = readLlb(new Uint8Array(readFileSync(join(testdataDir("definitions"), `${name}.llb`))));
  if (!r.ok) throw new Error(r.error.message);
  return r.graph;
}

/** Finds an op by a unique piece of its label. */
function op(g: LlbGraph, label: string): Digest {
  const found = g.nodes.filter((n) => n.label.includes(label));
  if (found.length !== 1) throw new Error(`${found.length} ops match ${label}`);
  return found[0]!.digest;
}

const parallel = load("004-parallel-stages.fixtures");

describe("ancestry", () => {
  const consumers = consumersOf(parallel);
  it.each([
    ["stage0 build", "RUN go build -o stage0_bin", ["FROM docker.io/library/golang", "WORKDIR /go", "ADD ./ /go", "load build context"], ["COPY --from=stage0", "COPY --from=stage1", "result"]],
    ["shared ADD", "ADD ./ /go", ["FROM docker.io/library/golang", "WORKDIR /go", "load build context"], ["stage0_bin", "stage1_bin", "COPY --from=stage0", "COPY --from=stage1", "result"]],
    ["build context", "load build context", [], ["ADD ./ /go", "stage0_bin", "stage1_bin", "COPY --from=stage0", "COPY --from=stage1", "result"]],
  ])("%s", (_name, label, ups, downs) => {
    const d = op(parallel, label);
    expect([...ancestorsOf(parallel, d)].sort()).toEqual(ups.map((l) => op(parallel, l)).sort());
    const below = descendantsOf(consumers, d);
    expect(below.size).toBe(downs.length);
    expect(lineageOf(parallel, consumers, d).size).toBe(ups.length + downs.length + 1);
  });
  it("lists each consumer once", () => {
    const g = load("009-cache-mounts.fixtures");
    const ctx = op(g, "load build context");
    expect(consumersOf(g).get(ctx)).toHaveLength(2);
  });
});

describe("parallelism", () => {
  it.each([
    ["004-parallel-stages.fixtures", [2, 1, 1, 2, 1, 1], 6],
    ["001-single-run.fixtures", [1, 1], 2],
    ["009-cache-mounts.fixtures", [3, 1, 1, 1, 1, 1, 1], 7],
  ])("%s", (name, widths, critical) => {
    const g = load(name);
    const p = analyzeParallelism(g);
    expect(p.widths).toEqual(widths);
    expect(p.criticalLength).toBe(critical);
    expect(p.maxWidth).toBe(Math.max(...widths));
    // The path is a chain: each op is an input of the next, one level apart.
    for (let i = 1; i < p.criticalPath.length; i++) {
      const node = g.byDigest.get(p.criticalPath[i]!)!;
      expect(node.inputs.map((x) => x.digest)).toContain(p.criticalPath[i - 1]);
      expect(p.levels.get(node.digest)).toBe(i);
    }
  });
  it("ends the critical path at the terminal op", () => {
    const p = analyzeParallelism(parallel);
    expect(p.criticalPath.at(-1)).toBe(parallel.terminal);
    expect(p.criticalPath.map((d) => parallel.byDigest.get(d)!.label.slice(0, 14))).toContain("[stage0 4/4] R");
  });
});

describe("stages", () => {
  it.each([
    ["[stage1 2/4] WORKDIR /go", "stage1"],
    ["[build 10/12] RUN make", "build"],
    ["[internal] load build context", undefined],
    ["RUN make", undefined],
    [undefined, undefined],
  ])("customname %j", (name, stage) => {
    expect(stageFromCustomName(name)).toBe(stage);
  });
  it("reads FROM lines", () => {
    expect(dockerfileStages("# x\nFROM golang:1.22 AS build\nRUN x\nfrom --platform=$BUILDPLATFORM alpine\nFROM build as final\n")).toEqual([
      { line: 2, name: "build" },
      { line: 4, name: "stage-1" },
      { line: 5, name: "final" },
    ]);
  });
  it.each([
    ["004-parallel-stages.fixtures", ["stage1", "stage0", "stage-2"], 1],
    ["006-platform-args.arm64", ["stage-1", "build"], 1],
  ])("groups %s", (name, stages, ungrouped) => {
    const g = load(name);
    const s = groupStages(g);
    expect(s.stages.map((x) => x.id)).toEqual(stages);
    // The build context and the terminal op belong to no stage.
    expect(g.nodes.length - s.stageOf.size).toBe(ungrouped + 1);
    expect(s.stages.reduce((n, x) => n + x.size, 0)).toBe(s.stageOf.size);
  });
});

describe("search", () => {
  it.each([
    ["digest prefix", "6f74864d", "digest", "stage1_bin"],
    ["digest with algorithm", "sha256:9fc8e08f", "digest", "stage0_bin"],
    ["command text", "go build -o stage0", "customname", "stage0_bin"],
    ["identifier", "library/golang", "customname", "golang"],
    ["customname", "WORKDIR /go", "customname", "WORKDIR"],
  ])("%s", (_name, query, field, label) => {
    const hits = searchOps(parallel, query);
    expect(hits[0]?.field).toBe(field);
    expect(parallel.byDigest.get(hits[0]!.digest)!.label).toContain(label);
  });
  it("ranks prefix matches first and honours limit and classes", () => {
    const hits = searchOps(parallel, "[stage");
    expect(hits.length).toBe(7);
    expect(searchOps(parallel, "[stage", { limit: 2 })).toHaveLength(2);
    const execs = searchOps(parallel, "[stage", { classes: new Set(["exec"]) });
    expect(execs.map((h) => opClass(parallel.byDigest.get(h.digest)!))).toEqual(["exec", "exec"]);
    expect(searchOps(parallel, "  ")).toEqual([]);
  });
  it("classifies ops", () => {
    expect(parallel.nodes.map(opClass)).toEqual(["image", "file", "local", "file", "exec", "file", "exec", "file", "other"]);
  });
});
