import { describe, expect, it } from "vitest";
import { countOverlaps, layoutGraph, measureLayout } from "./index";
import type { LayoutDirection, LayoutEngineChoice, LayoutInput, LayoutResult } from "./index";
import { generateCyclicGraph, generateGraph, loadDump, makeGraph } from "./testdata/test-graphs";

const EPS = 0.5;

const cases: [string, () => LayoutInput][] = [
  ["single node", () => makeGraph([], ["a"])],
  ["chain", () => makeGraph(["a>b", "b>c", "c>d"])],
  ["diamond", () => makeGraph(["a>b", "a>c", "b>d", "c>d"])],
  ["fan out and in", () => makeGraph([...Array.from({ length: 8 }, (_, i) => `root>m${i}`), ...Array.from({ length: 8 }, (_, i) => `m${i}>sink`)])],
  ["long edge", () => makeGraph(["a>b", "b>c", "c>d", "a>d", "x>d"])],
  ["disconnected with isolated node", () => makeGraph(["a>b", "c>d", "d>e"], ["lonely"])],
  ["parallel edges", () => makeGraph(["a>b", "a>b", "b>c"])],
  ["mixed sizes", () => makeGraph(["a>b", "a>c", "b>d", "c>d"], [], { a: [400, 30], b: [80, 200], c: [10, 10], d: [300, 90] })],
  ["golden 001-single-run", () => loadDump("001-single-run.fixtures")],
  ["golden 004-parallel-stages", () => loadDump("004-parallel-stages.fixtures")],
  ["golden 008-add-sources", () => loadDump("008-add-sources.fixtures")],
  ["golden 009-cache-mounts", () => loadDump("009-cache-mounts.fixtures")],
  ["golden 021-stage-as-base", () => loadDump("021-stage-as-base.fixtures")],
  ["golden 030-many-runs", () => loadDump("030-many-runs.fixtures")],
  ["generated 400", () => generateGraph(400, 7)],
];

const engines: LayoutEngineChoice[] = ["fast", "elk"];
const directions: LayoutDirection[] = ["LR", "TB"];
const matrix = cases.flatMap(([name, make]) => engines.flatMap((engine) => directions.map((direction) => [name, engine, direction, make] as const)));

function sizeOf(input: LayoutInput): Map<string, { width: number; height: number }> {
  return new Map(input.nodes.map((n) => [n.id, n]));
}

/** Edges whose target box does not start after the end of the source box along the main axis. */
function findBackwardEdges(input: LayoutInput, result: LayoutResult, direction: LayoutDirection): string[] {
  const size = sizeOf(input);
  const bad: string[] = [];
  for (const edge of input.edges) {
    const s = result.nodes.get(edge.source);
    const t = result.nodes.get(edge.target);
    const ss = size.get(edge.source);
    if (s === undefined || t === undefined || ss === undefined) throw new Error(`missing node for ${edge.id}`);
    const ok = direction === "LR" ? t.x >= s.x + ss.width - EPS : t.y >= s.y + ss.height - EPS;
    if (!ok) bad.push(edge.id);
  }
  return bad;
}

function serialize(result: LayoutResult): string {
  return JSON.stringify({ nodes: [...result.nodes], edges: [...result.edges], groups: [...result.groups], bounds: result.bounds, engine: result.engine });
}

