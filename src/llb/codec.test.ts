import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeDefinition, decodeOp, encodeDefinition, encodeOp, opDigest } from "./codec";
import { sha256Hex } from "./sha256";
import { testdataDir } from "./testdata-path";

const canonicalFiles = readdirSync(testdataDir("definitions")).filter((f) => f.endsWith(".llb"));

describe("canonical Definition codec", () => {
  it("has golden inputs to test", () => expect(canonicalFiles.length).toBeGreaterThan(10));

  it.each(canonicalFiles)("%s: decode then encode gives the same bytes", (f) => {
    const bytes = readFileSync(join(testdataDir("definitions"), f));
    const def = decodeDefinition(bytes);
    expect(Buffer.from(encodeDefinition(def)).equals(bytes)).toBe(true);
    for (const opBytes of def.def ?? []) {
      expect(Buffer.from(encodeOp(decodeOp(opBytes))).equals(Buffer.from(opBytes))).toBe(true);
    }
  });
});

describe("opDigest", () => {
  it.each([
    ["empty", new Uint8Array(0)],
    ["55 bytes (one block with length)", new Uint8Array(55).fill(7)],
    ["56 bytes (two blocks)", new Uint8Array(56).fill(9)],
    ["64 bytes", new Uint8Array(64).fill(1)],
    ["1000 bytes", Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff)],
  ])("%s matches node:crypto", (_, data) => {
    expect(sha256Hex(data)).toBe(createHash("sha256").update(data).digest("hex"));
  });

  it("hashes the exact bytes it is given (a gogo-era op, oneof first)", () => {
    // llb.Image("alpine") as BuildKit <= v0.16 wrote it; public dumps of that era show this digest.
    const gogo =
      "1a300a2e646f636b65722d696d6167653a2f2f646f636b65722e696f2f6c6962726172792f616c70696e653a6c6174657374" +
      "520e0a05616d64363412056c696e7578" +
      "5a00";
    const bytes = Uint8Array.from(Buffer.from(gogo, "hex"));
    expect(opDigest(bytes)).toBe("sha256:665ba8b2cdc0cb0200e2a42a6b3c0f8f684089f4cd1b81494fbb9805879120f7");
    // Today's canonical order writes platform and constraints before the oneof member.
    const op = decodeOp(bytes);
    expect(op.op?.case).toBe("source");
    const canonical = Buffer.from(encodeOp(op)).toString("hex");
    expect(canonical.startsWith("520e0a05616d64363412056c696e75785a001a30")).toBe(true);
  });
});
