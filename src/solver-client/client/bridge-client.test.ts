// The browser client against the REAL bridge (attachBridge on 127.0.0.1:0 with a stand-in Solver
// that replays a recorded status stream), and against a tiny ws server for reconnect cases.
import * as http from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { solverError } from "../protocol/errors";
import type { DaemonInfo } from "../protocol/messages";
import type { SolveStatus } from "../protocol/status";
import { attachBridge, newBridgeToken } from "../bridge/server";
import { parseRawJson } from "../bridge/progress-rawjson";
import type { Connection } from "../bridge/connect";
import type { BuildHandle, SolveOptions, SolveResult, Solver } from "../bridge/solver";
import { backoffDelay, createBridgeClient } from "./bridge-client";
import { bridgeLocationFromPage } from "./bridge-url";
import type { SocketConstructor } from "./socket";
import type { BridgeClient, BuildEvent, ConnectionState } from "./types";

const SAMPLE = parseRawJson(readFileSync(join(__dirname, "../bridge/testdata/status/multistage.rawjson.txt"), "utf8"));

const INFO: DaemonInfo = {
  address: "unix:///run/buildkit/buildkitd.sock",
  transport: "buildkitd",
  buildkitVersion: { package: "github.com/moby/buildkit", version: "v0.26.0", revision: "abc" },
  workers: [{ id: "w1", labels: {}, platforms: [{ os: "linux", architecture: "amd64" }] }],
  caps: { buildkit: [0, 26], source: "info", llbCaps: [] },
};

/** A Solver that replays SAMPLE; definition byte 0xff fails, 0xfe runs until canceled. */
function fakeSolver(calls: { def: Uint8Array; options: Partial<SolveOptions> }[]): Solver {
  return {
    connection: { addressText: "unix:///fake" } as unknown as Connection,
    info: async () => null,
    listWorkers: async () => [],
    daemonInfo: async () => INFO,
    solve(def: Uint8Array, options: Partial<SolveOptions> = {}, onStatus?: (s: SolveStatus) => void): BuildHandle {
      calls.push({ def, options });
      let cancel: () => void = () => {};
      const done = new Promise<SolveResult>((resolve) => {
        if (def[0] === 0xfe) {
          cancel = () => resolve({ ok: false, ref: "r", error: solverError("canceled", "build canceled") });
          return;
        }
        setTimeout(() => {
          for (const s of SAMPLE) onStatus?.(s);
          if (def[0] === 0xff) resolve({ ok: false, ref: "r", error: solverError("solve-failed", "process did not complete successfully: exit code: 1", { vertex: { digest: "sha256:x" } }) });
          else resolve({ ok: true, ref: "r", exporterResponse: { "image.name": "x" } });
        }, 5);
      });
      return { ref: "r", done, cancel: () => cancel() };
    },
    close() {},
  };
}

/** The `ws` package's WebSocket with the Origin a browser on `origin` would send. */
function socketFor(origin: string): SocketConstructor {
  class OriginSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  }
  return OriginSocket as unknown as SocketConstructor;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function realBridge(): Promise<{ url: string; token: string; origin: string; calls: { def: Uint8Array; options: Partial<SolveOptions> }[] }> {
  const calls: { def: Uint8Array; options: Partial<SolveOptions> }[] = [];
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const token = newBridgeToken();
  const attached = attachBridge(server, { token, getSolver: async () => fakeSolver(calls) });
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        attached.close();
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  const origin = `http://127.0.0.1:${port}`;
  const loc = bridgeLocationFromPage(`${origin}/?token=${encodeURIComponent(token)}`);
  if (!loc) throw new Error("no location");
  return { ...loc, origin, calls };
}

function track(client: BridgeClient): ConnectionState[] {
  const states: ConnectionState[] = [];
  client.onState((s) => states.push(s));
  cleanups.push(() => client.close());
  return states;
}

async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

function collect(events: { subscribe(fn: (e: BuildEvent) => void): () => void }): BuildEvent[] {
  const out: BuildEvent[] = [];
  events.subscribe((e) => out.push(e));
  return out;
}

