import { describe, expect, it } from "vitest";
import { compileDockerfile } from "../app/workbench/core/compile";
import { resolveWorkbenchOptions } from "../app/workbench/core/options";
import { createCompileClient, type CompileReply } from "./compile.client";
import { isCompileRequestMessage, type CompileRequestMessage } from "./compile.messages";

const options = resolveWorkbenchOptions();
const text = (n: number) => `FROM alpine\nRUN echo ${n}\n`;

/** A Worker stand-in that answers only when told to (runs the real core on the calling thread). */
function fakeWorker() {
  const listeners = new Map<string, ((event: never) => void)[]>();
  const received: CompileRequestMessage[] = [];
  const worker = {
    postMessage(message: unknown) {
      if (isCompileRequestMessage(message)) received.push(message);
    },
    addEventListener(type: string, fn: (event: never) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), fn]);
    },
    terminate() {},
  };
  const answer = (i: number) => {
    const req = received[i]!;
    const data = { type: "llbx/compile-result", id: req.id, outcome: compileDockerfile(req.text, req.options) };
    for (const fn of listeners.get("message") ?? []) fn({ data } as never);
  };
  const crash = () => {
    for (const fn of listeners.get("error") ?? []) fn({ preventDefault() {}, message: "boom" } as never);
  };
  return { worker: worker as unknown as Worker, received, answer, crash };
}

const labelOf = (reply: CompileReply) => (reply.status === "done" ? (reply.outcome.ok ? "ok" : reply.outcome.error.kind) : "superseded");

describe("compile client", () => {
  it.each([
    ["valid text", "FROM alpine\nRUN true\n", "ok"],
    ["typo", "FROM alpine\nRUNN true\n", "instruction"],
  ])("main-thread fallback compiles %s", async (_name, input, expected) => {
    const client = createCompileClient({ createWorker: null });
    expect(labelOf(await client.compile(input, options))).toBe(expected);
  });

  it("main-thread fallback: a burst in one tick compiles only the latest", async () => {
    const client = createCompileClient({ createWorker: null });
    const replies = await Promise.all([1, 2, 3].map((n) => client.compile(text(n), options)));
    expect(replies.map(labelOf)).toEqual(["superseded", "superseded", "ok"]);
  });

  it("worker: one request in flight, newer ones replace the waiting one", async () => {
    const fake = fakeWorker();
    const client = createCompileClient({ createWorker: () => fake.worker });
    const first = client.compile(text(1), options);
    const second = client.compile(text(2), options);
    const third = client.compile(text(3), options);
    expect(fake.received.map((m) => m.text)).toEqual([text(1)]);
    expect(labelOf(await second)).toBe("superseded");
    fake.answer(0);
    expect(labelOf(await first)).toBe("superseded"); // older than the latest: dropped
    expect(fake.received.map((m) => m.text)).toEqual([text(1), text(3)]);
    fake.answer(1);
    const reply = await third;
    expect(labelOf(reply)).toBe("ok");
    if (reply.status === "done") expect(reply.totalMs).toBeGreaterThanOrEqual(0);
  });

  it("worker crash: falls back to the main thread for the running request", async () => {
    const fake = fakeWorker();
    const client = createCompileClient({ createWorker: () => fake.worker });
    const pending = client.compile(text(1), options);
    fake.crash();
    expect(labelOf(await pending)).toBe("ok");
    expect(labelOf(await client.compile(text(2), options))).toBe("ok");
    expect(fake.received).toHaveLength(1);
  });

  it("a worker that cannot be created: main thread", async () => {
    const client = createCompileClient({
      createWorker: () => {
        throw new Error("no workers here");
      },
    });
    expect(labelOf(await client.compile(text(1), options))).toBe("ok");
  });
});
