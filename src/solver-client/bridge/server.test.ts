// The bridge's guards, with a real server on 127.0.0.1:0 and a stand-in Solver (no daemon needed:
// these tests are about who may talk to the bridge and what it accepts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { solverError, SolverFailure } from "../protocol/errors";
import { isServerMessage } from "../protocol/messages";
import type { DaemonInfo, ServerMessage } from "../protocol/messages";
import type { SolveStatus } from "../protocol/status";
import { newBridgeToken, startBridge, CLOSE_UNAUTHORIZED } from "./server";
import type { RunningBridge } from "./server";
import type { BuildHandle, SolveOptions, Solver, SolveResult } from "./solver";
import type { Connection } from "./connect";

let bridge: RunningBridge;

beforeEach(async () => {
  // An address with nothing behind it: the guards under test answer before any daemon is needed.
  bridge = await startBridge({ addr: "unix:///nonexistent/llbx-test/buildkitd.sock", allowedOrigins: ["http://localhost:5173"] });
});
afterEach(async () => {
  await bridge.close();
});

const own = () => `http://127.0.0.1:${bridge.port}`;

/** Opens a socket; resolves with the first message, or the close code / HTTP status on refusal. */
function open(url: string, origin: string | undefined, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: ServerMessage[]; opened: Promise<number>; closed: Promise<number> }> {
  const ws = new WebSocket(url, { ...(origin ? { origin } : {}), headers });
  const messages: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (d) => {
    const v: unknown = JSON.parse(d.toString());
    if (!isServerMessage(v)) throw new Error(`not a server message: ${d.toString()}`);
    messages.push(v);
    for (const w of waiters.splice(0)) w();
  });
  const opened = new Promise<number>((resolve) => {
    ws.on("open", () => resolve(101));
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(-1));
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  return Promise.resolve({ ws, messages, opened, closed });
}

