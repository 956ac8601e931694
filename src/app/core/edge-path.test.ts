import { describe, expect, it } from "vitest";
import { routedPath, tracePolyline, traceRoute, type PathSink, type Point } from "./edge-path";

/** A sink that records the calls as strings. */
function recorder(): PathSink & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    moveTo: (x, y) => calls.push(`M${x},${y}`),
    lineTo: (x, y) => calls.push(`L${x},${y}`),
    quadraticCurveTo: (cx, cy, x, y) => calls.push(`Q${cx},${cy} ${x},${y}`),
  };
}

const route: Point[] = [
  { x: 0, y: 0 },
  { x: 100, y: 0 },
  { x: 100, y: 100 },
  { x: 200, y: 100 },
  { x: 200, y: 300 },
];

describe("routedPath", () => {
  it.each([
    ["no points", [], ""],
    ["one point", [{ x: 1, y: 2 }], "M1,2"],
    ["a straight leg", [{ x: 0, y: 0 }, { x: 100, y: 0 }], "M0,0 L100,0"],
    ["bends rounded by 10", route.slice(0, 3), "M0,0 L90,0 Q100,0 100,10 L100,100"],
    ["a bend on legs too short to round", [{ x: 0, y: 0 }, { x: 0.6, y: 0 }, { x: 0.6, y: 0.6 }], "M0,0 L0.6,0 L0.6,0.6"],
  ])("%s", (_, points, d) => {
    expect(routedPath(points)).toBe(d);
  });
});

describe("traceRoute over a stretch", () => {
  it("draws each inner bend of the stretch as the whole route does", () => {
    const whole = recorder();
    traceRoute(route, whole);
    const part = recorder();
    traceRoute(route, part, 10, 1, 4);
    // Bends at points 2 and 3 (a line to the curve's start and the curve) are the same in both.
    const bends = (calls: string[]) => calls.filter((c) => c.startsWith("Q"));
    expect(bends(part.calls)).toEqual(bends(whole.calls).slice(1));
    expect(part.calls[0]).toBe("M100,0");
    expect(part.calls.at(-1)).toBe("L200,300");
  });
});

describe("tracePolyline", () => {
  it.each([
    ["keeps every point a step apart", 1, ["M0,0", "L100,0", "L100,100", "L200,100", "L200,300"]],
    ["drops points within the step of the last kept, keeps the end", 150, ["M0,0", "L200,100", "L200,300"]],
    ["keeps the end however close", 1000, ["M0,0", "L200,300"]],
  ])("%s", (_, step, calls) => {
    const sink = recorder();
    tracePolyline(route, sink, step);
    expect(sink.calls).toEqual(calls);
  });
});
