// Mutation fuzzing of every reader: each mutated input either reads or fails with an error that names
// a byte offset or a line. Bounded in count and time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLlb } from "./read";
import { testdataDir } from "./testdata-path";

// Deterministic PRNG so failures reproduce.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  const b = Uint8Array.from(src);
  const kind = Math.floor(rand() * 5);
  const at = Math.floor(rand() * b.length);
  switch (kind) {
    case 0: // flip bits
      for (let i = 0; i < 1 + rand() * 4; i++) b[Math.floor(rand() * b.length)]! ^= 1 << Math.floor(rand() * 8);
      return b;
    case 1: // truncate
      return b.subarray(0, at);
    case 2: // random byte run
      for (let i = at; i < Math.min(b.length, at + 1 + rand() * 16); i++) b[i] = Math.floor(rand() * 256);
      return b;
    case 3: {
      // duplicate a slice
      const len = Math.floor(rand() * 64);
      const out = new Uint8Array(b.length + len);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at, at + len), at);
      out.set(b.subarray(at), at + Math.min(len, b.length - at));
      return out;
    }
    default: // delete a slice
      return Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + Math.floor(rand() * 32))]);
  }
}

const seeds = [
  ["binary", readFileSync(join(testdataDir("definitions"), "009-cache-mounts.fixtures.llb"))],
  ["dump JSON", readFileSync(join(testdataDir("dumps"), "014-heredocs.fixtures.dump.json"))],
  ["old dump JSON", readFileSync(join(testdataDir("old-dumps"), "007-copy-chown-chmod.fixtures.v0.16.0.json"))],
  ["full JSON", readFileSync(join(testdataDir("full-json"), "011-secret-ssh.fixtures.full.json"))],
] as const;

describe("reader fuzzing", () => {
  it.each(seeds)("%s: 1500 mutations each read or fail with a located error", (_, seed) => {
    const rand = rng(seed.length);
    const deadline = Date.now() + 15_000;
    let ok = 0;
    let failed = 0;
    for (let i = 0; i < 1500 && Date.now() < deadline; i++) {
      const input = mutate(seed, rand);
      const r = readLlb(input);
      if (r.ok) {
        ok++;
        continue;
      }
      failed++;
      const located = r.error.offset !== undefined || r.error.line !== undefined || r.error.kind === "empty" || r.error.kind === "format";
      if (!located) throw new Error(`error without a place for mutation ${i}: ${JSON.stringify(r.error)}`);
      expect(r.error.message.length).toBeGreaterThan(5);
    }
    expect(ok + failed).toBeGreaterThan(500);
    expect(failed).toBeGreaterThan(0);
  });

  it("random bytes fail cleanly", () => {
    const rand = rng(7);
    for (let i = 0; i < 500; i++) {
      const b = Uint8Array.from({ length: Math.floor(rand() * 300) }, () => Math.floor(rand() * 256));
      const r = readLlb(b);
      if (!r.ok) expect(r.error.message).toBeTruthy();
    }
  });
});
