import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLlb, type ReadResult } from "./read";
import { testdataDir } from "./testdata-path";
import { writeDefinition, writeDot, writeDumpJson } from "./write";
import type { LlbGraph } from "./graph";

const defs = testdataDir("definitions");
const dumps = testdataDir("dumps");
const goldenNames = readdirSync(dumps)
  .filter((f) => f.endsWith(".dump.json"))
  .map((f) => f.replace(/\.dump\.json$/, ""));

function graphOf(r: ReadResult): LlbGraph {
  if (!r.ok) throw new Error(`read failed: ${r.error.message}`);
  return r.graph;
}

describe("binary Definition reader and dump-llb writers", () => {
  it("has golden cases", () => expect(goldenNames.length).toBeGreaterThan(50));

  it.each(goldenNames)("%s: JSON lines and --dot are byte-identical to buildctl", (name) => {
    const bytes = readFileSync(join(defs, `${name}.llb`));
    const g = graphOf(readLlb(bytes));
    expect(g.format).toBe("binary");
    expect(writeDumpJson(g)).toBe(readFileSync(join(dumps, `${name}.dump.json`), "utf8"));
    expect(writeDot(g)).toBe(readFileSync(join(dumps, `${name}.dot`), "utf8"));
    expect(Buffer.from(writeDefinition(g)).equals(bytes)).toBe(true);
  });
});

describe("base64 reader", () => {
  it("reads base64 text (with line breaks) as the same graph", () => {
    const bytes = readFileSync(join(defs, "004-parallel-stages.fixtures.llb"));
    const b64 = bytes.toString("base64").replace(/(.{76})/g, "$1\n");
    const g = graphOf(readLlb(b64));
    expect(g.format).toBe("base64");
    expect(Buffer.from(writeDefinition(g)).equals(bytes)).toBe(true);
  });
});

describe("dump-llb JSON reader", () => {
  it.each(goldenNames.slice(0, 40))("%s: today's dump reads back, every digest verified", (name) => {
    const text = readFileSync(join(dumps, `${name}.dump.json`), "utf8");
    const g = graphOf(readLlb(text));
    expect(g.format).toBe("dump-json");
    expect(g.nodes.every((n) => n.digestCheck.state === "verified")).toBe(true);
    expect(writeDumpJson(g)).toBe(text);
  });

  const old = readdirSync(testdataDir("old-dumps")).filter((f) => /\.v[\d.]+\.json$/.test(f));
  it.each(old)("%s: an older release's dump prints as today's", (f) => {
    const dir = testdataDir("old-dumps");
    const g = graphOf(readLlb(readFileSync(join(dir, f), "utf8")));
    expect(g.nodes.every((n) => n.digestCheck.state === "verified")).toBe(true);
    expect(writeDumpJson(g)).toBe(readFileSync(join(dir, f.replace(/\.v[\d.]+\.json$/, ".json")), "utf8"));
  });

  it("reads a blog-post fragment with comments and elisions, and says what it skipped", () => {
    const lines = readFileSync(join(dumps, "004-parallel-stages.fixtures.dump.json"), "utf8").trim().split("\n");
    const fragment = ["# output of buildctl debug dump-llb", lines[0], "// ...", lines[lines.length - 2], "..."].join("\n");
    const g = graphOf(readLlb(fragment));
    expect(g.nodes).toHaveLength(2);
    expect(g.notes.map((n) => n.line)).toEqual([1, 3, 5]);
    expect(g.notes[1]!.message).toContain("elision");
  });

  it("marks an edited op as a digest mismatch and keeps the printed digest as its identity", () => {
    const text = readFileSync(join(dumps, "001-single-run.fixtures.dump.json"), "utf8").replace("apk add --no-cache curl", "apk add --no-cache wget");
    const g = graphOf(readLlb(text));
    const edited = g.nodes.find((n) => n.op.op?.case === "exec" && n.op.op.value.meta?.args?.join(" ").includes("wget"))!;
    expect(edited.digestCheck.state).toBe("mismatch");
    expect(text).toContain(edited.digest);
    expect(g.nodes.filter((n) => n.digestCheck.state === "verified")).toHaveLength(g.nodes.length - 1);
  });
});

describe("protobuf JSON (full Definition) reader", () => {
  const files = readdirSync(testdataDir("full-json"));
  it.each(files)("%s: writes the golden canonical Definition back, byte for byte", (f) => {
    const g = graphOf(readLlb(readFileSync(join(testdataDir("full-json"), f), "utf8")));
    expect(g.format).toBe("full-json");
    expect(g.nodes.every((n) => n.digestCheck.state === "verified")).toBe(true);
    const golden = readFileSync(join(defs, f.replace(/\.full\.json$/, ".llb")));
    expect(Buffer.from(writeDefinition(g)).equals(golden)).toBe(true);
    expect(g.sources[0]?.text).toMatch(/^FROM|^#|^ARG/m);
  });
});

describe("graph model", () => {
  it("labels, kinds, roles, locations and the terminal op", () => {
    const g = graphOf(readLlb(readFileSync(join(defs, "010-bind-mounts.fixtures.llb"))));
    expect(g.terminal).toBe(g.nodes[g.nodes.length - 1]!.digest);
    const exec = g.nodes.find((n) => n.kind === "exec" && n.inputs.some((i) => i.roles.some((r) => r.kind === "mount" && r.dest !== "/")))!;
    expect(exec.label).toMatch(/^\[.*\] RUN /);
    const mountRole = exec.inputs.flatMap((i) => i.roles).find((r) => r.kind === "mount" && r.dest !== "/");
    expect(mountRole).toMatchObject({ kind: "mount", readonly: expect.any(Boolean) });
    expect(exec.locations[0]!.ranges[0]!.start.line).toBeGreaterThan(0);
    const src = g.sources[exec.locations[0]!.sourceIndex]!;
    expect(src.filename).toBe("Dockerfile");
    const line = src.text.split("\n")[exec.locations[0]!.ranges[0]!.start.line - 1]!;
    expect(line).toContain("RUN");
  });

  it("gives copy sources and file bases their roles", () => {
    const g = graphOf(readLlb(readFileSync(join(defs, "007-copy-chown-chmod.fixtures.llb"))));
    const file = g.nodes.find((n) => n.kind === "file" && n.inputs.length > 1)!;
    const kinds = file.inputs.flatMap((i) => i.roles.map((r) => r.kind));
    expect(kinds).toContain("file-base");
    expect(kinds).toContain("copy-source");
  });
});
