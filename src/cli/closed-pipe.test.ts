// `llbx dump big.llb | head`: the reader of standard output goes away after the first lines. llbx
// stops quietly with buildctl's status there (141, as if killed by SIGPIPE), on the fast path (a
// binary Definition) and on the full one (--dot), instead of printing an EPIPE stack trace.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateDefinition } from "../llb/testing/generate-graph";
import { CLOSED_PIPE_STATUS } from "./closed-pipe";

const cli = join(import.meta.dirname, "../../bin/llbx.cjs");

/** Runs llbx, reads the first chunk of its output, then closes the pipe. */
function readFirstChunk(args: string[]): Promise<{ status: number | null; first: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, ...args]);
    let first = "";
    let stderr = "";
    p.stdout.once("data", (d: Buffer) => {
      first = d.toString();
      p.stdout.destroy();
    });
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (status) => resolve({ status, first, stderr }));
  });
}

describe("a reader that goes away", () => {
  // Far more than a pipe holds (64 KiB), so that llbx is still writing when the reader leaves.
  const file = join(mkdtempSync(join(tmpdir(), "llbx-pipe-")), "big.llb");
  writeFileSync(file, generateDefinition({ ops: 3000, seed: 3 }));

  it.each([
    ["JSON lines (fast path)", ["dump", file], '{"Op":'],
    ["--dot (full path)", ["dump", "--dot", file], "digraph {"],
  ])("%s: stops quietly with status 141", async (_name, args, start) => {
    const r = await readFirstChunk(args);
    expect(r.first.startsWith(start)).toBe(true);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(CLOSED_PIPE_STATUS);
  });
});
