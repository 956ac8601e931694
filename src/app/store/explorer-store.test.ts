import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLlb, type LlbGraph } from "../../llb/index";
import { createExplorerStore } from "./explorer-store";

const dir = join(import.meta.dirname, "../../llb/testdata/definitions");
function load(name: string): LlbGraph {
  const r = readLlb(new Uint8Array(readFileSync(join(dir, `${name}.llb`))));
  if (!r.ok) throw new Error(r.error.message);
  return r.graph;
}
const g = load("004-parallel-stages.fixtures");
const by = (label: string) => g.nodes.find((n) => n.label.includes(label))!.digest;

describe("explorer store", () => {
  it("keeps the open graph when opening fails", () => {
    const s = createExplorerStore();
    s.getState().open(g, "a.llb");
    s.getState().fail("b.llb", { kind: "wire", message: "truncated", offset: 12 });
    expect(s.getState().doc?.name).toBe("a.llb");
    expect(s.getState().error?.error.offset).toBe(12);
    s.getState().open(load("001-single-run.fixtures"), "c.llb");
    expect(s.getState().error).toBeNull();
  });
  it.each([
    ["stage0 build", "stage0_bin", 4, 3],
    ["terminal", "result", 8, 0],
  ])("selects %s with its lineage", (_name, label, ups, downs) => {
    const s = createExplorerStore();
    s.getState().open(g, "a.llb");
    s.getState().select(by(label), true);
    expect(s.getState().lineage?.ancestors.size).toBe(ups);
    expect(s.getState().lineage?.descendants.size).toBe(downs);
    expect(s.getState().zoomRequest?.id).toBe(by(label));
  });
  it("focuses on a sub-graph and back, and reopens collapsed stages on select", () => {
    const s = createExplorerStore();
    s.getState().open(g, "a.llb");
    s.getState().focusOn(by("load build context"));
    expect(s.getState().scope?.size).toBe(7);
    expect(s.getState().selected).toBe(by("load build context"));
    s.getState().select(by("FROM docker.io/library/golang"));
    expect(s.getState().scope).toBeNull();
    s.getState().toggleStage("stage1");
    s.getState().select(by("stage1_bin"));
    expect(s.getState().collapsed.has("stage1")).toBe(false);
    s.getState().select("sha256:nope");
    expect(s.getState().selected).toBeNull();
  });
  it.each([
    ["deep graph on a landscape screen", "004-parallel-stages.fixtures", { width: 1400, height: 800 }, "TB"],
    ["deep graph on a very wide screen", "004-parallel-stages.fixtures", { width: 5000, height: 700 }, "LR"],
  ] as const)("picks the direction for a %s", (_name, file, viewport, direction) => {
    const s = createExplorerStore({ direction: direction === "LR" ? "TB" : "LR" });
    s.getState().open(load(file), "x", viewport);
    expect(s.getState().direction).toBe(direction);
    s.getState().setDirection(direction === "LR" ? "TB" : "LR");
    s.getState().open(load(file), "x", viewport);
    expect(s.getState().direction).not.toBe(direction);
  });
  it("searches as the query, the kind filter or the document change", () => {
    const s = createExplorerStore();
    s.getState().setQuery("COPY --from");
    expect(s.getState().hits).toEqual([]);
    s.getState().open(g, "a.llb");
    expect(s.getState().hits).toHaveLength(2);
    expect(s.getState().hitSet.has(by("COPY --from=stage0"))).toBe(true);
    s.getState().toggleClass("file");
    expect(s.getState().hits).toHaveLength(0);
    s.getState().toggleClass("file");
    s.getState().setQuery("");
    expect(s.getState().hitSet.size).toBe(0);
  });
  it("collapses and expands all stages", () => {
    const s = createExplorerStore();
    s.getState().open(g, "a.llb");
    s.getState().toggleAllStages();
    expect([...s.getState().collapsed].sort()).toEqual(["stage-2", "stage0", "stage1"]);
    s.getState().toggleAllStages();
    expect(s.getState().collapsed.size).toBe(0);
  });
  it("toggles classes, direction and parallelism", () => {
    const s = createExplorerStore();
    s.getState().toggleClass("exec");
    s.getState().toggleClass("file");
    s.getState().toggleClass("exec");
    expect([...s.getState().hiddenClasses]).toEqual(["file"]);
    s.getState().setDirection("TB");
    s.getState().toggleParallelism();
    expect(s.getState().direction).toBe("TB");
    expect(s.getState().parallelism).toBe(true);
  });
});