describe("against the real bridge", () => {
  it("opens, reports daemon info, and queues requests made before the connection is ready", async () => {
    const b = await realBridge();
    const client = createBridgeClient({ url: b.url, token: b.token, WebSocketImpl: socketFor(b.origin) });
    const states = track(client);
    expect(client.state().status).toBe("connecting");
    const info = await client.connectInfo();
    expect(info).toEqual({ ok: true, info: INFO });
    expect(states.map((s) => s.status)).toContain("open");
  });

  it.each([
    ["a successful build", 0x01, true, []],
    ["a failing build", 0xff, false, ["network.host"]],
  ] as const)("streams %s: started, every status in order, then the result", async (_n, firstByte, ok, ents) => {
    const b = await realBridge();
    const client = createBridgeClient({ url: b.url, token: b.token, WebSocketImpl: socketFor(b.origin) });
    track(client);
    const build = client.build(new Uint8Array([firstByte, 2, 3]), ents);
    const events = collect(build.events);
    const outcome = await build.done;
    expect(outcome.ok).toBe(ok);
    const statuses = events.filter((e) => e.type === "status");
    expect(statuses.map((e) => e.status)).toEqual(SAMPLE);
    expect(events[0]?.type).toBe("started");
    expect(events.at(-1)?.type).toBe(ok ? "done" : "failed");
    if (!outcome.ok) expect(outcome.error).toMatchObject({ kind: "solve-failed", vertex: { digest: "sha256:x" } });
    expect([...(b.calls[0]?.def ?? [])]).toEqual([firstByte, 2, 3]);
    expect(b.calls[0]?.options.entitlements).toEqual(ents);
  });

  it("cancels a running build", async () => {
    const b = await realBridge();
    const client = createBridgeClient({ url: b.url, token: b.token, WebSocketImpl: socketFor(b.origin) });
    track(client);
    const build = client.build(new Uint8Array([0xfe]), []);
    const events = collect(build.events);
    await until(() => events.some((e) => e.type === "started"));
    build.cancel();
    expect(await build.done).toMatchObject({ ok: false, error: { kind: "canceled" } });
  });

  it("keeps retrying when the upgrade is refused (wrong token), with growing delays", async () => {
    const b = await realBridge();
    const client = createBridgeClient({ url: b.url, token: newBridgeToken(), WebSocketImpl: socketFor(b.origin), backoff: { initialMs: 10, maxMs: 40, factor: 2 } });
    const states = track(client);
    await until(() => states.filter((s) => s.status === "error").length >= 3);
    const errs = states.filter((s) => s.status === "error");
    expect(errs.map((s) => s.attempt).slice(0, 3)).toEqual([1, 2, 3]);
    expect(errs.every((s) => !s.final && s.retryAt !== undefined)).toBe(true);
  });
});

describe("against a tiny ws server", () => {
  async function tinyServer(onConnection: (ws: WebSocket) => void): Promise<{ url: string; wss: WebSocketServer }> {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => wss.once("listening", () => r()));
    wss.on("connection", onConnection);
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          for (const c of wss.clients) c.terminate();
          wss.close(() => r());
        }),
    );
    return { url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/bridge`, wss };
  }

  it("reconnects after the server drops the connection, and fails the build that was running", async () => {
    let connections = 0;
    const { url, wss } = await tinyServer((ws) => {
      connections += 1;
      ws.send(JSON.stringify({ type: "ready" }));
    });
    const client = createBridgeClient({ url, token: "t".repeat(20), WebSocketImpl: WebSocket as unknown as SocketConstructor, backoff: { initialMs: 10, maxMs: 100, factor: 2 } });
    const states = track(client);
    await until(() => client.state().status === "open");
    const build = client.build(new Uint8Array([1]), []);
    await until(() => wss.clients.size === 1);
    for (const c of wss.clients) c.terminate();
    expect(await build.done).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    await until(() => connections === 2 && client.state().status === "open");
    const seq = states.map((s) => s.status);
    expect(seq.slice(seq.indexOf("open"))).toEqual(["open", "closed", "connecting", "open"]);
  });

  it.each([
    ["closes with 4401: gives up", (ws: WebSocket) => ws.close(4401, "bad token"), "error", true],
    ["sends garbage: counts and ignores it", (ws: WebSocket) => ws.send("{nope"), "connecting", false],
  ] as const)("when the server %s", async (_n, behave, status, final) => {
    const { url } = await tinyServer(behave);
    const client = createBridgeClient({ url, token: "t".repeat(20), WebSocketImpl: WebSocket as unknown as SocketConstructor });
    track(client);
    if (final) await until(() => client.state().final);
    else await until(() => client.invalidFrames === 1);
    expect(client.state().status).toBe(status);
    expect(client.state().final).toBe(final);
  });

  it("routes a bad-request error for a build to that build", async () => {
    const { url } = await tinyServer((ws) => {
      ws.send(JSON.stringify({ type: "ready" }));
      ws.on("message", (d) => {
        const m = JSON.parse(d.toString()) as { buildId: string };
        ws.send(JSON.stringify({ type: "error", buildId: m.buildId, error: { kind: "bad-request", message: "nope" } }));
      });
    });
    const client = createBridgeClient({ url, token: "t".repeat(20), WebSocketImpl: WebSocket as unknown as SocketConstructor });
    track(client);
    expect(await client.build(new Uint8Array([1]), []).done).toEqual({ ok: false, error: { kind: "bad-request", message: "nope" } });
  });
});

describe("helpers", () => {
  it.each([
    ["served page", "http://127.0.0.1:8123/?token=abc", { url: "ws://127.0.0.1:8123/bridge", token: "abc" }],
    ["https page", "https://localhost:9/x?token=a%2Bb", { url: "wss://localhost:9/bridge", token: "a+b" }],
    ["no token", "http://127.0.0.1:8123/", null],
    ["not a URL", "::", null],
  ])("bridgeLocationFromPage: %s", (_n, page, want) => {
    expect(bridgeLocationFromPage(page)).toEqual(want);
  });

  it.each([
    [1, 250],
    [2, 500],
    [6, 8000],
    [7, 10000],
    [50, 10000],
  ])("backoff delay for attempt %i is %i ms", (attempt, ms) => {
    expect(backoffDelay(attempt, { initialMs: 250, maxMs: 10_000, factor: 2 })).toBe(ms);
  });
});