describe("layoutGraph on DAGs", () => {
  it.each(matrix)("%s (%s, %s): every edge goes forward along the main axis", async (_name, engine, direction, make) => {
    const input = make();
    const result = await layoutGraph(input, { engine, direction });
    expect(result.nodes.size).toBe(new Set(input.nodes.map((n) => n.id)).size);
    expect(findBackwardEdges(input, result, direction)).toEqual([]);
    expect(result.reversedEdges).toEqual([]);
  });

  it.each(matrix)("%s (%s, %s): no two nodes overlap", async (_name, engine, direction, make) => {
    const input = make();
    const result = await layoutGraph(input, { engine, direction });
    expect(countOverlaps(input, result)).toBe(0);
    for (const p of result.nodes.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
  });

  it.each(matrix)("%s (%s, %s): deterministic", async (_name, engine, direction, make) => {
    const first = await layoutGraph(make(), { engine, direction });
    const second = await layoutGraph(make(), { engine, direction });
    expect(serialize(second)).toBe(serialize(first));
  });

  it.each(matrix)("%s (%s, %s): routes run from source to target and sit at the origin", async (_name, engine, direction, make) => {
    const input = make();
    const result = await layoutGraph(input, { engine, direction });
    const size = sizeOf(input);
    for (const edge of input.edges) {
      const route = result.edges.get(edge.id);
      expect(route, edge.id).toBeDefined();
      if (route === undefined) continue;
      expect(route.length).toBeGreaterThanOrEqual(2);
      const s = result.nodes.get(edge.source)!;
      const t = result.nodes.get(edge.target)!;
      const ss = size.get(edge.source)!;
      const ts = size.get(edge.target)!;
      const first = route[0]!;
      const last = route[route.length - 1]!;
      // Ends touch the boxes of their nodes (within a few pixels).
      expect(first.x).toBeGreaterThanOrEqual(s.x - 2);
      expect(first.x).toBeLessThanOrEqual(s.x + ss.width + 2);
      expect(first.y).toBeGreaterThanOrEqual(s.y - 2);
      expect(first.y).toBeLessThanOrEqual(s.y + ss.height + 2);
      expect(last.x).toBeGreaterThanOrEqual(t.x - 2);
      expect(last.x).toBeLessThanOrEqual(t.x + ts.width + 2);
      expect(last.y).toBeGreaterThanOrEqual(t.y - 2);
      expect(last.y).toBeLessThanOrEqual(t.y + ts.height + 2);
    }
    if (input.nodes.length > 0) {
      expect(result.bounds.x).toBeCloseTo(0, 6);
      expect(result.bounds.y).toBeCloseTo(0, 6);
    }
  });
});

describe("orientation", () => {
  it.each([
    ["fast", "LR"],
    ["fast", "TB"],
    ["elk", "LR"],
    ["elk", "TB"],
  ] as const)("chain with %s engine in %s runs along its axis", async (engine, direction) => {
    const input = makeGraph(["a>b", "b>c"]);
    const result = await layoutGraph(input, { engine, direction });
    const [a, b, c] = ["a", "b", "c"].map((id) => result.nodes.get(id)!) as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }];
    if (direction === "LR") {
      expect(a.x).toBeLessThan(b.x);
      expect(b.x).toBeLessThan(c.x);
      expect(a.y).toBeCloseTo(b.y, 0);
      expect(result.bounds.width).toBeGreaterThan(result.bounds.height);
    } else {
      expect(a.y).toBeLessThan(b.y);
      expect(b.y).toBeLessThan(c.y);
      expect(a.x).toBeCloseTo(b.x, 0);
      expect(result.bounds.height).toBeGreaterThan(result.bounds.width);
    }
  });

  it.each([["fast"], ["elk"]] as const)("auto picks by size; explicit %s is used", async (engine) => {
    const result = await layoutGraph(makeGraph(["a>b"]), { engine });
    expect(result.engine).toBe(engine);
  });

  it.each([
    ["small graph", 10, "elk"],
    ["graph above the threshold", 400, "fast"],
  ] as const)("auto on a %s uses %s", async (_name, size, expected) => {
    const result = await layoutGraph(generateGraph(size, 3), { engine: "auto", elkMaxNodes: 300 });
    expect(result.engine).toBe(expected);
  });
});

describe("cycles and bad input", () => {
  const cyclic: [string, () => LayoutInput][] = [
    ["two-cycle", () => makeGraph(["a>b", "b>a"])],
    ["triangle plus tail", () => makeGraph(["a>b", "b>c", "c>a", "c>d"])],
    ["self-loop", () => makeGraph(["a>a", "a>b"])],
    ["nested cycles", () => makeGraph(["a>b", "b>c", "c>a", "b>d", "d>b", "d>e", "e>a"])],
    ["random cyclic 1500", () => generateCyclicGraph(1500, 2, 11)],
  ];
  it.each(cyclic.flatMap(([name, make]) => engines.map((engine) => [name, engine, make] as const)))(
    "%s (%s) terminates, reverses some edges, keeps nodes apart",
    async (name, engine, make) => {
      const input = make();
      if (engine === "elk" && input.nodes.length > 500) return; // elk is not used at this size
      const result = await layoutGraph(input, { engine, direction: "LR" });
      expect(result.nodes.size).toBe(input.nodes.length);
      if (name !== "self-loop") expect(result.reversedEdges.length).toBeGreaterThan(0);
      expect(countOverlaps(input, result)).toBe(0);
      // Apart from the reversed ones, every edge goes forward.
      const reversed = new Set(result.reversedEdges);
      const selfLoops = new Set(input.edges.filter((e) => e.source === e.target).map((e) => e.id));
      const backward = findBackwardEdges(input, result, "LR").filter((id) => !reversed.has(id) && !selfLoops.has(id));
      expect(backward).toEqual([]);
    },
    20_000,
  );

  it.each([
    ["edge to an unknown node", { nodes: [{ id: "a", width: 10, height: 10 }], edges: [{ id: "x", source: "a", target: "ghost" }] }, 1, 0],
    ["duplicate node ids", { nodes: [{ id: "a", width: 10, height: 10 }, { id: "a", width: 50, height: 50 }, { id: "b", width: 10, height: 10 }], edges: [{ id: "x", source: "a", target: "b" }] }, 2, 1],
    ["zero and NaN sizes", { nodes: [{ id: "a", width: 0, height: Number.NaN }, { id: "b", width: -5, height: 10 }], edges: [{ id: "x", source: "a", target: "b" }] }, 2, 1],
    ["empty graph", { nodes: [], edges: [] }, 0, 0],
  ] as const)("%s is handled", async (_name, input, nodeCount, edgeCount) => {
    for (const engine of engines) {
      const result = await layoutGraph(input, { engine });
      expect(result.nodes.size).toBe(nodeCount);
      expect(result.edges.size).toBe(edgeCount);
    }
  });
});

