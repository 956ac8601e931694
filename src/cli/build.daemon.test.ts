// `llbx build` against the real daemon (DOCKER_HOST or BUILDKIT_HOST, started by npm test), run as
// users run it: the built CLI, a Dockerfile or LLB file, progress on stderr, the exit status.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const cli = join(import.meta.dirname, "../../bin/llbx.mjs");
const dir = mkdtempSync(join(tmpdir(), "llbx-build-"));
const base = process.env.LLBX_BASE_IMAGE ?? "llbx-busybox:latest";

function llbx(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 120_000, input, env: process.env });
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
    const f = dockerfile("Dockerfile.ctx", `FROM ${base}\nCOPY . /src\n`);
    const r = llbx(["build", f]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the local source "context" (local://context)');
  });
});
