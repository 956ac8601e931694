import { describe, expect, it } from "vitest";
import { buildSourceIndex, linesOfOp, opsAtLines } from "./source-map";
import { graphOf, TWO_STAGE } from "./test-helpers";

describe("source index", () => {
  const graph = graphOf(TWO_STAGE);
  const index = buildSourceIndex(graph);
  const labelsAt = (start: number, end = start) => [...opsAtLines(index, { start, end })].map((d) => graph.byDigest.get(d)!.label).sort();

  it.each<[string, number, number, string[]]>([
    ["FROM line → image op (shared by both alpine stages)", 1, 1, ["[build 1/2] FROM docker.io/library/alpine:3.20"]],
    ["RUN line → exec op", 2, 2, ["[build 2/2] RUN echo built > /artifact"]],
    ["blank line → nothing", 3, 3, []],
    ["unreached stage → nothing", 4, 5, []],
    ["COPY line → file op", 8, 8, ["[stage-2 2/3] COPY --from=build /artifact /artifact"]],
  ])("line → ops: %s", (_name, start, end, labels) => {
    expect(labelsAt(start, end)).toEqual(labels);
  });

  it.each<[string, string, number[]]>([
    ["image op keeps both FROM lines", "FROM docker.io/library/alpine", [1, 7]],
    ["RUN of the last stage", "RUN cat /artifact", [9]],
  ])("op → lines: %s", (_name, labelPart, starts) => {
    const op = graph.nodes.find((n) => n.label.includes(labelPart))!;
    expect(linesOfOp(index, op.digest).map((s) => s.start).sort((a, b) => a - b)).toEqual(starts);
  });

  it("op → lines: the terminal has none", () => {
    expect(linesOfOp(index, graph.terminal!)).toEqual([]);
  });
});
