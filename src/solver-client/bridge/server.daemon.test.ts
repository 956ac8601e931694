// The WebSocket bridge end to end: page-side messages in, a real daemon behind it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Platform } from "../../llb/index";
import { bytesToBase64 } from "../protocol/status";
import { isServerMessage } from "../protocol/messages";
import type { ServerMessage } from "../protocol/messages";
import { formatDaemonAddress } from "./address";
import { startBridge } from "./server";
import type { RunningBridge } from "./server";
import { bridgeDaemonOptions, daemonAddressFromEnv } from "./testdata/daemon-env";
import { image, marshal, run } from "./testdata/llb-fixture";

let bridge: RunningBridge;
let ws: WebSocket;
const messages: ServerMessage[] = [];

async function waitFor(pred: (m: ServerMessage) => boolean, timeoutMs = 60_000): Promise<ServerMessage> {
  const t0 = Date.now();
  for (;;) {
    const m = messages.find(pred);
    if (m) return m;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out; got ${JSON.stringify(messages.map((x) => x.type))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  bridge = await startBridge(bridgeDaemonOptions());
  ws = new WebSocket(bridge.url, { origin: `http://127.0.0.1:${bridge.port}` });
  ws.on("message", (d) => {
    const v: unknown = JSON.parse(d.toString());
    if (isServerMessage(v)) messages.push(v);
  });
  await waitFor((m) => m.type === "ready", 5000);
});

afterAll(async () => {
  ws?.close();
  await bridge?.close();
});

describe("bridge with a real daemon", () => {
  let platform: Platform;

  it("answers connect-info", async () => {
    ws.send(JSON.stringify({ type: "connect-info" }));
    const m = await waitFor((x) => x.type === "connect-info" || x.type === "error");
    expect(m.type).toBe("connect-info");
    if (m.type !== "connect-info") return;
    expect(m.info.workers.length).toBeGreaterThan(0);
    const p = m.info.workers[0]?.platforms[0];
    platform = { OS: p?.os ?? "linux", Architecture: p?.architecture ?? "amd64" };
  });

  it("builds, streaming status, and reports failures with the failing op", async () => {
    const okRun = run(image(platform), platform, { args: ["sh", "-c", `echo via-bridge ${Date.now()}`], name: "bridge ok" });
    const ok = marshal(okRun);
    ws.send(JSON.stringify({ type: "build", buildId: "ok-1", definition: bytesToBase64(ok.bytes), entitlements: [] }));
    expect(await waitFor((m) => (m.type === "build-done" || m.type === "build-failed") && m.buildId === "ok-1")).toMatchObject({ type: "build-done" });
    const statuses = messages.flatMap((m) => (m.type === "statuses" && m.buildId === "ok-1" ? m.statuses : []));
    expect(statuses.length).toBeGreaterThan(0);
    // The daemon's statuses arrive whole: the run's vertex completes and its echo is logged.
    const logged = statuses.flatMap((s) => s.logs ?? []).map((l) => Buffer.from(l.data, "base64").toString()).join("");
    expect(logged).toContain("via-bridge");
    expect(statuses.some((s) => s.vertexes?.some((v) => v.digest === okRun.vtx.digest && v.completed))).toBe(true);

    const bad = run(image(platform), platform, { args: ["sh", "-c", `echo nope ${Date.now()}; exit 3`], name: "bridge fail" });
    ws.send(JSON.stringify({ type: "build", buildId: "bad-1", definition: bytesToBase64(marshal(bad).bytes), entitlements: [] }));
    const f = await waitFor((m) => (m.type === "build-done" || m.type === "build-failed") && m.buildId === "bad-1");
    expect(f).toMatchObject({ type: "build-failed", error: { kind: "solve-failed", vertex: { digest: bad.vtx.digest, name: "bridge fail" } } });
  });

  it("rejects a Definition the daemon cannot parse with a typed error", async () => {
    ws.send(JSON.stringify({ type: "build", buildId: "garbage", definition: bytesToBase64(new Uint8Array([0x0a, 0x02, 0xff, 0xff])), entitlements: [] }));
    const f = await waitFor((m) => (m.type === "build-done" || m.type === "build-failed") && m.buildId === "garbage");
    expect(f.type).toBe("build-failed");
    if (f.type === "build-failed") expect(f.error.message.length).toBeGreaterThan(0);
  });
});
