// The fast dump (its WebAssembly printer, compiled here as the CLI build compiles it) must print
// exactly what the full path (src/llb's dumpBinaryDefinition, which the CLI ran before) prints, and
// step aside (undefined) for everything else: inputs the full path rejects or reads as text, inputs
// it prints with notes, and shapes the fast path does not know.
import { hash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeOp, encodeOpMetadata, opDigest, useSha256 } from "../llb/codec";
import { dumpBinaryDefinition } from "../llb/dump-binary";
import { testdataDir } from "../llb/testdata-path";
import { generateDefinition } from "../llb/testing/generate-graph";
import { truncatedAndCorrupted } from "../llb/testing/mutate";
import { Writer } from "../llb/wire";
import { buildDumpWasm } from "../../scripts/lib/build-dump-wasm.mjs";
import { dumpFast as dumpWith } from "./dump-fast";

const defs = testdataDir("definitions");
const definitionNames = readdirSync(defs).filter((f) => f.endsWith(".llb"));

let printer: WebAssembly.Module;

beforeAll(async () => {
  // As the CLI does (main.ts), so that both paths hash with the same routine.
  useSha256((bytes) => hash("sha256", bytes, "hex"));
  printer = new WebAssembly.Module(await buildDumpWasm());
}, 60_000);

function dumpFast(bytes: Uint8Array, dot = false): Uint8Array | undefined {
  return dumpWith(bytes, printer, dot);
}

function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * Compares both modes (JSON lines, --dot) with the full path; says whether the fast path printed
 * (in either mode) or stepped aside.
 */
