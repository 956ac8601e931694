import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLlb } from "./read";
import { testdataDir } from "./testdata-path";
import { validateGraph } from "./validate";

const sample = readFileSync(join(testdataDir("definitions"), "004-parallel-stages.fixtures.llb"));
const dump = readFileSync(join(testdataDir("dumps"), "004-parallel-stages.fixtures.dump.json"), "utf8");

function errorOf(input: Uint8Array | string) {
  const r = readLlb(input);
  if (r.ok) throw new Error("expected an error");
  return r.error;
}

describe("bad input names the place", () => {
  it("truncated input names an offset inside the file", () => {
    const e = errorOf(sample.subarray(0, 120));
    expect(e.kind).toBe("wire");
    expect(e.message).toMatch(/runs past the end .* at byte \d+/);
    expect(e.offset).toBeLessThanOrEqual(120);
  });

  it("a corrupt byte inside an op names the op and the file offset", () => {
    const bad = Uint8Array.from(sample);
    // The first op starts after its tag (0x0a) and a 1-2 byte length; make its first tag invalid (wire type 7).
    const opStart = bad[1]! < 0x80 ? 2 : 3;
    bad[opStart] = 0x0f;
    const e = errorOf(bad);
    expect(e.kind).toBe("wire");
    expect(e.message).toMatch(/^op 0 \(bytes \d+–\d+\) is not a valid pb\.Op: wrong wire type 7 for pb\.Op\.inputs at byte \d+/);
    expect(e.offset).toBe(opStart);
  });

  it("an invalid wire type names its field and offset", () => {
    const bad = Uint8Array.from([0x0a, 0x03, 0x0b, 0x01, 0x02]); // op field 1 with wire type 3 (group start)
    const e = errorOf(bad);
    expect(e.kind).toBe("wire");
    expect(e.offset).toBe(2);
    expect(e.message).toMatch(/wrong wire type 3 for pb\.Op\.inputs at byte 2/);
  });

  it("JSON syntax errors name the line and column", () => {
    const lines = dump.split("\n");
    lines[2] = lines[2]!.replace('"Digest":', '"Digest"');
    const e = errorOf(lines.join("\n"));
    expect(e.kind).toBe("json-syntax");
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/expected ':' after key at line 3, column \d+/);
  });

  it("JSON of the wrong shape names the line and the field path", () => {
    const lines = dump.split("\n");
    const i = lines.findIndex((l) => l.includes('"cwd":"'));
    lines[i] = lines[i]!.replace(/"cwd":"[^"]*"/, '"cwd":7');
    const e = errorOf(lines.join("\n"));
    expect(e.kind).toBe("json-shape");
    expect(e.line).toBe(i + 1);
    expect(e.message).toContain("Op.Op.exec.meta.cwd: expected a string, got number 7");
  });

  it.each([
    ["empty text", ""],
    ["only whitespace", "  \n\t"],
    ["only comments", "// nothing here\n# still nothing\n"],
  ])("%s is an 'empty' error", (_, text) => {
    expect(errorOf(text).kind).toBe("empty");
  });

  it("text that is no LLB format says so", () => {
    expect(errorOf("FROM alpine\nRUN true\n").kind).toBe("format");
  });

  it("refuses inputs over the size limit without reading them", () => {
    const r = readLlb(sample, { maxBytes: 100 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("too-large");
  });
});

const line = (digest: string, inputs: { digest: string; index?: number }[], op: string) =>
  JSON.stringify({ Op: { ...(inputs.length ? { inputs } : {}), Op: JSON.parse(op), constraints: {} }, Digest: digest, OpMetadata: {} });
const D = (c: string) => `sha256:${c.repeat(64)}`;

describe("validation", () => {
  it("reports nothing for a golden Definition", () => {
    const r = readLlb(sample);
    expect(r.ok && validateGraph(r.graph)).toEqual([]);
  });

  it.each([
    ["unknown-input", [line(D("a"), [{ digest: D("f") }], '{"merge":{"inputs":[{}]}}'), line(D("b"), [{ digest: D("a") }], "{}")]],
    ["cycle", [line(D("a"), [{ digest: D("b") }], '{"merge":{"inputs":[{}]}}'), line(D("b"), [{ digest: D("a") }], '{"merge":{"inputs":[{}]}}'), line(D("c"), [{ digest: D("b") }], "{}")]],
    ["duplicate-op", [line(D("a"), [], '{"source":{"identifier":"local://x"}}'), line(D("a"), [], '{"source":{"identifier":"local://x"}}'), line(D("c"), [{ digest: D("a") }], "{}")]],
    ["output-out-of-range", [line(D("a"), [], '{"source":{"identifier":"local://x"}}'), line(D("c"), [{ digest: D("a"), index: 3 }], "{}")]],
    [
      "mount-input-out-of-range",
      [line(D("a"), [], '{"source":{"identifier":"local://x"}}'), line(D("b"), [{ digest: D("a") }], '{"exec":{"meta":{"args":["true"]},"mounts":[{"dest":"/"},{"input":4,"dest":"/x","output":1}]}}'), line(D("c"), [{ digest: D("b") }], "{}")],
    ],
    [
      "file-input-out-of-range",
      [line(D("a"), [], '{"source":{"identifier":"local://x"}}'), line(D("b"), [{ digest: D("a") }], '{"file":{"actions":[{"input":5,"secondaryInput":-1,"output":0,"Action":{"mkdir":{"path":"/x","mode":493}}}]}}'), line(D("c"), [{ digest: D("b") }], "{}")],
    ],
    ["no-terminal", [line(D("a"), [], '{"source":{"identifier":"local://x"}}')]],
  ])("reports %s", (kind, lines) => {
    const r = readLlb(lines.join("\n"));
    if (!r.ok) throw new Error(r.error.message);
    const issues = validateGraph(r.graph);
    expect(issues.map((i) => i.kind)).toContain(kind);
    expect(issues.find((i) => i.kind === kind)!.message.length).toBeGreaterThan(10);
  });

  it("an empty Definition (zero bytes) is an error, not an empty graph", () => {
    expect(errorOf(new Uint8Array(0)).kind).toBe("empty");
  });
});
