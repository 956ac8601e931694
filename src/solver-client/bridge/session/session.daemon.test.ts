// BuildKit sessions against the real daemon (scripts/dockerd-up.sh; DOCKER_HOST or BUILDKIT_HOST):
// local contexts pulled through FileSync.DiffCopy and secrets through Secrets.GetSecret, over
// Docker's `POST /session` and over the Control.Session tunnel.
import { createHook } from "node:async_hooks";
import { createHash } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertDockerfile } from "../../../dockerfile/index";
import { encodeDefinition } from "../../../llb/index";
import { base64ToBytes } from "../../protocol/status";
import type { SolveStatus } from "../../protocol/status";
import type { Solver } from "../solver";
import { solverFromEnv } from "../testdata/daemon-env";
import { readIgnoreFile } from "../../protocol/pattern-matcher";
import type { SessionEvent, SessionSpec, SessionTransport } from "./session";

const base = process.env.LLBX_BASE_IMAGE ?? "llbx-busybox:latest";
let solver: Solver;
let caps: Set<string>;

beforeAll(async () => {
  solver = solverFromEnv();
  caps = new Set((await solver.daemonInfo()).caps.llbCaps);
});
const made: string[] = [];
/** A temp dir removed after the tests. */
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "llbx-ctx-"));
  made.push(d);
  return d;
}
afterAll(() => {
  solver?.close();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const nonce = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

function allLogs(statuses: SolveStatus[]): string {
  let t = "";
  for (const s of statuses) for (const l of s.logs ?? []) t += new TextDecoder().decode(base64ToBytes(l.data) ?? new Uint8Array());
  return t;
}

async function build(dockerfile: string, session: SessionSpec, opts: { transport?: SessionTransport; onEvent?: (e: SessionEvent) => void } = {}) {
  const definition = encodeDefinition(convertDockerfile(dockerfile, { caps }).definition);
  const statuses: SolveStatus[] = [];
  const h = solver.solve(definition, { session, sessionOptions: { transport: opts.transport ?? "auto", ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) } }, (s) => statuses.push(s));
  const result = await h.done;
  return { result, statuses, logs: allLogs(statuses), definition };
}

/** 20 MB of deterministic, incompressible-looking bytes. */
function bigContent(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash("sha256").update(seed).digest();
  for (let o = 0; o < size; o += block.length) {
    block.copy(out, o);
    block = createHash("sha256").update(block).digest();
  }
  return out;
}

function richContext(tag: string) {
  const ctx = tempDir();
  const w = (rel: string, data: string | Buffer) => {
    mkdirSync(join(ctx, rel, ".."), { recursive: true });
    writeFileSync(join(ctx, rel), data);
  };
  w(".dockerignore", "# comment\n*.log\n!keep.log\nsecret-dir\nnested/**/*.tmp\n");
  w("a.log", "ignored\n");
  w("keep.log", `kept ${tag}\n`);
  w("secret-dir/x", "must not be sent\n");
  w("nested/deep/er/file.txt", `nested ${tag}\n`);
  w("nested/deep/er/junk.tmp", "ignored\n");
  mkdirSync(join(ctx, "nested/empty"), { recursive: true });
  w("run.sh", `#!/bin/sh\necho run ${tag}\n`);
  chmodSync(join(ctx, "run.sh"), 0o755);
  symlinkSync("nested/deep/er/file.txt", join(ctx, "link"));
  const big = bigContent(20 * 1024 * 1024 + 123, tag);
  w("big.bin", big);
  w("hard1", `hard ${tag}\n`);
  linkSync(join(ctx, "hard1"), join(ctx, "hard2"));
  w("ünïcødé-名前.txt", `unicode ${tag}\n`);
  return { ctx, big };
}

describe("session: local context (FileSync.DiffCopy)", () => {
  it.each<[string, SessionTransport]>([
    ["Docker POST /session", "auto"],
    ["Control.Session tunnel", "control-session"],
  ])("COPYs a context with .dockerignore, nesting, modes, links, unicode and a 20 MB file (%s)", async (_name, transport) => {
    const tag = nonce();
    const { ctx, big } = richContext(tag);
    const excludes = readIgnoreFile(readFileSync(join(ctx, ".dockerignore"), "utf8"));
    const events: SessionEvent[] = [];
    const r = await build(
      `FROM ${base}\nCOPY . /ctx\nRUN cd /ctx && echo LIST && find . | sort && echo SUMS && sha256sum big.bin run.sh hard1 hard2 'ünïcødé-名前.txt' keep.log && echo MODES && stat -c '%a %F %n' run.sh link nested/empty && readlink link && ./run.sh\n`,
      { locals: { context: { dir: ctx, excludes } }, secrets: {} },
      { transport, onEvent: (e) => events.push(e) },
    );
    if (!r.result.ok) console.log(r.result.error, r.logs.slice(-3000));
    expect(r.result.ok).toBe(true);
    const list = r.logs.slice(r.logs.indexOf("LIST"), r.logs.indexOf("SUMS")).split("\n").map((l) => l.trim()).filter(Boolean);
    expect(list).toEqual([
      "LIST",
      ".",
      "./.dockerignore",
      "./big.bin",
      "./hard1",
      "./hard2",
      "./keep.log",
      "./link",
      "./nested",
      "./nested/deep",
      "./nested/deep/er",
      "./nested/deep/er/file.txt",
      "./nested/empty",
      "./run.sh",
      "./ünïcødé-名前.txt",
    ]);
    expect(r.logs).toContain(`${sha256(big)}  big.bin`);
    expect(r.logs).toContain(`${sha256(`#!/bin/sh\necho run ${tag}\n`)}  run.sh`);
    expect(r.logs).toContain(`${sha256(`hard ${tag}\n`)}  hard1`);
    expect(r.logs).toContain(`${sha256(`hard ${tag}\n`)}  hard2`);
    expect(r.logs).toContain(`${sha256(`unicode ${tag}\n`)}  ünïcødé-名前.txt`);
    expect(r.logs).toContain(`${sha256(`kept ${tag}\n`)}  keep.log`);
    expect(r.logs).toContain("755 regular file run.sh");
    expect(r.logs).toContain("777 symbolic link link");
    expect(r.logs).toMatch(/\d+ directory nested\/empty/);
    expect(r.logs).toContain("nested/deep/er/file.txt\n");
    expect(r.logs).toContain(`run ${tag}`);
    const done = events.find((e) => e.kind === "done");
    expect(done && done.kind === "done" && done.bytes).toBeGreaterThanOrEqual(big.length);
  });

  it("fails with a clear error when a context folder is removed during the transfer", async () => {
    const ctx = tempDir();
    mkdirSync(join(ctx, "sub"));
    writeFileSync(join(ctx, "sub/one.bin"), bigContent(1024 * 1024, nonce()));
    writeFileSync(join(ctx, "sub/two.bin"), bigContent(1024 * 1024, nonce()));
    let removed = false;
    const r = await build(`FROM ${base}\nCOPY . /ctx\nRUN ls /ctx\n`, { locals: { context: ctx }, secrets: {} }, {
      onEvent: (e) => {
        if (e.kind === "request" && !removed) {
          removed = true;
          rmSync(join(ctx, "sub"), { recursive: true, force: true });
        }
      },
    });
    expect(removed).toBe(true);
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error.message).toMatch(/sub\/one\.bin was removed from .* during the transfer/);
  });

  it("leaves no ref'd timer of its own once the build is done, so a CLI exits as soon as it has printed the result", async () => {
    const ctx = tempDir();
    writeFileSync(join(ctx, "f"), nonce());
    // Timers created while the build runs that are still pending (and hold the process) after it.
    const pending = new Map<number, { hasRef(): boolean }>();
    const hook = createHook({
      init(id, type, _trigger, resource) {
        if (type === "Timeout") pending.set(id, resource as { hasRef(): boolean });
      },
      destroy(id) {
        pending.delete(id);
      },
    }).enable();
    const definition = encodeDefinition(convertDockerfile(`FROM ${base}\nCOPY f /f\nRUN cat /f\n`, { caps }).definition);
    // A status tail far longer than any test: a tail timer armed after the stream ended would
    // still be pending (llbx build used to wait it out after printing its result).
    const r = await solver.solve(definition, { session: { locals: { context: { dir: ctx, excludes: [] } }, secrets: {} }, statusTailMs: 600_000 }).done;
    hook.disable();
    expect(r).toMatchObject({ ok: true });
    expect([...pending.values()].filter((t) => t.hasRef())).toEqual([]);
  });

  it("refuses an unknown local name with the daemon's error", async () => {
    const ctx = tempDir();
    const r = await build(`FROM ${base}\nCOPY . /ctx\n`, { locals: { other: ctx }, secrets: {} });
    expect(r.result.ok).toBe(false);
    if (!r.result.ok) expect(r.result.error.message).toMatch(/no access allowed to dir "context"|context/);
  });
});

describe("session: secrets (Secrets.GetSecret)", () => {
  it("hands a secret to RUN --mount=type=secret without it showing in logs or graph", async () => {
    const value = `s3cr3t-${nonce()}`;
    const r = await build(
      `FROM ${base}\nRUN --mount=type=secret,id=tok,required=true echo ${nonce()} && sha256sum /run/secrets/tok && wc -c < /run/secrets/tok\n`,
      { locals: {}, secrets: { tok: value } },
    );
    if (!r.result.ok) console.log(r.result.error, r.logs);
    expect(r.result.ok).toBe(true);
    expect(r.logs).toContain(`${sha256(value)}  /run/secrets/tok`);
    expect(r.logs).not.toContain(value);
    expect(JSON.stringify(r.statuses)).not.toContain(value);
    expect(Buffer.from(r.definition).includes(Buffer.from(value))).toBe(false);
  });

  it("passes an optional secret that is not given and fails a required one", async () => {
    const optional = await build(`FROM ${base}\nRUN --mount=type=secret,id=nope echo optional-${nonce()} && ls /run/secrets/ || true\n`, { locals: {}, secrets: {} });
    expect(optional.result.ok).toBe(true);
    const required = await build(`FROM ${base}\nRUN --mount=type=secret,id=nope,required=true echo required-${nonce()}\n`, { locals: {}, secrets: {} });
    expect(required.result.ok).toBe(false);
    if (!required.result.ok) expect(required.result.error.message).toMatch(/secret nope|not found/);
  });
});