function expectSameAsFullPath(bytes: Uint8Array): "printed" | "declined" {
  let printed = 0;
  for (const dot of [false, true]) {
    const fast = dumpFast(bytes, dot);
    if (fast === undefined) continue;
    const full = dumpBinaryDefinition(bytes, dot);
    expect(full).toBeDefined();
    expect(full!.notes).toEqual([]);
    expect(text(fast)).toBe(full!.output.text());
    printed++;
  }
  return printed > 0 ? "printed" : "declined";
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function definition(ops: Uint8Array[], metadata: [string, Uint8Array][] = []): Uint8Array {
  const w = new Writer();
  for (const op of ops) {
    w.uint32(10);
    w.bytes(op);
  }
  for (const [key, value] of metadata) {
    w.uint32(18);
    w.message(value, (w, v) => {
      w.uint32(10);
      w.string(key);
      w.uint32(18);
      w.bytes(v);
    });
  }
  return w.finish();
}

/** An op whose SourceOp has these attrs entries, in this order (duplicates kept). */
function sourceWithAttrs(entries: [string, string][]): Uint8Array {
  const sourceOp = new Writer();
  sourceOp.uint32(10);
  sourceOp.string("docker-image://docker.io/library/alpine:3.20");
  for (const entry of entries) {
    sourceOp.uint32(18);
    sourceOp.message(entry, (w, [k, v]) => {
      w.uint32(10);
      w.string(k);
      w.uint32(18);
      w.string(v);
    });
  }
  const op = new Writer();
  op.uint32(26);
  op.bytes(sourceOp.finish());
  return op.finish();
}

describe("dumpFast", () => {
  it.each(definitionNames)("%s: prints what the full path prints, JSON lines and --dot", (name) => {
    const bytes = readFileSync(join(defs, name));
    expect(dumpFast(bytes)).toBeDefined();
    expect(dumpFast(bytes, true)).toBeDefined();
    expect(expectSameAsFullPath(bytes)).toBe("printed");
  });

  it.each([
    ["small", 40, 7],
    ["medium", 600, 3],
    ["large", 3000, 11],
  ])("generated %s graph: prints what the full path prints, JSON lines and --dot", (_, ops, seed) => {
    const bytes = generateDefinition({ ops, seed });
    expect(dumpFast(bytes)).toBeDefined();
    expect(dumpFast(bytes, true)).toBeDefined();
    expect(expectSameAsFullPath(bytes)).toBe("printed");
  });

  it("prints protobuf-go's field order (the op's oneof member last) and unsorted map entries", () => {
    const source = encodeOp({ op: { case: "source", value: { identifier: "docker-image://docker.io/library/alpine:3.20" } } });
    const platformFirst = concat(encodeOp({ inputs: [{ digest: opDigest(source) }], platform: { Architecture: "amd64", OS: "linux" }, constraints: {} }), encodeOp({ op: { case: "exec", value: { meta: { args: ["sh", "-c", "echo <&> \u2028 é"] } } } }));
    const caps = (names: string[]) => {
      const w = new Writer();
      for (const n of names) {
        w.uint32(42);
        w.message(n, (w, k) => {
          w.uint32(10);
          w.string(k);
          w.uint32(16);
          w.uint32(1);
        });
      }
      return w.finish();
    };
    const bytes = definition([sourceWithAttrs([["b", "2"], ["a", "1"]]), platformFirst], [[opDigest(platformFirst), caps(["exec.mount.bind", "exec.meta.base"])]]);
    expect(dumpFast(bytes)).toBeDefined();
    expect(expectSameAsFullPath(bytes)).toBe("printed");
  });

  it("escapes strings of every length around its 16-byte steps, a special byte at each place", () => {
    // The printer copies strings 16 bytes at a time, the last step reading past the string's end:
    // a special byte first, last, or just past a step boundary must come out as the full path writes it.
    const specials = ['"', "\\", "<", "&", "\n", "\u0001", "\u007f", "é", "\u2028", "😀"];
    let printed = 0;
    for (let length = 0; length <= 34; length++) {
      for (const special of specials) {
        for (const at of new Set([0, Math.max(0, length - 1), 15, 16, 17, 31, 32].filter((a) => a < Math.max(1, length)))) {
          const chars = Array.from({ length }, (_, i) => String.fromCharCode(97 + (i % 26)));
          if (length > 0) chars[at] = special;
          const value = chars.join("");
          // The string last in the input (then the padding follows it), and the string followed by
          // a printable byte (the Op's platform tag, "R"): neither may leak into the string.
          const last = definition([sourceWithAttrs([["k", value]])]);
          const sourceOp = new Writer();
          sourceOp.tag(1, 2);
          sourceOp.string(value);
          const op = new Writer();
          op.tag(3, 2);
          op.bytes(sourceOp.finish());
          op.tag(10, 2);
          op.message("amd64", (w, arch) => {
            w.tag(1, 2);
            w.string(arch);
            w.tag(2, 2);
            w.string("linux");
          });
          const followed = definition([op.finish()]);
          expect(expectSameAsFullPath(last)).toBe("printed");
          expect(expectSameAsFullPath(followed)).toBe("printed");
          printed++;
        }
      }
    }
    expect(printed).toBeGreaterThan(1000);
  });

  it("prints 64-bit values as Go does: int64 signed, uint64 unsigned, int32 and uint32 truncated", () => {
    const mkdir = (timestamp: bigint) => encodeOp({ op: { case: "file", value: { actions: [{ input: -1, secondaryInput: -1, output: 0, action: { case: "mkdir", value: { path: "/x", mode: -1, timestamp } } }] } } });
    const ops = [mkdir(-1n), mkdir(-(2n ** 63n)), mkdir(2n ** 63n - 1n), mkdir(2n ** 53n + 1n)];
    const resources = encodeOpMetadata({ linux_resources: { memory: -(2n ** 62n), cpuShares: 2n ** 64n - 1n, cpuPeriod: 2n ** 63n + 5n, cpuQuota: 2n ** 53n + 3n } });
    const bytes = definition(ops, [[opDigest(ops[0]!), resources]]);
    expect(dumpFast(bytes)).toBeDefined();
    expect(expectSameAsFullPath(bytes)).toBe("printed");
    const out = text(dumpFast(bytes))!;
    for (const figure of ["-9223372036854775808", "9223372036854775807", "9007199254740993", "18446744073709551615", "9223372036854775813", "-4611686018427387904"]) expect(out).toContain(figure);
  });

  it("prints ops whose JSON is many times their size (empty file actions, 28 bytes each per 2)", () => {
    const empty = Array.from({ length: 5000 }, () => ({}));
    const op = encodeOp({ op: { case: "file", value: { actions: empty } } });
    const bytes = definition([op]);
    expect(dumpFast(bytes)).toBeDefined();
    expect(expectSameAsFullPath(bytes)).toBe("printed");
  });

  it("prints an input index up to 2^53 - 1 and steps aside beyond (the full path reads indexes as numbers)", () => {
    const withIndex = (index: bigint) => {
      const input = new Writer();
      input.uint32(10);
      input.string(opDigest(encodeOp({})));
      input.uint32(16);
      input.uint64(index);
      const op = new Writer();
      op.uint32(10);
      op.bytes(input.finish());
      return definition([op.finish()]);
    };
    expect(expectSameAsFullPath(withIndex(2n ** 53n - 1n))).toBe("printed");
    expect(dumpFast(withIndex(2n ** 53n))).toBeUndefined();
    expect(dumpBinaryDefinition(withIndex(2n ** 53n), false)).toBeUndefined();
  });

  it("reads varints of up to ten bytes and steps aside for longer ones", () => {
    // An op whose file action's input is a varint of these bytes.
    const withInput = (varint: number[]) => {
      const action = Uint8Array.of(0x08, ...varint);
      const fileOp = Uint8Array.of(0x12, action.length, ...action);
      return definition([Uint8Array.of(0x22, fileOp.length, ...fileOp)]);
    };
    const minusOne = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    expect(expectSameAsFullPath(withInput(minusOne))).toBe("printed");
    expect(text(dumpFast(withInput(minusOne)))).toContain('"input":-1,');
    expect(dumpFast(withInput([...new Array(10).fill(0x80), 0x01]))).toBeUndefined();
  });

  it("--dot: labels quoted as Go quotes them, edges labelled by the last mount of each input", () => {
    const base = encodeOp({ op: { case: "source", value: { identifier: 'docker-image://x "quoted" \\ back' } } });
    const other = encodeOp({ op: { case: "source", value: { identifier: "local://context" } } });
    const exec = encodeOp({
      inputs: [{ digest: opDigest(base) }, { digest: opDigest(other) }, { digest: opDigest(other), index: 1 }],
      op: {
        case: "exec",
        value: {
          meta: { args: ["sh", "-c", "printf 'a\tb\n' \x01\x7f\x0b"] },
          mounts: [
            { input: 0, dest: "/" },
            { input: 1, dest: "/first" },
            { input: 1, dest: "/last" },
            { input: 2 },
            { input: -1, dest: "/scratch" },
            { input: 7, dest: "/out-of-range" },
          ],
        },
      },
    });
    const file = encodeOp({
      inputs: [{ digest: opDigest(exec) }],
      op: { case: "file", value: { actions: [{ action: { case: "copy", value: { src: "/a", dest: "/b" } } }, {}, { action: { case: "symlink", value: { oldpath: "x", newpath: "y" } } }, { action: { case: "rm", value: { path: "/tmp" } } }] } },
    });
    const bytes = definition([base, other, exec, file, encodeOp({})]);
    expect(dumpFast(bytes, true)).toBeDefined();
    expect(expectSameAsFullPath(bytes)).toBe("printed");
    expect(text(dumpFast(bytes, true))).toContain('[label="/last"]');
    // Beyond ASCII, whether Go escapes a character depends on Unicode's tables: the full path's.
    const unicode = definition([encodeOp({ op: { case: "exec", value: { meta: { args: ["echo", "é"] } } } })]);
    expect(dumpFast(unicode, true)).toBeUndefined();
    expect(dumpFast(unicode)).toBeDefined();
  });

  it("steps aside for what it does not print itself", () => {
    const source = encodeOp({ op: { case: "source", value: { identifier: "local://context" } } });
    const cases: [string, Uint8Array][] = [
      ["empty input", new Uint8Array(0)],
      ["dump-llb JSON", new TextEncoder().encode('{"Op":{}}\n')],
      ["a truncated op", Uint8Array.of(0x0a, 0x05, 0x0a)],
      ["no ops, only metadata", definition([], [[opDigest(source), encodeOpMetadata({ ignore_cache: true })]])],
      ["a repeated op (a note on stderr)", definition([source, source])],
      ["the exec member twice (merged)", definition([concat(encodeOp({ op: { case: "exec", value: { meta: { args: ["a"] } } } }), encodeOp({ op: { case: "exec", value: { meta: { args: ["b"] } } } }))])],
      ["a field twice", definition([concat(encodeOp({ platform: { OS: "linux" } }), encodeOp({ platform: { Architecture: "amd64" } }))])],
      ["an unknown field", definition([concat(source, Uint8Array.of(0x78, 0x01))])],
      ["invalid UTF-8", definition([encodeOp({ op: { case: "source", value: { identifier: "x" } } }).map((c) => (c === 0x78 ? 0xff : c))])],
      ["a nested Definition (BuildOp)", definition([encodeOp({ op: { case: "build", value: { builder: 1 } } })])],
      ["a map key twice (the last wins)", definition([sourceWithAttrs([["a", "1"], ["a", "2"]])])],
    ];
    for (const [what, bytes] of cases) {
      expect(dumpFast(bytes), what).toBeUndefined();
      expectSameAsFullPath(bytes);
    }
  });

  it("agrees with the full path on 2000 truncated and corrupted Definitions", () => {
    const seeds = [readFileSync(join(defs, "009-cache-mounts.fixtures.llb")), readFileSync(join(defs, definitionNames[0]!)), generateDefinition({ ops: 30, seed: 5 })];
    const outcomes = { printed: 0, declined: 0 };
    for (const b of truncatedAndCorrupted(seeds, 2000, 4242)) outcomes[expectSameAsFullPath(b)]++;
    // Both outcomes must occur for the comparison to mean something.
    expect(outcomes.printed).toBeGreaterThan(50);
    expect(outcomes.declined).toBeGreaterThan(50);
  });
});
