import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDecodeClient } from "./decode.client";

const file = join(import.meta.dirname, "../llb/testdata/definitions/004-parallel-stages.fixtures.llb");

describe("decode client without Worker", () => {
  it.each([
    ["binary", new Uint8Array(readFileSync(file)), true],
    ["garbage text", "{ not json", false],
  ])("%s", async (_name, input, ok) => {
    const client = createDecodeClient({ createWorker: null });
    const r = await client.decode(input);
    expect(r.result.ok).toBe(ok);
    expect(r.analysis !== undefined).toBe(ok);
  });
  it("falls back when the worker cannot be created", async () => {
    const client = createDecodeClient({
      createWorker: () => {
        throw new Error("no workers here");
      },
    });
    const r = await client.decode(new Uint8Array(readFileSync(file)));
    expect(r.result.ok && r.result.graph.nodes.length).toBe(9);
    expect(r.analysis?.parallelism.criticalLength).toBe(6);
  });
});
