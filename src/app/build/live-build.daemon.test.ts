// Live builds end to end: the store + browser client (with the `ws` WebSocket) -> the real bridge
// -> a real BuildKit daemon (DOCKER_HOST / BUILDKIT_HOST; see scripts/dockerd-up.sh). Checks that
// the stream's vertex digests are the op digests we sent, and what the panels would show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Platform } from "../../llb/index";
import type { SocketConstructor } from "../../solver-client/client/index";
import { formatDaemonAddress } from "../../solver-client/bridge/address";
import { startBridge } from "../../solver-client/bridge/server";
import type { RunningBridge } from "../../solver-client/bridge/server";
import { bridgeDaemonOptions, daemonAddressFromEnv } from "../../solver-client/bridge/testdata/daemon-env";
import { image, marshal, run } from "../../solver-client/bridge/testdata/llb-fixture";
import { lastLines } from "./log-ring";
import { plainView } from "./plain-view";
import { selectFailure, selectTimeline } from "./selectors";
import { createLiveBuildStore } from "./store";
import type { LiveBuildStore } from "./store";
import { createBridgeClient } from "../../solver-client/client/index";

let bridge: RunningBridge;
let store: LiveBuildStore;
let platform: Platform;

async function until(cond: () => boolean, timeoutMs = 90_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  bridge = await startBridge(bridgeDaemonOptions());
  const origin = `http://127.0.0.1:${bridge.port}`;
  class OriginSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  }
  store = createLiveBuildStore({ createClient: (loc) => createBridgeClient({ ...loc, WebSocketImpl: OriginSocket as unknown as SocketConstructor }) });
  store.getState().connect({ url: `ws://127.0.0.1:${bridge.port}/bridge`, token: bridge.token });
  await until(() => store.getState().daemon !== null || store.getState().daemonError !== null, 30_000);
  const p = store.getState().daemon?.workers[0]?.platforms[0];
  platform = { OS: p?.os ?? "linux", Architecture: p?.architecture ?? "amd64" };
});

afterAll(async () => {
  store?.getState().disconnect();
  await bridge?.close();
});

async function build(def: Uint8Array, label: string) {
  const id = store.getState().startBuild({ definition: def, label });
  expect(id).not.toBeNull();
  await until(() => store.getState().running === null);
  const b = store.getState().view;
  if (!b || b.id !== id) throw new Error("build not on screen");
  return b;
}

describe("live build against a real daemon", () => {
  it("reports the daemon", () => {
    expect(store.getState().connection?.status).toBe("open");
    expect(store.getState().daemon?.workers.length).toBeGreaterThan(0);
  });

  const nonce = `${Date.now()}`;
  const graph = () => {
    const base = image(platform);
    const a = run(base, platform, { args: ["sh", "-c", `echo hello-a ${nonce}; printf '\\033[31mred\\033[0m\\n'; echo warn-a >&2; sleep 1; echo a > /a.txt`], name: "left" });
    const b = run(base, platform, { args: ["sh", "-c", `echo hello-b ${nonce}; sleep 1; echo b > /b.txt`], name: "right" });
    const join = run(base, platform, { args: ["sh", "-c", `cat /a/a.txt /b/b.txt; echo ${nonce}`], mounts: { "/a": a, "/b": b }, name: "join" });
    return { a, b, join, def: marshal(join) };
  };

  it("parallel ops: op digests, states, logs by stream, overlapping bars, critical path", async () => {
    const g = graph();
    const s = await build(g.def.bytes, "parallel");
    expect(s.state).toBe("done");
    for (const r of [g.a, g.b, g.join]) expect(s.vertexes.get(r.vtx.digest)?.state).toBe("done");
    const left = s.vertexes.get(g.a.vtx.digest);
    expect(left?.name).toBe("left");
    expect(left?.logs.perStream.get(2)).toBeGreaterThan(0);
    expect(lastLines(left?.logs ?? (null as never), 10).join("\n")).toMatch(/hello-a[\s\S]*\u001b\[31mred/);
    const t = selectTimeline(store.getState());
    expect(t?.maxConcurrency).toBeGreaterThanOrEqual(2);
    expect(t?.criticalPath.digests.at(-1)).toBe(g.join.vtx.digest);
    expect(t?.criticalPath.totalMs).toBeGreaterThan(900);
    const plain = plainView(s);
    expect(plain).toMatch(/^#\d+ left\n(#\d+ .*\n)*#\d+ \d\.\d{3} hello-a /m);
    expect(plain).toMatch(/^#\d+ DONE \d\.\ds$/m);
  });

  it("the same graph again: cached", async () => {
    const g = graph();
    const s = await build(g.def.bytes, "rebuild");
    expect(s.state).toBe("done");
    for (const r of [g.a, g.b, g.join]) expect(s.vertexes.get(r.vtx.digest)?.state).toBe("cached");
    expect(store.getState().history.map((h) => h.label).slice(0, 2)).toEqual(["rebuild", "parallel"]);
  });

  it("a failing op: failingDigest, error, its last lines", async () => {
    const bad = run(image(platform), platform, { args: ["sh", "-c", `echo about-to-fail ${nonce}; exit 3`], name: "bad step" });
    const s = await build(marshal(bad).bytes, "failing");
    expect(s.state).toBe("failed");
    expect(s.failingDigest).toBe(bad.vtx.digest);
    const f = selectFailure(store.getState());
    expect(f?.name).toBe("bad step");
    expect(f?.error).toMatch(/exit code: 3/);
    expect(f?.lines.join("\n")).toContain("about-to-fail");
  });
});
