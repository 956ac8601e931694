import { describe, expect, it } from "vitest";
import { applyStatuses, createBuildState, finishBuild } from "./build-state";
import { syntheticStream } from "./synthetic";
import { buildTimeline } from "./timeline";
import { layoutGantt } from "./timeline-layout";

const opts = { width: 1000, rowHeight: 10, labelWidth: 200, bandHeight: 40 };

function timelineOf(vertexes: number, parallel: number) {
  const s = createBuildState("b", {}, 0);
  applyStatuses(s, syntheticStream({ vertexes, parallel, stepMs: 1000 }));
  finishBuild(s, { ok: true }, 0);
  return buildTimeline(s);
}

describe("layoutGantt", () => {
  it.each([
    ["serial: bars follow each other", 4, 1, [200, 398, 596, 794]],
    ["two lanes: bars start in pairs", 4, 2, [200, 200, 596, 596]],
  ])("%s", (_n, vertexes, parallel, xs) => {
    const l = layoutGantt(timelineOf(vertexes, parallel), opts);
    expect(l.bars.map((b) => Math.round(b.x))).toEqual(xs);
    expect(l.bars.map((b) => b.y)).toEqual([40, 50, 60, 70]);
    expect(l.height).toBe(40 + 4 * 10 + 4);
  });

  it("ticks span the build at a readable step; the concurrency line reaches the top at the peak", () => {
    const l = layoutGantt(timelineOf(4, 2), opts);
    expect(l.ticks.map((t) => t.label)).toEqual(["0.0s", "0.5s", "1.0s", "1.5s", "2.0s"]);
    expect(l.maxConcurrency).toBe(2);
    expect(l.concurrencyPath).toContain(",4.0"); // yOf(max) = 40 - 2 - 34
  });
});
