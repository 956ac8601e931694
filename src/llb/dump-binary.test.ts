// The streaming dump must print exactly what readOpList + the writers print, give the same notes, and
// step aside (undefined) for every input readOpList rejects.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeOp, encodeOpMetadata, opDigest } from "./codec";
import { dumpBinaryDefinition } from "./dump-binary";
import { readOpList } from "./read";
import { testdataDir } from "./testdata-path";
import { generateDefinition } from "./testing/generate-graph";
import { truncatedAndCorrupted } from "./testing/mutate";
import { Writer } from "./wire";
import { writeDotBytes, writeDumpJsonBytes } from "./write";

const defs = testdataDir("definitions");
const definitionNames = readdirSync(defs).filter((f) => f.endsWith(".llb"));

function expectSameAsReader(bytes: Uint8Array): "streamed" | "declined" {
  const list = readOpList(bytes);
  const json = dumpBinaryDefinition(bytes, false);
  const dot = dumpBinaryDefinition(bytes, true);
  if (!list.ok) {
    expect(json).toBeUndefined();
    expect(dot).toBeUndefined();
    return "declined";
  }
  if (json === undefined) {
    expect(dot).toBeUndefined();
    return "declined";
  }
  expect(json.output.text()).toBe(writeDumpJsonBytes(list.list).text());
  expect(dot!.output.text()).toBe(writeDotBytes(list.list).text());
  expect(json.notes).toEqual(list.list.notes);
  expect(dot!.notes).toEqual(list.list.notes);
  return "streamed";
}

describe("dumpBinaryDefinition", () => {
  it.each(definitionNames)("%s: same output as readOpList and the writers", (name) => {
    expect(expectSameAsReader(readFileSync(join(defs, name)))).toBe("streamed");
  });

  it.each([
    ["small", 40, 7],
    ["medium", 600, 3],
  ])("generated %s graph: same output", (_, ops, seed) => {
    expect(expectSameAsReader(generateDefinition({ ops, seed }))).toBe("streamed");
  });

  it("drops repeated ops with the same notes", () => {
    const bytes = readFileSync(join(defs, definitionNames[0]!));
    // Concatenated Definitions merge: every op appears twice, metadata entries are replaced.
    const twice = new Uint8Array(bytes.length * 2);
    twice.set(bytes);
    twice.set(bytes, bytes.length);
    expect(expectSameAsReader(twice)).toBe("streamed");
    expect(dumpBinaryDefinition(twice, false)!.notes.length).toBeGreaterThan(0);
  });

  it("prints non-canonical encodings (fields out of order, repeats, unsorted map keys) like the reader", () => {
    const concat = (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };
    const source = encodeOp({ op: { case: "source", value: { identifier: "docker-image://docker.io/library/alpine:3.20" } } });
    const sourceDigest = opDigest(source);
    // Concatenated messages merge: platform before inputs, the exec member twice, args split in two runs.
    const exec = concat(
      encodeOp({ platform: { OS: "linux" } }),
      encodeOp({ inputs: [{ digest: sourceDigest }], op: { case: "exec", value: { meta: { args: ["a"] }, mounts: [{ dest: "/" }] } } }),
      encodeOp({ op: { case: "exec", value: { meta: { args: ["b"], env: ["X=1"] }, mounts: [{ dest: "/", readonly: true }] } } }),
    );
    const file = concat(
      encodeOp({ inputs: [{ digest: sourceDigest }], op: { case: "file", value: { actions: [{ output: 0, action: { case: "mkdir", value: { path: "/x" } } }] } } }),
      encodeOp({ op: { case: "file", value: { actions: [{ input: 0, secondaryInput: -1, action: { case: "rm", value: { path: "/y" } } }] } } }),
    );
    const unsortedMetadata = concat(encodeOpMetadata({ description: { b: "2" }, caps: { z: true } }), encodeOpMetadata({ description: { a: "1" }, caps: { y: true } }));
    const w = new Writer();
    for (const op of [source, exec, file, encodeOp({ inputs: [{ digest: opDigest(file) }] })]) {
      w.uint32(10);
      w.bytes(op);
    }
    for (const [key, value] of [
      [opDigest(exec), unsortedMetadata],
      [sourceDigest, concat(encodeOpMetadata({ ignore_cache: true }), encodeOpMetadata({ description: { "llb.customname": "x" } }))],
    ] as const) {
      w.uint32(18);
      w.message(value, (w, v) => {
        w.uint32(10);
        w.string(key);
        w.uint32(18);
        w.bytes(v);
      });
    }
    expect(expectSameAsReader(w.finish())).toBe("streamed");
  });

  it("declines text, empty and malformed inputs", () => {
    expect(dumpBinaryDefinition(new Uint8Array(0), false)).toBeUndefined();
    expect(dumpBinaryDefinition(new TextEncoder().encode('{"Op":{}}\n'), false)).toBeUndefined();
    expect(dumpBinaryDefinition(Uint8Array.of(0x0a, 0x05, 0x0a), false)).toBeUndefined();
  });

  it("agrees with readOpList on 1200 mutated Definitions", () => {
    const seeds = [readFileSync(join(defs, "009-cache-mounts.fixtures.llb")), generateDefinition({ ops: 30, seed: 5 })];
    const outcomes = { streamed: 0, declined: 0 };
    for (const b of truncatedAndCorrupted(seeds, 1200, 12345)) outcomes[expectSameAsReader(b)]++;
    // Both paths must be exercised for the comparison to mean something.
    expect(outcomes.streamed).toBeGreaterThan(50);
    expect(outcomes.declined).toBeGreaterThan(50);
  });
});
