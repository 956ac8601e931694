// `llbx build` against the real daemon (DOCKER_HOST or BUILDKIT_HOST, started by npm test), run as
// users run it: the built CLI, a Dockerfile or LLB file, progress on stderr, the exit status.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliDaemonFlags } from "../solver-client/bridge/testdata/daemon-env";

const cli = join(import.meta.dirname, "../../bin/llbx.cjs");
const dir = mkdtempSync(join(tmpdir(), "llbx-build-"));
const base = process.env.LLBX_BASE_IMAGE ?? "llbx-busybox:latest";

function llbx(args: string[], input?: string) {
  const daemon = args[0] === "build" ? cliDaemonFlags() : [];
  const r = spawnSync(process.execPath, [cli, ...args, ...daemon], { encoding: "utf8", timeout: 120_000, input, env: process.env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dockerfile(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("llbx build", () => {
  it("builds a two-stage Dockerfile and prints plain progress like buildctl", () => {
    const nonce = `${Date.now()}-${Math.random()}`;
    const f = dockerfile(
      "Dockerfile.two",
      `FROM ${base} AS a\nRUN echo "from a ${nonce}"\nFROM ${base}\nCOPY --from=a /etc/passwd /copied\nRUN cat /copied > /dev/null && echo done-${nonce}\n`,
    );
    const r = llbx(["build", f]);
    expect(r.stderr).toMatch(/#\d+ \[a 2\/2\] RUN echo "from a /);
    expect(r.stderr).toContain(`from a ${nonce}`);
    expect(r.stderr).toMatch(/#\d+ DONE \d+\.\d+s/);
    expect(r.status).toBe(0);
  });

  it("prints rawjson status lines with --progress rawjson", () => {
    const f = dockerfile("Dockerfile.raw", `FROM ${base}\nRUN echo raw-${Date.now()}\n`);
    const r = llbx(["build", "--progress", "rawjson", f]);
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as { vertexes?: { digest: string }[] });
    expect(lines.some((l) => (l.vertexes ?? []).some((v) => v.digest.startsWith("sha256:")))).toBe(true);
  });

  it("builds LLB read from dump-llb JSON on standard input", () => {
    const compiled = spawnSync(process.execPath, [cli, "compile", dockerfile("Dockerfile.llb", `FROM ${base}\nRUN echo llb-${Date.now()}\n`)]);
    const dump = spawnSync(process.execPath, [cli, "dump", "-"], { input: compiled.stdout, encoding: "utf8" });
    const r = llbx(["build", "-"], dump.stdout);
    expect(r.stderr).toContain("RUN echo llb-");
    expect(r.status).toBe(0);
  });

  it("exits non-zero with the daemon's error and the step's logs when a RUN fails", () => {
    const f = dockerfile("Dockerfile.fail", `FROM ${base}\nRUN echo before-failing-${Date.now()} && exit 3\n`);
    const r = llbx(["build", f]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("before-failing-");
    expect(r.stderr).toMatch(/exit code: 3/);
  });

  it("names the session sources a build needs instead of sending it to fail", () => {
    // LLB input has no default context; a required secret is not given either.
    const llb = spawnSync(process.execPath, [cli, "compile", dockerfile("Dockerfile.ctx", `FROM ${base}\nCOPY . /src\nRUN --mount=type=secret,id=tok,required=true true\n`)]);
    const r = spawnSync(process.execPath, [cli, "build", "-", ...cliDaemonFlags()], { input: llb.stdout, encoding: "utf8", timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the local source "context" (local://context)');
    expect(r.stderr).toContain('the secret "tok"');
  });

  it("sends the Dockerfile's directory as context, filtered by .dockerignore, and serves --secret", () => {
    const ctx = mkdtempSync(join(tmpdir(), "llbx-build-ctx-"));
    mkdirSync(join(ctx, "sub"));
    writeFileSync(join(ctx, "sub/kept.txt"), "kept\n");
    writeFileSync(join(ctx, "drop.tmp"), "dropped\n");
    writeFileSync(join(ctx, ".dockerignore"), "*.tmp\n");
    const secretFile = join(ctx, "..", `llbx-secret-${Date.now()}`);
    const value = `v-${Date.now()}-${Math.random()}`;
    writeFileSync(secretFile, value);
    const f = join(ctx, "Dockerfile");
    writeFileSync(f, `FROM ${base}\nCOPY . /c\nRUN --mount=type=secret,id=tok,required=true echo n-${Date.now()} && find /c | sort && sha256sum /run/secrets/tok\n`);
    const r = llbx(["build", f, "--secret", `id=tok,src=${secretFile}`]);
    expect(r.stderr).toContain("/c/sub/kept.txt");
    expect(r.stderr).not.toContain("drop.tmp");
    expect(r.stderr).toContain(`${createHash("sha256").update(value).digest("hex")}  /run/secrets/tok`);
    expect(r.stderr).not.toContain(value);
    expect(r.status).toBe(0);
  });

  it("serves --local NAME=DIR and a secret from the environment to LLB input", () => {
    const other = mkdtempSync(join(tmpdir(), "llbx-build-other-"));
    writeFileSync(join(other, "from-other.txt"), "other\n");
    const llb = spawnSync(process.execPath, [
      cli,
      "compile",
      dockerfile("Dockerfile.local", `FROM ${base}\nCOPY from-other.txt /x\nRUN --mount=type=secret,id=tok,required=true echo e-${Date.now()} && cat /x && wc -c < /run/secrets/tok\n`),
    ]);
    const r = spawnSync(process.execPath, [cli, "build", "-", "--local", `context=${other}`, "--secret", "id=tok,env=LLBX_TEST_TOKEN", ...cliDaemonFlags()], {
      encoding: "utf8",
      timeout: 120_000,
      input: llb.stdout,
      env: { ...process.env, LLBX_TEST_TOKEN: "12345" },
    });
    expect(r.stderr).toContain("other");
    expect(r.stderr).toMatch(/#\d+ [\d.]+ 5\n/);
    expect(r.status).toBe(0);
  });

  it("rejects malformed --local and --secret flags", () => {
    expect(llbx(["build", "-", "--local", "context"], "FROM scratch\n").stderr).toContain("expected NAME=DIR");
    expect(llbx(["build", "-", "--secret", "id=x,bogus=1"], "FROM scratch\n").stderr).toContain("unexpected key 'bogus'");
  });
});
