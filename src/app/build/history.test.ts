import { describe, expect, it } from "vitest";
import { applyStatuses, createBuildState, finishBuild } from "./build-state";
import { addToHistory, findInHistory } from "./history";
import type { HistoryEntry } from "./history";
import { syntheticStream } from "./synthetic";

function built(id: string, cached = false) {
  const s = createBuildState(id, { label: `label ${id}` }, 1000);
  applyStatuses(s, syntheticStream({ vertexes: 3, parallel: 1, cached }));
  finishBuild(s, { ok: true }, 0);
  return s;
}

describe("history", () => {
  it.each([
    ["newest first", ["a", "b", "c"], 50, ["c", "b", "a"]],
    ["capped at the limit", ["a", "b", "c"], 2, ["c", "b"]],
    ["the same id replaces the old entry", ["a", "b", "a"], 50, ["a", "b"]],
  ])("%s", (_n, ids, limit, want) => {
    let list: HistoryEntry[] = [];
    for (const id of ids) list = addToHistory(list, built(id), { limit });
    expect(list.map((e) => e.id)).toEqual(want);
  });

  it.each([
    ["all fit", 10_000, ["c", "b", "a"]],
    ["the oldest go first", 2 * 3 * 3 * 64 + 1, ["c", "b"]],
    ["the newest always stays", 1, ["c"]],
  ])("log byte budget: %s", (_n, maxLogBytes, want) => {
    let list: HistoryEntry[] = [];
    for (const id of ["a", "b", "c"]) list = addToHistory(list, built(id), { maxLogBytes });
    expect(list.map((e) => e.id)).toEqual(want);
  });

  it("entries summarize the build and keep it for reopening", () => {
    const list = addToHistory([], built("x", true));
    const e = findInHistory(list, "x");
    expect(e).toMatchObject({ label: "label x", state: "done", ops: 3, cachedOps: 3, durationMs: 2000, errorMessage: null });
    expect(e?.build.vertexes.size).toBe(3);
    expect(findInHistory(list, "nope")).toBeNull();
  });
});
