// Standard input as other programs hand it over: `llbx dump -` fed through a pipe that has no
// data yet when llbx starts reading (Node's spawn() gives a non-blocking one; reading it with
// readFileSync(0) failed with EAGAIN).
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testdataDir } from "../llb/testdata-path";

const cli = join(import.meta.dirname, "../../bin/llbx.cjs");

function dumpThroughLatePipe(bytes: Buffer, delayMs: number, firstPart: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, "dump", "-"]);
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
    // Part now, the rest later: llbx has to wait for it instead of failing or stopping short.
    if (firstPart > 0) p.stdin.write(bytes.subarray(0, firstPart));
    setTimeout(() => p.stdin.end(bytes.subarray(firstPart)), delayMs);
  });
}

describe("llbx dump - (standard input)", () => {
  const dir = testdataDir("definitions");
  const file = join(dir, readdirSync(dir).filter((f) => f.endsWith(".llb")).sort()[0] ?? "");

  it.each([
    ["half of it first", 0.5],
    ["nothing at first", 0],
  ])("reads a pipe whose data arrives late (%s), as from a file", async (_name, first) => {
    const fromFile = spawnSync(process.execPath, [cli, "dump", file], { encoding: "utf8" });
    expect(fromFile.status).toBe(0);
    const bytes = readFileSync(file);
    const piped = await dumpThroughLatePipe(bytes, 300, Math.floor(bytes.length * first));
    expect(piped.stderr).toBe("");
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(fromFile.stdout);
    expect(piped.stdout.length).toBeGreaterThan(0);
  });
});
