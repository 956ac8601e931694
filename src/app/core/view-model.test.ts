import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLlb, type LlbGraph } from "../../llb/index";
import { layoutGraph } from "../layout/index";
import { sceneToSvg } from "./export-svg";
import { buildScene } from "./scene";
import { edgeLabel, nodeFacts } from "./op-facts";
import { analyzeDocument, buildView, layoutInputOf, STAGE_PREFIX } from "./view-model";

const dir = join(import.meta.dirname, "../../llb/testdata/definitions");
function load(name: string): LlbGraph {
  const r = readLlb(new Uint8Array(readFileSync(join(dir, `${name}.llb`))));
  if (!r.ok) throw new Error(r.error.message);
  return r.graph;
}
const g = load("004-parallel-stages.fixtures");
const a = analyzeDocument(g);

describe("buildView", () => {
  it.each([
    ["everything", null, [], 9, 10],
    ["collapsed stage1", null, ["stage1"], 6, 7],
    ["collapsed all stages", null, ["stage0", "stage1", "stage-2"], 5, 5],
  ])("%s", (_name, scope, collapsed, nodes, edges) => {
    const v = buildView(g, a, { scope, collapsed: new Set(collapsed), groups: true });
    expect(v.nodes).toHaveLength(nodes);
    expect(v.edges).toHaveLength(edges);
    for (const e of v.edges) expect(v.byId.has(e.source) && v.byId.has(e.target)).toBe(true);
  });
  it("folds a collapsed stage into one node counting its ops", () => {
    const v = buildView(g, a, { scope: null, collapsed: new Set(["stage1"]), groups: true });
    expect(v.byId.get(`${STAGE_PREFIX}stage1`)?.collapsedCount).toBe(4);
  });
  it("limits to a scope", () => {
    const scope = new Set(g.nodes.slice(0, 3).map((n) => n.digest));
    const v = buildView(g, a, { scope, collapsed: new Set(), groups: false });
    expect(v.nodes.map((n) => n.digest)).toEqual([...scope]);
    expect(layoutInputOf(v).nodes.every((n) => n.group === undefined)).toBe(true);
  });
});

describe("labels and facts", () => {
  it.each([
    ["bind mount", [{ kind: "mount", mountIndex: 0, dest: "/", selector: "", readonly: false, mountType: 0 }], "/", ""],
    ["cache mount", [{ kind: "mount", mountIndex: 1, dest: "/root/.cache", selector: "/x", readonly: true, mountType: 3 }], "/root/.cache (cache) ro", "/x"],
    ["copy", [{ kind: "copy-source", actionIndex: 0, src: "/go/bin", dest: "/" }], "copy /go/bin", ""],
    ["merge", [{ kind: "merge", position: 2 }], "merge #2", ""],
    ["diff", [{ kind: "diff", side: "upper" }], "upper", ""],
  ] as const)("%s", (_name, roles, label, selector) => {
    expect(edgeLabel(roles)).toEqual({ label, selector });
  });
  it("notes a platform different from the common one", () => {
    const arm = load("006-platform-args.arm64");
    const an = analyzeDocument(arm);
    expect(an.commonPlatform).not.toBe("");
    const facts = arm.nodes.flatMap((n) => nodeFacts(n, an.commonPlatform));
    expect(facts.some((f) => f.startsWith("linux/"))).toBe(true);
  });
});

describe("export SVG", () => {
  it("draws every node and edge", async () => {
    const v = buildView(g, a, { scope: null, collapsed: new Set(), groups: true });
    const layout = await layoutGraph(layoutInputOf(v), { direction: "LR", groups: true });
    const scene = buildScene(v, layout, "LR");
    const svg = sceneToSvg(scene, g);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/class="node"/g)).toHaveLength(9);
    expect(svg.match(/class="edge"/g)).toHaveLength(10);
    expect(svg.match(/class="frame"/g)).toHaveLength(3);
    expect(svg).toContain("stage0_bin");
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
