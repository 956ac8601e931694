import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { solverError } from "../../solver-client/protocol/index";
import { selectFailure, selectOpBuildState, selectPlainText, selectRunningEdges, selectSummary, selectTimeline } from "./selectors";
import type { BridgeLocation, UploadOptions, UploadResult } from "../../solver-client/client/index";
import { buildPickedContext } from "./context";
import { createLiveBuildStore } from "./store";
import { syntheticDigest, syntheticStream } from "./synthetic";
import { FAKE_DAEMON_INFO as INFO, fakeBridgeClient as fakeClient } from "./testing/fake-bridge-client";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const fake = fakeClient();
  const store = createLiveBuildStore({ createClient: () => fake.client, pageUrl: () => "http://127.0.0.1:9/?token=tok", now: () => Date.now() });
  store.getState().connect();
  return { store, fake };
}

describe("connection", () => {
  it.each([
    ["no token in the page URL", "http://127.0.0.1:9/", "error"],
    ["a token", "http://127.0.0.1:9/?token=tok", "connecting"],
  ])("connect() with %s", (_n, page, status) => {
    const fake = fakeClient();
    const store = createLiveBuildStore({ createClient: () => fake.client, pageUrl: () => page });
    store.getState().connect();
    expect(store.getState().connection?.status).toBe(status);
  });

  it("loads daemon info once the connection opens", async () => {
    const { store, fake } = setup();
    fake.setState({ status: "open", attempt: 0, final: false });
    await vi.runAllTimersAsync();
    expect(store.getState().daemon).toEqual(INFO);
    expect(store.getState().bridge).toEqual({ url: "ws://127.0.0.1:9/bridge", token: "tok" });
  });
});

