import { describe, expect, it, vi } from "vitest";
import { createCompileClient } from "../../../workers/compile.client";
import { resolveWorkbenchOptions } from "../core/options";
import { encodeShareFragment, loadSnapshot, saveSnapshot } from "../core/snapshot";
import { TWO_STAGE } from "../core/test-helpers";
import { createWorkbenchStore } from "../store/workbench-store";
import { startCompileLoop } from "./compile-loop";
import { pickInitialSnapshot, shareUrlOf, startPersistence } from "./persistence";

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe("compile loop", () => {
  it("compiles at once, then after typing settles, and fades changed marks", async () => {
    const store = createWorkbenchStore({ text: TWO_STAGE });
    const client = createCompileClient({ createWorker: null });
    const compile = vi.spyOn(client, "compile");
    const stop = startCompileLoop(store, client, { debounceMs: 20, markMs: 400 });
    await vi.waitFor(() => expect(store.getState().output?.graph.nodes.length).toBe(5));
    for (const n of [1, 2, 3]) store.getState().setText(TWO_STAGE.replace("cat /artifact", `cat /artifact${n}`));
    await vi.waitFor(() => expect(store.getState().output?.changed.size).toBe(2));
    expect(compile).toHaveBeenCalledTimes(2); // the first compile + one for the burst
    await vi.waitFor(() => expect(store.getState().output?.changed.size).toBe(0));
    expect(store.getState().timings.compileMs).toBeGreaterThan(0);
    stop();
  });
});

describe("compile loop timing", () => {
  it("compiles a change after a quiet spell at once, and debounces changes while typing", async () => {
    const store = createWorkbenchStore({ text: TWO_STAGE });
    const client = createCompileClient({ createWorker: null });
    const compile = vi.spyOn(client, "compile");
    const stop = startCompileLoop(store, client, { debounceMs: 300 });
    await vi.waitFor(() => expect(store.getState().output).not.toBeNull());
    await new Promise((r) => setTimeout(r, 320));
    store.getState().setText(TWO_STAGE.replace("cat", "ls"));
    await vi.waitFor(() => expect(compile).toHaveBeenCalledTimes(2), { timeout: 100 }); // leading edge
    store.getState().setText(TWO_STAGE.replace("cat", "head"));
    await new Promise((r) => setTimeout(r, 100));
    expect(compile).toHaveBeenCalledTimes(2); // still typing: waits
    await vi.waitFor(() => expect(compile).toHaveBeenCalledTimes(3), { timeout: 1000 });
    await vi.waitFor(() => expect(store.getState().text).toContain("head"));
    stop();
  });
});

describe("persistence", () => {
  const fallback = { text: "FROM scratch\n", options: resolveWorkbenchOptions() };
  const saved = { text: "FROM alpine\n", options: resolveWorkbenchOptions({ target: "x" }) };
  const linked = { text: "FROM busybox\n", options: resolveWorkbenchOptions() };

  it.each([
    ["a share link wins", `#${encodeShareFragment(linked)}`, true, "link", linked],
    ["then local storage", "", true, "storage", saved],
    ["then the default", "", false, "default", fallback],
    ["a damaged link falls through", "#dockerfile=%%%", true, "storage", saved],
  ])("%s", (_name, hash, hasSaved, from, snapshot) => {
    const storage = memoryStorage();
    if (hasSaved) saveSnapshot(storage, saved);
    const picked = pickInitialSnapshot({ hash, storage, fallback });
    expect(picked.from).toBe(from);
    expect(picked.snapshot).toEqual(snapshot);
  });

  it("saves text and options as they change", async () => {
    const storage = memoryStorage();
    const store = createWorkbenchStore();
    const stop = startPersistence(store, storage, 5);
    store.getState().setText("FROM alpine\nRUN true\n");
    store.getState().setOptions({ platform: "linux/arm64" });
    await vi.waitFor(() => expect(loadSnapshot(storage)?.options.platform).toBe("linux/arm64"));
    expect(loadSnapshot(storage)?.text).toBe("FROM alpine\nRUN true\n");
    stop();
  });

  it("builds a share URL that restores the text", () => {
    const store = createWorkbenchStore({ text: TWO_STAGE });
    const url = shareUrlOf(store, { href: "http://host/app/?x=1#old" });
    const picked = pickInitialSnapshot({ hash: new URL(url).hash, storage: null, fallback });
    expect(picked.snapshot.text).toBe(TWO_STAGE);
  });
});
