// The panels rendered to HTML (react-dom/server, no DOM needed) against a store driven by a fake
// bridge client: what each shows for a connection, a running build, a failed build, history.
import { createElement } from "react";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { solverError } from "../../../solver-client/protocol/index";
import { createLiveBuildStore } from "../store";
import { LiveBuildStoreContext } from "../use-live-build";
import type { LiveBuildStore } from "../store";
import { syntheticDigest, syntheticStream } from "../synthetic";
import { fakeBridgeClient } from "../testing/fake-bridge-client";
import { BuildBar } from "./build-bar/build-bar";
import { BuildHistory } from "./build-history/build-history";
import { ConnectPanel } from "./connect-panel/connect-panel";
import { FailureCard } from "./failure-card/failure-card";
import { LogsPanel } from "./logs-panel/logs-panel";
import { Timeline } from "./timeline/timeline";

/** Server rendering reads a store's initial state: hand it the current one. */
function html(store: LiveBuildStore, el: ReactElement): string {
  const now: LiveBuildStore = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(createElement(LiveBuildStoreContext.Provider, { value: now }, el));
}

async function connected() {
  const fake = fakeBridgeClient();
  const store = createLiveBuildStore({ createClient: () => fake.client, pageUrl: () => "http://127.0.0.1:9/?token=t", flushMs: 0 });
  store.getState().connect();
  fake.setState({ status: "open", attempt: 0, final: false });
  await new Promise((r) => setTimeout(r, 0));
  return { store, fake };
}

async function finished(fail: boolean) {
  const { store, fake } = await connected();
  store.getState().startBuild({ definition: new Uint8Array([1]), label: "Dockerfile" }, ["network.host"]);
  const b = fake.builds[0];
  if (!b) throw new Error("no build");
  for (const s of syntheticStream({ vertexes: 3, parallel: 1, logChunks: 2, chunkBytes: 96, failWith: fail ? "exit code: 1" : null })) b.emit({ type: "status", buildId: b.id, status: s });
  if (fail) b.emit({ type: "failed", buildId: b.id, error: solverError("solve-failed", "exit code: 1", { vertex: { digest: syntheticDigest(2) } }) });
  else b.emit({ type: "done", buildId: b.id, exporterResponse: {} });
  return { store, fake };
}

describe("ConnectPanel", () => {
  it.each([
    ["connected, with daemon facts", "open", ["data-state=\"open\"", "unix:///run/buildkit/buildkitd.sock", "v0.26.2", "linux/amd64, linux/arm64", "LLB caps of v0.26"]],
    ["reconnecting", "closed", ["data-testid=\"reconnecting\"", "retrying in", "Retry now"]],
  ])("%s", async (_n, status, want) => {
    const { store, fake } = await connected();
    if (status === "closed") fake.setState({ status: "closed", reason: "connection closed", attempt: 2, retryAt: Date.now() + 3000, final: false });
    const out = html(store, createElement(ConnectPanel));
    for (const w of want) expect(out).toContain(w);
  });

  it("bridge up but no daemon answering: says so, red dot, the daemon's error in the full panel", async () => {
    const fake = fakeBridgeClient();
    fake.client.connectInfo = async () => ({ ok: false, error: solverError("unreachable", "no BuildKit daemon found; tried: …") });
    const store = createLiveBuildStore({ createClient: () => fake.client, pageUrl: () => "http://127.0.0.1:9/?token=t", flushMs: 0 });
    store.getState().connect();
    fake.setState({ status: "open", attempt: 0, final: false });
    await new Promise((r) => setTimeout(r, 0));
    const out = html(store, createElement(ConnectPanel));
    expect(out).toContain("bridge up, no daemon answering");
    expect(out).toContain('data-daemon="missing"');
    expect(out).toContain("build-dot--error");
    expect(out).toContain("no BuildKit daemon found");
  });

  it("without a token in the page URL it says so and offers Connect", () => {
    const store = createLiveBuildStore({ createClient: () => fakeBridgeClient().client, pageUrl: () => "http://127.0.0.1:9/" });
    store.getState().connect();
    const out = html(store, createElement(ConnectPanel));
    expect(out).toContain("no ?token=");
    expect(out).toContain('data-testid="connect"');
  });
});