async function next(c: { messages: ServerMessage[] }, n: number, timeoutMs = 5000): Promise<ServerMessage> {
  const t0 = Date.now();
  while (c.messages.length < n) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for message ${n}; got ${JSON.stringify(c.messages)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return c.messages[n - 1] as ServerMessage;
}

describe("handshake guards", () => {
  it("accepts the right token from the bridge's own origin", async () => {
    const c = await open(bridge.url, own());
    expect(await c.opened).toBe(101);
    expect(await next(c, 1)).toEqual({ type: "ready" });
    c.ws.close();
  });

  it("accepts the configured dev-server origin", async () => {
    const c = await open(bridge.url, "http://localhost:5173");
    expect(await c.opened).toBe(101);
    c.ws.close();
  });

  it.each<[string, string | undefined]>([
    ["a foreign origin", "https://evil.example"],
    ["a lookalike origin", `http://127.0.0.1:${1}`],
    ["no Origin header", undefined],
    ["the null origin", "null"],
  ])("refuses %s with 403", async (_n, origin) => {
    const c = await open(bridge.url, origin);
    expect(await c.opened).toBe(403);
  });

  it("refuses a wrong token in the URL with 401", async () => {
    const c = await open(bridge.url.replace(/token=[^&]+/, `token=${newBridgeToken()}`), own());
    expect(await c.opened).toBe(401);
  });

  it("refuses a Host header that is not loopback (DNS rebinding)", async () => {
    const c = await open(bridge.url, own(), { Host: `attacker.example:${bridge.port}` });
    expect(await c.opened).toBe(403);
  });

  it("answers 404 on other paths", async () => {
    const c = await open(`ws://127.0.0.1:${bridge.port}/other?token=${bridge.token}`, own());
    expect(await c.opened).toBe(404);
  });

  it("without a URL token, the first message must be a good auth", async () => {
    const noToken = `ws://127.0.0.1:${bridge.port}/bridge`;
    const good = await open(noToken, own());
    await good.opened;
    good.ws.send(JSON.stringify({ type: "auth", token: bridge.token }));
    expect(await next(good, 1)).toEqual({ type: "ready" });
    good.ws.close();

    const bad = await open(noToken, own());
    await bad.opened;
    bad.ws.send(JSON.stringify({ type: "auth", token: "x".repeat(43) }));
    expect(await bad.closed).toBe(CLOSE_UNAUTHORIZED);

    const skip = await open(noToken, own());
    await skip.opened;
    skip.ws.send(JSON.stringify({ type: "connect-info" }));
    expect(await skip.closed).toBe(CLOSE_UNAUTHORIZED);
  });

  it("refuses to listen beyond loopback", async () => {
    await expect(startBridge({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
  });
});

describe("messages", () => {
  it.each<[string, string]>([
    ["not JSON", "{nope"],
    ["not an object", "[1,2]"],
    ["unknown type", JSON.stringify({ type: "exec", cmd: "rm -rf /" })],
    ["extra field", JSON.stringify({ type: "connect-info", addr: "tcp://1.2.3.4:1" })],
    ["bad build id", JSON.stringify({ type: "build", buildId: "../x", definition: "AAAA", entitlements: [] })],
    ["non-base64 definition", JSON.stringify({ type: "build", buildId: "b1", definition: "not base64!", entitlements: [] })],
    ["unknown entitlement", JSON.stringify({ type: "build", buildId: "b1", definition: "AAAA", entitlements: ["device"] })],
    ["entitlements not an array", JSON.stringify({ type: "build", buildId: "b1", definition: "AAAA", entitlements: "network.host" })],
    ["cancel of an unknown build", JSON.stringify({ type: "cancel", buildId: "nope" })],
  ])("replies with a bad-request error to %s, and keeps serving", async (_n, frame) => {
    const c = await open(bridge.url, own());
    await next(c, 1);
    c.ws.send(frame);
    const m = await next(c, 2);
    expect(m.type).toBe("error");
    if (m.type === "error") expect(m.error.kind).toBe("bad-request");
    c.ws.send(frame); // still alive
    expect((await next(c, 3)).type).toBe("error");
    c.ws.close();
  });

  it("replies to a binary frame with an error", async () => {
    const c = await open(bridge.url, own());
    await next(c, 1);
    c.ws.send(Buffer.from([1, 2, 3]));
    const m = await next(c, 2);
    expect(m).toMatchObject({ type: "error", error: { kind: "bad-request" } });
    c.ws.close();
  });

  it("reports an unreachable daemon as a typed error, not a crash", async () => {
    const c = await open(bridge.url, own());
    await next(c, 1);
    c.ws.send(JSON.stringify({ type: "connect-info" }));
    const m = await next(c, 2);
    expect(m).toMatchObject({ type: "error", error: { kind: "unreachable" } });
    c.ws.send(JSON.stringify({ type: "build", buildId: "b1", definition: "CgA=", entitlements: [] }));
    expect(await next(c, 3)).toMatchObject({ type: "build-failed", buildId: "b1", error: { kind: "unreachable" } });
    c.ws.close();
  });
});

describe("builds through the bridge (stand-in solver)", () => {
  /** Records the options each solve got; statuses and the result are scripted. */
  function fakeSolver(calls: { def: Uint8Array; options: Partial<SolveOptions> }[]): Solver {
    const connection = { address: { kind: "unix", path: "/fake" }, addressText: "unix:///fake" } as unknown as Connection;
    return {
      connection,
      info: async () => null,
      listWorkers: async () => [],
      daemonInfo: async (): Promise<DaemonInfo> => {
        throw new SolverFailure(solverError("unsupported", "fake"));
      },
      solve(def: Uint8Array, options: Partial<SolveOptions> = {}, onStatus?: (s: SolveStatus) => void): BuildHandle {
        calls.push({ def, options });
        let cancel: () => void = () => {};
        const done = new Promise<SolveResult>((resolve) => {
          onStatus?.({ vertexes: [{ digest: "sha256:1", name: "step", started: "2026-01-01T00:00:00Z" }] });
          const t = setTimeout(() => resolve({ ok: true, ref: "r", exporterResponse: {} }), 50);
          cancel = () => {
            clearTimeout(t);
            resolve({ ok: false, ref: "r", error: solverError("canceled", "build canceled") });
          };
        });
        return { ref: "r", done, cancel: () => cancel() };
      },
      close() {},
    };
  }

  it("streams status, grants only the entitlements asked for, and cancels", async () => {
    await bridge.close();
    const calls: { def: Uint8Array; options: Partial<SolveOptions> }[] = [];
    const { attachBridge } = await import("./server");
    const http = await import("node:http");
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const token = newBridgeToken();
    const attached = attachBridge(server, { token, getSolver: async () => fakeSolver(calls) });
    try {
      const c = await open(`ws://127.0.0.1:${port}/bridge?token=${token}`, `http://127.0.0.1:${port}`);
      await next(c, 1);
      c.ws.send(JSON.stringify({ type: "build", buildId: "plain", definition: "CgA=", entitlements: [] }));
      expect(await next(c, 2)).toEqual({ type: "build-started", buildId: "plain" });
      expect(await next(c, 3)).toMatchObject({ type: "statuses", buildId: "plain", statuses: [{}] });
      expect(await next(c, 4)).toEqual({ type: "build-done", buildId: "plain", exporterResponse: {} });
      expect(calls[0]?.options.entitlements).toEqual([]);
      expect([...(calls[0]?.def ?? [])]).toEqual([0x0a, 0x00]);

      c.ws.send(JSON.stringify({ type: "build", buildId: "net", definition: "CgA=", entitlements: ["network.host", "network.host"] }));
      await next(c, 7);
      expect(calls[1]?.options.entitlements).toEqual(["network.host"]);

      c.ws.send(JSON.stringify({ type: "build", buildId: "long", definition: "CgA=", entitlements: [] }));
      await next(c, 9); // build-started, statuses
      c.ws.send(JSON.stringify({ type: "cancel", buildId: "long" }));
      expect(await next(c, 10)).toMatchObject({ type: "build-failed", buildId: "long", error: { kind: "canceled" } });
      c.ws.close();
    } finally {
      attached.close();
      await new Promise<void>((r) => server.close(() => r()));
      bridge = await startBridge({ addr: "unix:///nonexistent/llbx-test/buildkitd.sock" });
    }
  });
});

describe("build contexts and secrets from the page", () => {
  const enc = new TextEncoder();
  const entry = (path: string, text: string) => `${JSON.stringify({ path, type: "file", size: enc.encode(text).length })}\n${text}`;

  /** A bridge whose stand-in solver records each solve and what its context folder held. */
  async function contextBridge() {
    const { attachBridge } = await import("./server");
    const { ContextUploads } = await import("./context-uploads");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const http = await import("node:http");
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "llbx-bridge-ctx-"));
    const uploads = new ContextUploads({ tmpRoot });
    const solves: { options: Partial<SolveOptions>; files: string[] }[] = [];
    const solver: Solver = {
      connection: { addressText: "unix:///fake" } as unknown as Connection,
      info: async () => null,
      listWorkers: async () => [],
      daemonInfo: async (): Promise<DaemonInfo> => {
        throw new SolverFailure(solverError("unsupported", "fake"));
      },
      solve(_def, options = {}) {
        const ctx = options.session?.locals.context;
        const dir = typeof ctx === "string" ? ctx : ctx?.dir;
        solves.push({ options, files: dir ? fs.readdirSync(dir, { recursive: true }).map(String).sort() : [] });
        return { ref: "r", done: new Promise<SolveResult>((r) => setTimeout(() => r({ ok: true, ref: "r", exporterResponse: {} }), 20)), cancel() {} };
      },
      close() {},
    };
    let attached: ReturnType<typeof attachBridge> | null = null;
    const server = http.createServer((req, res) => {
      if (!attached?.handleRequest(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const token = newBridgeToken();
    attached = attachBridge(server, { token, getSolver: async () => solver, uploads });
    const origin = `http://127.0.0.1:${port}`;
    const post = (bodyText: string, headers: Record<string, string>) =>
      fetch(`${origin}/bridge/context`, { method: "POST", body: bodyText, headers }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
    return {
      port,
      token,
      origin,
      solves,
      tmpRoot,
      post,
      foldersLeft: () => fs.readdirSync(tmpRoot),
      async close() {
        attached?.close();
        await new Promise<void>((r) => server.close(() => r()));
        fs.rmSync(tmpRoot, { recursive: true, force: true });
      },
    };
  }

  const good = (b: { token: string; origin: string }) => ({ origin: b.origin, "x-llbx-token": b.token });
  it.each<[string, (b: { token: string; origin: string }) => Record<string, string>, string, number, RegExp]>([
    ["no token", (b) => ({ origin: b.origin }), entry("a", "1"), 401, /bad token/],
    ["a wrong token", (b) => ({ origin: b.origin, "x-llbx-token": `${b.token}x` }), entry("a", "1"), 401, /bad token/],
    ["a foreign Origin", (b) => ({ origin: "http://evil.example", "x-llbx-token": b.token }), entry("a", "1"), 403, /origin not allowed/],
    ["no Origin", (b) => ({ "x-llbx-token": b.token }), entry("a", "1"), 403, /origin not allowed/],
    // A bad body is answered with the entry it broke on.
    ["a path that climbs out", good, entry("../up", "1"), 400, /"\.\.\/up": path has a "\.\." segment/],
  ])("refuses an upload with %s, writing nothing", async (_n, headers, body, code, why) => {
    const b = await contextBridge();
    try {
      const r = await b.post(body, headers(b));
      expect(r.status).toBe(code);
      expect(String(r.json.error)).toMatch(why);
      expect(b.foldersLeft()).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it("serves an upload as local://context to one build, passes its secrets, then removes the folder", async () => {
    const b = await contextBridge();
    try {
      const up = await b.post(entry("Dockerfile", "FROM scratch\n") + entry("src/a.txt", "hello"), good(b));
      expect(up.status).toBe(200);
      expect(up.json).toMatchObject({ files: 2, dirs: 0, bytes: 18 });
      expect(b.foldersLeft()).toHaveLength(1);
      const c = await open(`ws://127.0.0.1:${b.port}/bridge?token=${b.token}`, b.origin);
      await next(c, 1);
      c.ws.send(JSON.stringify({ type: "build", buildId: "ctx", definition: "CgA=", entitlements: [], contextUpload: up.json.uploadId, secrets: { token: "s3cr3t" } }));
      expect(await next(c, 3)).toEqual({ type: "build-done", buildId: "ctx", exporterResponse: {} });
      expect(b.solves[0]?.files).toEqual(["Dockerfile", "src", "src/a.txt"]);
      expect(b.solves[0]?.options.session?.secrets).toEqual({ token: "s3cr3t" });
      expect(b.solves[0]?.options.entitlements).toEqual([]);
      await new Promise((r) => setTimeout(r, 50));
      expect(b.foldersLeft()).toEqual([]);
      // The same upload again: gone, and said so.
      c.ws.send(JSON.stringify({ type: "build", buildId: "again", definition: "CgA=", entitlements: [], contextUpload: up.json.uploadId }));
      expect(await next(c, 4)).toMatchObject({ type: "build-failed", buildId: "again", error: { kind: "bad-request", message: expect.stringMatching(/uploaded build context is gone/) } });
      c.ws.close();
    } finally {
      await b.close();
    }
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a made-up upload ID", { contextUpload: "../../etc" }, /contextUpload must be an upload ID/],
    ["a secret that is not a string", { secrets: { a: 1 } }, /build.secrets.a must be a string/],
    ["a secret ID with a space", { secrets: { "a b": "x" } }, /bad secret ID "a b"/],
    ["a secret over 500 KiB", { secrets: { big: "x".repeat(500 * 1024 + 1) } }, /larger than 500 KiB/],
  ])("refuses a build message with %s", async (_n, extra, why) => {
    const b = await contextBridge();
    try {
      const c = await open(`ws://127.0.0.1:${b.port}/bridge?token=${b.token}`, b.origin);
      await next(c, 1);
      c.ws.send(JSON.stringify({ type: "build", buildId: "x", definition: "CgA=", entitlements: [], ...extra }));
      expect(await next(c, 2)).toMatchObject({ type: "error", error: { kind: "bad-request", message: expect.stringMatching(why) } });
      expect(b.solves).toEqual([]);
      c.ws.close();
    } finally {
      await b.close();
    }
  });
});
