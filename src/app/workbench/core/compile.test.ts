import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isImageFixtures } from "../../../dockerfile/index";
import { readLlb } from "../../../llb/index";
import { llbCapsForVersion } from "../../../solver-client/protocol/index";
import { compileDockerfile, isCompileError } from "./compile";
import { resolveWorkbenchOptions, type WorkbenchOptions } from "./options";
import { TWO_STAGE } from "./test-helpers";

const fixtures: unknown = JSON.parse(readFileSync("src/dockerfile/testdata/golden/images.json", "utf8"));

describe("compileDockerfile", () => {
  it.each<[string, string, Partial<WorkbenchOptions>, number]>([
    ["two stages, last as target", TWO_STAGE, {}, 5],
    ["target 'build' drops the final stage", TWO_STAGE, { target: "build" }, 3],
    ["arm64 platform", TWO_STAGE, { platform: "linux/arm64" }, 5],
  ])("%s", (_name, text, options, ops) => {
    const outcome = compileDockerfile(text, resolveWorkbenchOptions(options));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const read = readLlb(outcome.definition);
    expect(read.ok && read.graph.nodes.length).toBe(ops);
    expect(outcome.outline?.stages.map((s) => s.id)).toEqual(["build", "unused", "2"]);
  });

  it("uses loaded image configs (pinned digests)", () => {
    if (!isImageFixtures(fixtures)) throw new Error("images.json is not an image-config file");
    const outcome = compileDockerfile("FROM alpine:3.20\nRUN true\n", resolveWorkbenchOptions({ images: { kind: "fixtures", name: "images.json", fixtures } }));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const read = readLlb(outcome.definition);
    expect(read.ok && read.graph.nodes.some((n) => n.label.includes("alpine"))).toBe(true);
    expect(new TextDecoder().decode(outcome.definition)).toContain("@sha256:");
  });

  it.each<[string, string, Partial<WorkbenchOptions>, string, string, number[]]>([
    ["unknown instruction", "FROM alpine\nRUNN echo hi\n", {}, "instruction", "dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)", [2]],
    ["empty file", "", {}, "input", "the Dockerfile cannot be empty", []],
    ["unknown target", TWO_STAGE, { target: "nope" }, "convert", "target stage \"nope\" could not be found", []],
    ["bad platform", TWO_STAGE, { platform: "linux/amd64/v9/x" }, "platform", "", []],
  ])("%s fails as plain data", (_name, text, options, kind, message, lines) => {
    const outcome = compileDockerfile(text, resolveWorkbenchOptions(options));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(isCompileError(structuredClone(outcome.error))).toBe(true);
    expect(outcome.error.kind).toBe(kind);
    if (message) expect(outcome.error.message).toBe(message);
    expect(outcome.error.ranges.map((r) => r.start.line)).toEqual(lines);
  });
});

describe("compiling for the connected daemon's caps", () => {
  const v08 = { label: "BuildKit v0.8 (Docker 20.10.24)", caps: llbCapsForVersion([0, 8]) };
  const capsOf = (definition: Uint8Array) => {
    const r = readLlb(definition);
    if (!r.ok) throw new Error(r.error.message);
    return new Set(r.graph.nodes.flatMap((n) => Object.keys(n.metadata.caps ?? {})));
  };

  it("falls back where the daemon lacks a cap, and says the ops differ", () => {
    const text = "FROM alpine AS a\nRUN echo a > /a\nFROM alpine\nCOPY --link --from=a /a /a\n";
    const full = compileDockerfile(text, resolveWorkbenchOptions());
    const old = compileDockerfile(text, resolveWorkbenchOptions({ daemonCaps: v08 }));
    if (!full.ok || !old.ok) throw new Error("compile failed");
    expect(full.capsNote).toBeUndefined();
    expect(capsOf(full.definition).has("mergeop")).toBe(true);
    expect(capsOf(old.definition).has("mergeop")).toBe(false);
    expect(old.capsNote).toEqual({ label: v08.label, differs: true });
  });

  it("notes the daemon but no difference when every cap the text needs is there", () => {
    const old = compileDockerfile("FROM alpine\nRUN true\n", resolveWorkbenchOptions({ daemonCaps: v08 }));
    expect(old.ok && old.capsNote).toEqual({ label: v08.label, differs: false });
  });
});