describe("BuildBar", () => {
  it("idle: Build enabled, both entitlements unchecked", async () => {
    const { store } = await connected();
    const out = html(store, createElement(BuildBar, { getInput: () => null }));
    expect(out).toContain('data-testid="build-start"');
    expect(out).toMatch(/data-testid="entitlement-network.host"(?![^>]*checked)/);
    expect(out).toMatch(/data-testid="entitlement-security.insecure"(?![^>]*checked)/);
  });

  it("running: Cancel and the running state", async () => {
    const { store } = await connected();
    store.getState().startBuild({ definition: new Uint8Array([1]) });
    const out = html(store, createElement(BuildBar, { getInput: () => null }));
    expect(out).toContain('data-testid="build-cancel"');
    expect(out).toContain('data-state="queued"');
  });

  it.each([
    ["done", false],
    ["failed", true],
  ])("finished: result %s", async (state, fail) => {
    const { store } = await finished(fail);
    const out = html(store, createElement(BuildBar, { getInput: () => null }));
    expect(out).toContain(`data-testid="build-result" data-state="${state}"`);
  });
});

describe("panels of a finished build", () => {
  it("LogsPanel: op output, stderr marked, colours as spans", async () => {
    const { store } = await finished(false);
    const out = html(store, createElement(LogsPanel, { digest: syntheticDigest(0) }));
    expect(out).toContain('data-stream="stdout"');
    expect(out).toMatch(/<span style="color:#8fd16b">ok<\/span>/);
    expect(out).toContain("step 0 chunk 1 end");
  });

  it("LogsPanel: the combined plain view", async () => {
    const { store } = await finished(false);
    const out = html(store, createElement(LogsPanel, { digest: null }));
    expect(out).toContain('data-mode="plain"');
    expect(out).toContain("#1 [step 0] RUN make part-0");
    expect(out).toContain("#3 DONE 1.0s");
  });

  it("Timeline: one bar per op, all on the critical path of a chain", async () => {
    const { store } = await finished(false);
    const out = html(store, createElement(Timeline, { onSelectOp: () => {} }));
    expect(out.match(/data-testid="timeline-bar"/g)?.length).toBe(3);
    expect(out.match(/data-critical="true"/g)?.length).toBe(3);
    expect(out).toContain('data-testid="timeline-concurrency"');
  });

  it("FailureCard: failing op, error, last lines, Show lines", async () => {
    const { store } = await finished(true);
    const out = html(store, createElement(FailureCard, { onShowLines: () => {} }));
    expect(out).toContain("[step 2] RUN make part-2");
    expect(out).toContain("exit code: 1");
    expect(out).toContain("step 2 chunk 1 end");
    expect(out).toContain('data-testid="failure-show-lines"');
    expect(html((await finished(false)).store, createElement(FailureCard))).toBe("");
  });

  it("FailureCard: a build refused before any op ran shows its error and no empty log box", async () => {
    const { store, fake } = await connected();
    store.getState().startBuild({ definition: new Uint8Array([1]), label: "big.llb" });
    const b = fake.builds[0];
    if (!b) throw new Error("no build");
    b.emit({ type: "failed", buildId: b.id, error: solverError("unreachable", "no BuildKit daemon found") });
    const out = html(store, createElement(FailureCard));
    expect(out).toContain("no BuildKit daemon found");
    expect(out).not.toContain('data-testid="failure-lines"');
  });

  it("BuildHistory: the finished build, reopenable", async () => {
    const { store } = await finished(true);
    const out = html(store, createElement(BuildHistory));
    expect(out).toContain('data-testid="history-item" data-build-id="b1" data-state="failed"');
    expect(out).toContain("Dockerfile");
  });
});
