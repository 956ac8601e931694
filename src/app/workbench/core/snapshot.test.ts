import { describe, expect, it } from "vitest";
import { resolveWorkbenchOptions } from "./options";
import { decodeShareFragment, encodeShareFragment, loadSnapshot, saveSnapshot, STORAGE_KEY, type WorkbenchSnapshot } from "./snapshot";

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

const snapshot: WorkbenchSnapshot = {
  text: "FROM alpine\nRUN echo ünïcödé ${X}\n",
  options: resolveWorkbenchOptions({ target: "build", buildArgs: { X: "1" }, platform: "linux/arm64" }),
};

describe("local storage", () => {
  it("round-trips text and options", () => {
    const storage = memoryStorage();
    expect(saveSnapshot(storage, snapshot)).toBe(true);
    expect(loadSnapshot(storage)).toEqual(snapshot);
  });

  it.each([
    ["nothing saved", {}],
    ["not JSON", { [STORAGE_KEY]: "{" }],
    ["wrong shape", { [STORAGE_KEY]: JSON.stringify({ text: 1 }) }],
    ["options missing", { [STORAGE_KEY]: JSON.stringify({ text: "FROM a" }) }],
  ])("ignores %s", (_name, initial) => {
    expect(loadSnapshot(memoryStorage(initial))).toBeNull();
  });

  it("reports a full storage instead of throwing", () => {
    expect(saveSnapshot({ getItem: () => null, setItem: () => { throw new Error("quota"); } }, snapshot)).toBe(false);
  });
});

describe("share links", () => {
  it("round-trips through the fragment, without loaded image configs", () => {
    const withImages: WorkbenchSnapshot = { ...snapshot, options: { ...snapshot.options, images: { kind: "fixtures", name: "x.json", fixtures: {} } } };
    const fragment = encodeShareFragment(withImages);
    expect(fragment).toMatch(/^dockerfile=[A-Za-z0-9_-]+$/);
    expect(decodeShareFragment(`#${fragment}`)).toEqual({ ok: true, snapshot });
  });

  it.each([
    ["no fragment", "", null],
    ["the Explorer's link", "#llb=abc", null],
    ["damaged data", "#dockerfile=!!!!", "the share link is damaged"],
  ])("%s", (_name, hash, message) => {
    const result = decodeShareFragment(hash);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(message === null ? result.message : result.message?.slice(0, message.length)).toBe(message);
  });
});
