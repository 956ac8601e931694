import { describe, expect, it } from "vitest";
import { carryPositions, changedOps, diffGraphs, positionsOf } from "./graph-diff";
import { graphOf, TWO_STAGE } from "./test-helpers";

const base = graphOf(TWO_STAGE);
const label = (g: typeof base, d: string) => g.byDigest.get(d as never)!.label;

describe("diffGraphs", () => {
  it.each<[string, string, number, string[]]>([
    ["same text: nothing changes", TWO_STAGE, 0, []],
    ["a comment: nothing changes", `# note\n${TWO_STAGE}`, 0, []],
    ["last RUN edited: it and the terminal change", TWO_STAGE.replace("cat /artifact", "ls /artifact"), 2, ["RUN ls /artifact"]],
    ["build RUN edited: everything downstream changes", TWO_STAGE.replace("echo built", "echo made"), 4, ["RUN echo made", "COPY --from=build"]],
  ])("%s", (_name, text, added, labelParts) => {
    const next = graphOf(text);
    const diff = diffGraphs(base, next);
    expect(diff.added.size).toBe(added);
    expect(diff.removed.size).toBe(added);
    expect(diff.kept.size + diff.added.size).toBe(next.nodes.length);
    for (const part of labelParts) expect([...diff.added].some((d) => label(next, d).includes(part))).toBe(true);
  });

  it("marks nothing on the first graph", () => {
    expect(changedOps(null, diffGraphs(null, base)).size).toBe(0);
  });

  it("carries positions of kept ops only", () => {
    const next = graphOf(TWO_STAGE.replace("cat /artifact", "ls /artifact"));
    const previous = new Map(base.nodes.map((n, i) => [n.digest as string, { x: i, y: 0 }]));
    const carried = carryPositions(previous, next);
    expect(carried.size).toBe(base.nodes.length - 2);
    for (const id of carried.keys()) expect(next.byDigest.has(id as never)).toBe(true);
  });

  it("reads positions from laid-out nodes", () => {
    expect(positionsOf([{ id: "a", x: 1, y: 2 }])).toEqual(new Map([["a", { x: 1, y: 2 }]]));
  });
});
