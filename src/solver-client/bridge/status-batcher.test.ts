import { describe, expect, it } from "vitest";
import type { SolveStatus } from "../protocol/status";
import { createStatusBatcher } from "./status-batcher";

function manualScheduler() {
  const queue: (() => void)[] = [];
  return { schedule: (fn: () => void) => void queue.push(fn), run: () => queue.splice(0).forEach((fn) => fn()), get size() { return queue.length; } };
}

const log = (i: number, bytes = 8): SolveStatus => ({ logs: [{ vertex: "sha256:a", stream: 1, data: "A".repeat(bytes), timestamp: `t${i}` }] });

describe("createStatusBatcher", () => {
  it("sends what arrived in one turn as one batch, in order, and schedules once", () => {
    const sched = manualScheduler();
    const sent: SolveStatus[][] = [];
    const b = createStatusBatcher((s) => sent.push(s), { schedule: sched.schedule });
    for (let i = 0; i < 100; i++) b.push(log(i));
    expect(sent).toEqual([]);
    expect(sched.size).toBe(1);
    sched.run();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((s) => s.logs![0]!.timestamp)).toEqual(Array.from({ length: 100 }, (_, i) => `t${i}`));
    b.push(log(100));
    sched.run();
    expect(sent).toHaveLength(2);
  });

  it("cuts a batch early when it grows past maxBytes, dropping nothing", () => {
    const sched = manualScheduler();
    const sent: SolveStatus[][] = [];
    const b = createStatusBatcher((s) => sent.push(s), { schedule: sched.schedule, maxBytes: 10_000 });
    for (let i = 0; i < 50; i++) b.push(log(i, 1000));
    sched.run();
    expect(sent.length).toBeGreaterThan(4);
    expect(sent.every((batch) => batch.length <= 10)).toBe(true);
    expect(sent.flat().map((s) => s.logs![0]!.timestamp)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
  });

  it("flush() sends pending statuses now and a later scheduled flush sends nothing twice", () => {
    const sched = manualScheduler();
    const sent: SolveStatus[][] = [];
    const b = createStatusBatcher((s) => sent.push(s), { schedule: sched.schedule });
    b.push(log(1));
    b.flush();
    expect(sent).toEqual([[log(1)]]);
    sched.run();
    b.flush();
    expect(sent).toHaveLength(1);
  });
});