describe("builds", () => {
  it("folds status events in batches, then files the build in history", () => {
    const { store, fake } = setup();
    const statuses = syntheticStream({ vertexes: 4, parallel: 2, logChunks: 5 });
    store.getState().startBuild({ definition: new Uint8Array([1]), label: "Dockerfile" });
    const b = fake.builds[0];
    if (!b) throw new Error("no build");
    b.emit({ type: "started", buildId: b.id });
    const rev0 = store.getState().rev;
    for (const s of statuses) b.emit({ type: "status", buildId: b.id, status: s });
    expect(store.getState().rev).toBe(rev0); // nothing applied until the flush
    vi.advanceTimersByTime(60);
    expect(store.getState().rev).toBe(rev0 + 1); // one update for the whole batch
    expect(store.getState().view?.events).toBe(statuses.length);
    b.emit({ type: "done", buildId: b.id, exporterResponse: {} });
    const s = store.getState();
    expect(s.running).toBeNull();
    expect(s.history.map((h) => [h.id, h.state, h.label, h.ops])).toEqual([["b1", "done", "Dockerfile", 4]]);
    expect(selectSummary(s)?.counts.done).toBe(4);
    expect(selectTimeline(s)?.maxConcurrency).toBe(2);
    expect(selectPlainText(s)).toMatch(/^#1 \[step 0\]/);
  });

  it("op view: running with elapsed time and progress, and the same object until that op changes", () => {
    const { store, fake } = setup();
    store.getState().startBuild({ definition: new Uint8Array([1]) });
    const b = fake.builds[0];
    if (!b) throw new Error("no build");
    const statuses = syntheticStream({ vertexes: 2, parallel: 2, progressUpdates: 2, logChunks: 0 });
    // vertex 0: announced, started, one progress update
    for (const s of statuses.slice(0, 3)) b.emit({ type: "status", buildId: b.id, status: s });
    vi.advanceTimersByTime(60);
    const v1 = selectOpBuildState(syntheticDigest(0))(store.getState());
    expect(v1).toMatchObject({ state: "running", progress: 0.5, failing: false });
    // an event for the other vertex only: op 0's view is unchanged (clock not ticked)
    b.emit({ type: "status", buildId: b.id, status: { vertexes: [{ digest: syntheticDigest(1), name: "x" }] } });
    vi.advanceTimersByTime(60);
    const st = store.getState();
    expect(selectOpBuildState(syntheticDigest(0))(st)).toBe(v1);
    expect(selectOpBuildState("sha256:unknown")(st)).toBeNull();
  });

  it("running edges: inputs of the running ops, from the stream or the graph", () => {
    const { store, fake } = setup();
    store.getState().startBuild({ definition: new Uint8Array([1]) });
    const b = fake.builds[0];
    if (!b) throw new Error("no build");
    const statuses = syntheticStream({ vertexes: 3, parallel: 1, logChunks: 0 });
    // 0 done, 1 started (inputs: 0)
    for (const s of statuses.slice(0, 5)) b.emit({ type: "status", buildId: b.id, status: s });
    vi.advanceTimersByTime(60);
    const e1 = selectRunningEdges(store.getState());
    expect(e1).toEqual([{ source: syntheticDigest(0), target: syntheticDigest(1) }]);
    b.emit({ type: "status", buildId: b.id, status: { logs: [] } });
    vi.advanceTimersByTime(60);
    expect(selectRunningEdges(store.getState())).toBe(e1);
  });

  it("failure: failing op and its last lines; cancel goes to the client", () => {
    const { store, fake } = setup();
    store.getState().startBuild({ definition: new Uint8Array([1]) });
    const b = fake.builds[0];
    if (!b) throw new Error("no build");
    for (const s of syntheticStream({ vertexes: 2, parallel: 1, logChunks: 2, chunkBytes: 30, failWith: "exit code: 1" })) b.emit({ type: "status", buildId: b.id, status: s });
    store.getState().cancel();
    expect(b.canceled).toBe(true);
    b.emit({ type: "failed", buildId: b.id, error: solverError("solve-failed", "exit code: 1", { vertex: { digest: syntheticDigest(1) } }) });
    const f = selectFailure(store.getState());
    expect(f).toMatchObject({ digest: syntheticDigest(1), name: "[step 1] RUN make part-1", error: "exit code: 1" });
    expect(f?.lines.at(-1)).toMatch(/^step 1 chunk 1 end/);
    expect(selectOpBuildState(syntheticDigest(1))(store.getState())).toMatchObject({ state: "failed", failing: true });
  });

  it("entitlements are sent for the build that asked for them only; one build at a time", () => {
    const { store, fake } = setup();
    expect(store.getState().startBuild({ definition: new Uint8Array([1]) }, ["network.host"])).toBe("b1");
    expect(store.getState().startBuild({ definition: new Uint8Array([1]) })).toBeNull();
    fake.builds[0]?.emit({ type: "done", buildId: "b1", exporterResponse: {} });
    store.getState().startBuild({ definition: new Uint8Array([1]) });
    expect(fake.builds.map((b) => b.entitlements)).toEqual([["network.host"], []]);
    expect(store.getState().view?.entitlements).toEqual([]);
  });

  it("reopens a finished build from history", () => {
    const { store, fake } = setup();
    store.getState().startBuild({ definition: new Uint8Array([1]), label: "first" });
    fake.builds[0]?.emit({ type: "done", buildId: "b1", exporterResponse: {} });
    store.getState().startBuild({ definition: new Uint8Array([1]), label: "second" });
    fake.builds[1]?.emit({ type: "failed", buildId: "b2", error: solverError("canceled", "canceled") });
    expect(store.getState().history.map((h) => [h.label, h.state])).toEqual([
      ["second", "canceled"],
      ["first", "done"],
    ]);
    store.getState().openFromHistory("b1");
    expect(store.getState().view?.label).toBe("first");
  });
});

describe("builds with a context picked in the page", () => {
  const picked = () =>
    buildPickedContext("app", [{ path: "Dockerfile", size: 12, blob: new Blob(["FROM scratch"]) }, { path: "a/b.txt", size: 5, blob: new Blob(["hello"]) }], ["empty"], null);

  function setupWithUpload(result: UploadResult | ((o: UploadOptions) => Promise<UploadResult>)) {
    const fake = fakeClient();
    const calls: { bridge: BridgeLocation; body: Blob }[] = [];
    const store = createLiveBuildStore({
      createClient: () => fake.client,
      pageUrl: () => "http://127.0.0.1:9/?token=tok",
      now: () => Date.now(),
      uploadContext: (bridge, body, options) => {
        calls.push({ bridge, body });
        return typeof result === "function" ? result(options) : Promise.resolve(result);
      },
    });
    store.getState().connect();
    return { store, fake, calls };
  }

  it("sends the context first, then the build naming the upload, with the secrets", async () => {
    const { store, fake, calls } = setupWithUpload({ ok: true, reply: { uploadId: "u-abcdefgh12", files: 2, dirs: 1, bytes: 17 } });
    const id = store.getState().startBuild({ definition: new Uint8Array([1]), context: picked(), secrets: { tok: "v" } }, ["network.host"]);
    expect(store.getState().upload).toMatchObject({ buildId: id, sent: 0 });
    expect(fake.builds).toEqual([]);
    await vi.advanceTimersByTimeAsync(10); // the tick timer runs while the build does
    expect(calls[0]?.bridge).toEqual({ url: "ws://127.0.0.1:9/bridge", token: "tok" });
    const text = await calls[0]!.body.text();
    expect(text).toBe('{"path":"empty","type":"dir"}\n{"path":"Dockerfile","type":"file","size":12}\nFROM scratch{"path":"a/b.txt","type":"file","size":5}\nhello');
    expect(fake.builds[0]).toMatchObject({ id, entitlements: ["network.host"], extras: { buildId: id, contextUpload: "u-abcdefgh12", secrets: { tok: "v" } } });
    expect(store.getState().upload).toBeNull();
    fake.builds[0]!.emit({ type: "done", buildId: id!, exporterResponse: {} });
    expect(store.getState().history[0]?.build.state).toBe("done");
  });

  it("a refused upload fails the build with the bridge's reason and sends no build", async () => {
    const { store, fake } = setupWithUpload({ ok: false, error: solverError("bad-request", "the bridge refused the build context: too big") });
    store.getState().startBuild({ definition: new Uint8Array([1]), context: picked() });
    await vi.runAllTimersAsync();
    expect(fake.builds).toEqual([]);
    expect(store.getState().running).toBeNull();
    expect(selectSummary(store.getState())).toMatchObject({ state: "failed", errorMessage: expect.stringMatching(/too big/) });
  });

  it("cancel during the upload aborts it", async () => {
    let aborted = false;
    const { store, fake } = setupWithUpload(
      (o) =>
        new Promise((resolve) =>
          o.signal?.addEventListener("abort", () => {
            aborted = true;
            resolve({ ok: false, error: solverError("canceled", "canceled while sending the build context") });
          }),
        ),
    );
    store.getState().startBuild({ definition: new Uint8Array([1]), context: picked() });
    store.getState().cancel();
    await vi.runAllTimersAsync();
    expect(aborted).toBe(true);
    expect(fake.builds).toEqual([]);
    expect(selectSummary(store.getState())?.state).toBe("canceled");
  });
});
