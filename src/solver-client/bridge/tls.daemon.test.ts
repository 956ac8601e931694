// tcp:// with TLS, as users reach a standalone buildkitd: through a mutual-TLS front
// (testdata/tls-front.ts) to the real test daemon, from the solver and from `llbx build`.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TlsFiles } from "./address";
import { openConnection } from "./connect";
import { createSolver } from "./solver";
import { daemonAddressFromEnv } from "./testdata/daemon-env";
import { image, marshal, run } from "./testdata/llb-fixture";
import { startTlsFront, type TlsFront } from "./testdata/tls-front";

const cli = join(import.meta.dirname, "../../../bin/llbx.cjs");
const base = process.env.LLBX_BASE_IMAGE ?? "llbx-busybox:latest";
let front: TlsFront;
const work = mkdtempSync(join(tmpdir(), "llbx-tls-build-"));

beforeAll(async () => {
  front = await startTlsFront(daemonAddressFromEnv());
});
afterAll(async () => {
  await front?.close();
  rmSync(work, { recursive: true, force: true });
});

function solverOver(host: string, tls: TlsFiles) {
  const r = openConnection({ kind: "tcp", host, port: front.port, tls });
  if (!r.ok) throw new Error(r.error.message);
  return createSolver(r.connection);
}
const clientFiles = (): TlsFiles => ({ caCert: join(front.dir, "ca.pem"), cert: join(front.dir, "cert.pem"), key: join(front.dir, "key.pem") });

/** `llbx build` as a child process that does not block this process (the front runs here). */
function llbx(args: string[], buildkitHost = ""): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cli, ...args], { env: { ...process.env, BUILDKIT_HOST: buildkitHost } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
    p.stdin.end();
  });
}

describe("tcp:// with TLS", () => {
  it("lists workers and runs a build with the CA and a client certificate, by IP and by --tlsservername", async () => {
    for (const tls of [clientFiles(), { ...clientFiles(), serverName: "localhost" }]) {
      const solver = solverOver("127.0.0.1", tls);
      try {
        const workers = await solver.listWorkers();
        const p = workers[0]?.platforms[0];
        expect(p).toBeDefined();
        if (!p) return;
        const platform = { OS: p.os, Architecture: p.architecture };
        const n = `${Date.now()}-${Math.random()}`;
        const r = await solver.solve(marshal(run(image(platform), platform, { args: ["sh", "-c", `echo tls ${n}`], name: "over tls" })).bytes).done;
        expect(r).toMatchObject({ ok: true });
      } finally {
        solver.close();
      }
    }
    expect(front.accepted()).toBeGreaterThanOrEqual(2);
  });

  it("refuses a daemon whose certificate another CA signed, or a name it does not carry, saying why", async () => {
    for (const [tls, why] of [
      [{ ...clientFiles(), caCert: front.otherCa }, /certificate|self.signed|unable to verify/i],
      [{ ...clientFiles(), serverName: "buildkitd.example" }, /buildkitd\.example|altnames|Hostname/i],
    ] as const) {
      const solver = solverOver("127.0.0.1", tls);
      try {
        const e = await solver.listWorkers().then(
          () => null,
          (err: unknown) => err,
        );
        expect(e).toMatchObject({ error: { kind: "unreachable" } });
        expect((e as Error).message).toMatch(why);
      } finally {
        solver.close();
      }
    }
  });

  it("is refused by a daemon that requires a client certificate when none is given", async () => {
    const solver = solverOver("127.0.0.1", { caCert: join(front.dir, "ca.pem") });
    try {
      await expect(solver.listWorkers()).rejects.toMatchObject({ error: { kind: "unreachable", message: expect.stringMatching(/certificate required/) } });
    } finally {
      solver.close();
    }
  });

  it("llbx build --addr tcp://127.0.0.1:PORT --tlsdir DIR builds a Dockerfile, with no warning on stderr", async () => {
    const df = join(work, "Dockerfile");
    writeFileSync(df, `FROM ${base}\nRUN echo over-tls-${Date.now()}\n`);
    const r = await llbx(["build", df, "--addr", `tcp://127.0.0.1:${front.port}`, "--tlsdir", front.dir]);
    expect(r.stderr).toMatch(/over-tls-\d+/);
    expect(r.stderr).not.toMatch(/Warning|DEP0123/);
    expect(r.status).toBe(0);
  });

  it("llbx build applies --tlsdir to BUILDKIT_HOST=tcp://… when no --addr is given", async () => {
    const df = join(work, "Dockerfile.env");
    writeFileSync(df, `FROM ${base}\nRUN echo env-tls-${Date.now()}\n`);
    const r = await llbx(["build", df, "--tlsdir", front.dir], `tcp://127.0.0.1:${front.port}`);
    expect(r.stderr).toMatch(/env-tls-\d+/);
    expect(r.status).toBe(0);
  });

  it("llbx build names a TLS file it cannot read", async () => {
    const df = join(work, "Dockerfile.missing-ca");
    writeFileSync(df, `FROM ${base}\n`);
    const r = await llbx(["build", df, "--addr", `tcp://127.0.0.1:${front.port}`, "--tlscacert", join(work, "missing.pem")]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`--tlscacert ${join(work, "missing.pem")}`);
  });
});