describe("previous positions", () => {
  const base = (): LayoutInput => loadDump("004-parallel-stages.fixtures");
  const addSink = (input: LayoutInput): LayoutInput => {
    const last = input.nodes[input.nodes.length - 1]!;
    return { nodes: [...input.nodes, { id: "new-sink", width: 220, height: 60 }], edges: [...input.edges, { id: "new-edge", source: last.id, target: "new-sink" }] };
  };
  const addSource = (input: LayoutInput): LayoutInput => {
    const first = input.nodes[0]!;
    return { nodes: [{ id: "new-source", width: 220, height: 60 }, ...input.nodes], edges: [...input.edges, { id: "new-edge", source: "new-source", target: first.id }] };
  };
  const addSideBranch = (input: LayoutInput): LayoutInput => {
    const mid = input.nodes[Math.floor(input.nodes.length / 2)]!;
    return {
      nodes: [...input.nodes, { id: "side-1", width: 220, height: 60 }, { id: "side-2", width: 220, height: 60 }],
      edges: [...input.edges, { id: "s1", source: mid.id, target: "side-1" }, { id: "s2", source: "side-1", target: "side-2" }],
    };
  };
  const dropLeaf = (input: LayoutInput): LayoutInput => {
    const targets = new Set(input.edges.map((e) => e.source));
    const leaf = input.nodes.find((n) => !targets.has(n.id) && input.edges.some((e) => e.target === n.id));
    const drop = leaf?.id ?? "";
    return { nodes: input.nodes.filter((n) => n.id !== drop), edges: input.edges.filter((e) => e.source !== drop && e.target !== drop) };
  };
  const edits: [string, (input: LayoutInput) => LayoutInput][] = [
    ["no change", (input) => input],
    ["new sink after the last op", addSink],
    ["new source before the first op", addSource],
    ["new side branch", addSideBranch],
    ["removed leaf", dropLeaf],
  ];
  const scenarios = edits.flatMap(([name, edit]) =>
    (["LR", "TB"] as const).flatMap((direction) =>
      [
        ["golden 004-parallel-stages", base],
        ["generated 300", () => generateGraph(300, 5)],
      ].map(([graphName, make]) => [name, direction, graphName as string, make as () => LayoutInput, edit] as const),
    ),
  );

  it.each(scenarios)("%s (%s, %s): unchanged nodes stay put", async (_edit, direction, _graph, make, edit) => {
    const before = make();
    const first = await layoutGraph(before, { direction, engine: "auto", elkMaxNodes: 100 });
    const after = edit(before);
    const second = await layoutGraph(after, { direction, engine: "auto", previous: first.nodes });
    expect(second.engine).toBe("fast");
    const moved: string[] = [];
    for (const node of after.nodes) {
      const was = first.nodes.get(node.id);
      const now = second.nodes.get(node.id)!;
      if (was === undefined) continue;
      if (Math.abs(was.x - now.x) > EPS || Math.abs(was.y - now.y) > EPS) moved.push(node.id);
    }
    expect(moved).toEqual([]);
    expect(countOverlaps(after, second)).toBe(0);
    expect(findBackwardEdges(after, second, direction)).toEqual([]);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ])("previous positions with %s are ignored", async (_name, bad) => {
    const input = makeGraph(["a>b", "b>c"]);
    const previous = new Map([
      ["a", { x: bad, y: 0 }],
      ["b", { x: 500, y: bad }],
    ]);
    const result = await layoutGraph(input, { engine: "fast", previous });
    for (const p of result.nodes.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    expect(findBackwardEdges(input, result, "LR")).toEqual([]);
  });

  it("positions that conflict with the new structure give way instead of overlapping", async () => {
    const input = makeGraph(["a>b", "b>c"]);
    // Everything claims the same spot.
    const previous = new Map([
      ["a", { x: 0, y: 0 }],
      ["b", { x: 0, y: 0 }],
      ["c", { x: 0, y: 0 }],
    ]);
    const result = await layoutGraph(input, { engine: "fast", previous });
    expect(countOverlaps(input, result)).toBe(0);
    expect(findBackwardEdges(input, result, "LR")).toEqual([]);
  });
});

describe("groups", () => {
  const grouped: [string, () => LayoutInput][] = [
    ["golden 004-parallel-stages", () => loadDump("004-parallel-stages.fixtures")],
    ["golden 021-stage-as-base", () => loadDump("021-stage-as-base.fixtures")],
    ["generated 600", () => generateGraph(600, 9)],
    ["two groups with a cycle between them", () => {
      const g = makeGraph(["a1>a2", "a2>b1", "b1>b2", "b2>a1"]);
      return { nodes: g.nodes.map((n) => ({ ...n, group: n.id.slice(0, 1) })), edges: g.edges };
    }],
  ];
  const groupMatrix = grouped.flatMap(([name, make]) => (["auto", "fast"] as const).flatMap((engine) => directions.map((direction) => [name, engine, direction, make] as const)));

  it.each(groupMatrix)("%s (%s, %s): frames contain their nodes and do not overlap", async (_name, engine, direction, make) => {
    const input = make();
    const result = await layoutGraph(input, { engine, direction, groups: true });
    const names = new Set(input.nodes.flatMap((n) => (n.group === undefined ? [] : [n.group])));
    expect(new Set(result.groups.keys())).toEqual(names);
    for (const node of input.nodes) {
      if (node.group === undefined) continue;
      const frame = result.groups.get(node.group)!;
      const p = result.nodes.get(node.id)!;
      expect(p.x).toBeGreaterThanOrEqual(frame.x - EPS);
      expect(p.y).toBeGreaterThanOrEqual(frame.y - EPS);
      expect(p.x + node.width).toBeLessThanOrEqual(frame.x + frame.width + EPS);
      expect(p.y + node.height).toBeLessThanOrEqual(frame.y + frame.height + EPS);
    }
    const frames = [...result.groups.values()];
    for (let i = 0; i < frames.length; i++) {
      for (let j = i + 1; j < frames.length; j++) {
        const a = frames[i]!;
        const b = frames[j]!;
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        expect(overlapX > EPS && overlapY > EPS).toBe(false);
      }
    }
    expect(countOverlaps(input, result)).toBe(0);
    expect(result.edges.size).toBe(input.edges.filter((e) => e.source !== e.target).length);
  });

  const groupedEdits: [string, () => LayoutInput, (input: LayoutInput) => LayoutInput][] = [
    ["golden 004-parallel-stages, no change", () => loadDump("004-parallel-stages.fixtures"), (input) => input],
    ["golden 004-parallel-stages, new ungrouped sink", () => loadDump("004-parallel-stages.fixtures"), (input) => {
      const last = input.nodes[input.nodes.length - 1]!;
      return { nodes: [...input.nodes, { id: "new", width: 220, height: 60 }], edges: [...input.edges, { id: "new-edge", source: last.id, target: "new" }] };
    }],
    ["generated 300, new op at the end of a stage", () => generateGraph(300, 4), (input) => {
      const last = input.nodes[input.nodes.length - 1]!;
      return { nodes: [...input.nodes, { id: "new", width: 220, height: 60, group: last.group }], edges: [...input.edges, { id: "new-edge", source: last.id, target: "new" }] };
    }],
  ];
  it.each(groupedEdits)("%s: grouped layout with previous positions keeps unchanged nodes", async (_name, make, edit) => {
    const input = make();
    const first = await layoutGraph(input, { groups: true, engine: "fast" });
    const after = edit(input);
    const second = await layoutGraph(after, { groups: true, engine: "auto", previous: first.nodes });
    const moved = [...first.nodes].filter(([id, p]) => {
      const q = second.nodes.get(id)!;
      return Math.abs(p.x - q.x) > EPS || Math.abs(p.y - q.y) > EPS;
    });
    expect(moved).toEqual([]);
    expect(countOverlaps(after, second)).toBe(0);
  });
});

describe("quality", () => {
  it.each([
    ["generated 300", () => generateGraph(300, 2)],
    ["golden 030-many-runs", () => loadDump("030-many-runs.fixtures")],
  ])("%s: the fast engine is within reach of elk", async (_name, make) => {
    const input = make();
    const fast = measureLayout(input, await layoutGraph(input, { engine: "fast" }), "LR");
    const elk = measureLayout(input, await layoutGraph(input, { engine: "elk" }), "LR");
    expect(fast.overlaps).toBe(0);
    expect(fast.crossings).toBeLessThanOrEqual(Math.max(5, elk.crossings * 2));
    expect(fast.edgeLength).toBeLessThanOrEqual(elk.edgeLength * 2);
  });
});
