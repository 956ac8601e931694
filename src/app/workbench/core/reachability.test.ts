import { describe, expect, it } from "vitest";
import { outlineDockerfile } from "./outline";
import { unreachableLines, unreachableStages } from "./reachability";
import { buildSourceIndex } from "./source-map";
import { graphOf, TWO_STAGE } from "./test-helpers";

describe("unreachableStages", () => {
  it.each<[string, string, string[]]>([
    ["last stage as target: the unused stage", "", ["unused"]],
    ["target build: the unused and the final stage", "build", ["unused", "2"]],
    ["target unused: build and the final stage", "unused", ["build", "2"]],
  ])("%s", (_name, target, ids) => {
    const index = buildSourceIndex(graphOf(TWO_STAGE, { target }));
    expect(unreachableStages(outlineDockerfile(TWO_STAGE)!, index).map((s) => s.id)).toEqual(ids);
  });

  it("greys the whole span of an unreached stage", () => {
    const index = buildSourceIndex(graphOf(TWO_STAGE));
    expect(unreachableLines(outlineDockerfile(TWO_STAGE)!, index)).toEqual([{ start: 4, end: 6 }]);
  });
});
