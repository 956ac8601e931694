import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LayoutClientMessage, LayoutRequestMessage } from "./layout.messages";
import { isLayoutClientMessage, packLayoutResult, unpackLayoutResult } from "./layout.messages";
import { createLayoutClient, isLayoutError } from "./layout.client";
import type { LayoutError } from "./layout.client";
import { layoutGraph } from "../app/layout/index";
import type { LayoutInput, LayoutResult } from "../app/layout/index";

const chain: LayoutInput = {
  nodes: ["a", "b", "c"].map((id) => ({ id, width: 220, height: 60 })),
  edges: [
    { id: "ab", source: "a", target: "b" },
    { id: "bc", source: "b", target: "c" },
  ],
};

/** A stand-in for DedicatedWorkerGlobalScope, installed as `self` while the worker module loads. */
class FakeWorkerScope extends EventTarget {
  readonly posted: unknown[] = [];
  private waiters: (() => void)[] = [];
  readonly transferred: unknown[][] = [];
  postMessage(message: unknown, transfer: unknown[] = []): void {
    this.posted.push(message);
    this.transferred.push(transfer);
    for (const wake of this.waiters.splice(0)) wake();
  }
  async nextPost(): Promise<void> {
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

describe("layout.worker message loop", () => {
  const scope = new FakeWorkerScope();
  const globals = globalThis as { self?: unknown };
  const previousSelf = globals.self;

  beforeAll(async () => {
    globals.self = scope;
    await import("./layout.worker");
  });
  afterAll(() => {
    if (previousSelf === undefined) delete globals.self;
    else globals.self = previousSelf;
  });

  it.each([
    ["fast", 1],
    ["elk", 2],
  ] as const)("answers a %s request with exactly one typed result", async (engine, id) => {
    scope.posted.length = 0;
    const request: LayoutRequestMessage = { type: "llbx/layout-request", id, input: chain, options: { engine } };
    const replied = scope.nextPost();
    scope.dispatchEvent(new MessageEvent("message", { data: request }));
    await replied;
    await new Promise((resolve) => setTimeout(resolve, 20)); // anything else (e.g. from elkjs) would arrive by now
    expect(scope.posted).toHaveLength(1);
    const reply = scope.posted[0];
    expect(isLayoutClientMessage(reply)).toBe(true);
    const message = reply as LayoutClientMessage;
    expect(message.id).toBe(id);
    expect(message.type).toBe("llbx/layout-result");
    if (message.type === "llbx/layout-result") {
      expect(message.result.engine).toBe(engine);
      expect(unpackLayoutResult(message.result).nodes.size).toBe(3);
      expect(scope.transferred[0]).toHaveLength(3); // node, edge offset and edge point buffers
    }
  });

  it("keeps elkjs from taking over onmessage", () => {
    const target = globalThis as { self?: { onmessage?: unknown } };
    target.self!.onmessage = () => undefined;
    expect(target.self!.onmessage).toBeNull();
  });

  it.each([
    ["not an object", 42],
    ["foreign message (elkjs style)", { id: 3, cmd: "layout" }],
  ])("ignores %s", async (_name, data) => {
    scope.posted.length = 0;
    scope.dispatchEvent(new MessageEvent("message", { data }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(scope.posted).toHaveLength(0);
  });
});

/** An in-process Worker: replies after `delayMs` using the real core via the fallback-free path. */
class FakeWorker extends EventTarget {
  terminated = false;
  readonly received: LayoutRequestMessage[] = [];
  constructor(private readonly delayMs: number) {
    super();
  }
  postMessage(message: LayoutRequestMessage): void {
    this.received.push(message);
    setTimeout(() => {
      if (this.terminated) return;
      const reply: LayoutClientMessage = {
        type: "llbx/layout-result",
        id: message.id,
        result: packLayoutResult({ nodes: new Map(), edges: new Map(), groups: new Map(), bounds: { x: 0, y: 0, width: 0, height: 0 }, engine: "fast", reversedEdges: [], timings: { totalMs: 0, phases: {} } }),
      };
      this.dispatchEvent(new MessageEvent("message", { data: { id: message.id, error: "elk noise" } }));
      this.dispatchEvent(new MessageEvent("message", { data: reply }));
    }, this.delayMs);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function asWorker(fake: FakeWorker): Worker {
  return fake as unknown as Worker;
}

describe("layout.client", () => {
  it.each([["main-thread fallback"], ["fake worker"]] as const)("%s: resolves the latest request and rejects superseded ones", async (mode) => {
    const workers: FakeWorker[] = [];
    const client = createLayoutClient(
      mode === "fake worker"
        ? {
            createWorker: () => {
              const w = new FakeWorker(5);
              workers.push(w);
              return asWorker(w);
            },
          }
        : { createWorker: null },
    );
    const first = client.layout(chain, { engine: "fast" });
    const second = client.layout(chain, { engine: "fast" });
    const firstOutcome = await first.then(
      () => "resolved",
      (e: unknown) => e,
    );
    expect(isLayoutError(firstOutcome)).toBe(true);
    expect((firstOutcome as LayoutError).kind).toBe("superseded");
    const result: LayoutResult = await second;
    expect(result.engine).toBe("fast");
    if (mode === "fake worker") {
      expect(workers).toHaveLength(1);
      expect(workers[0]!.received.map((m) => m.id)).toEqual([1, 2]);
    } else {
      expect(result.nodes.size).toBe(3);
    }
    client.dispose();
    await expect(client.layout(chain)).rejects.toMatchObject({ name: "LayoutError", kind: "disposed" });
  });

  it("restarts a worker stuck on a long superseded request", async () => {
    const workers: FakeWorker[] = [];
    const client = createLayoutClient({
      restartAfterMs: 10,
      createWorker: () => {
        const w = new FakeWorker(workers.length === 0 ? 1000 : 5);
        workers.push(w);
        return asWorker(w);
      },
    });
    const slow = client.layout(chain).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const fresh = await client.layout(chain);
    expect(fresh.engine).toBe("fast");
    expect((await slow) as LayoutError).toMatchObject({ kind: "superseded" });
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    client.dispose();
  });

  it("reports a crashed worker", async () => {
    const fake = new FakeWorker(1000);
    const client = createLayoutClient({ createWorker: () => asWorker(fake) });
    const pending = client.layout(chain).catch((e: unknown) => e);
    fake.dispatchEvent(Object.assign(new Event("error"), { message: "boom" }));
    expect(await pending).toMatchObject({ name: "LayoutError", kind: "worker-crashed" });
    client.dispose();
  });
});

describe("packed results", () => {
  it.each([
    ["chain", chain, false],
    ["chain with groups", { nodes: chain.nodes.map((n) => ({ ...n, group: n.id === "c" ? "s2" : "s1" })), edges: chain.edges }, true],
    ["empty", { nodes: [], edges: [] }, false],
  ] as const)("%s round-trips through pack/unpack", async (_name, input, groups) => {
    const result = await layoutGraph(input, { engine: "fast", groups });
    const back = unpackLayoutResult(structuredClone(packLayoutResult(result)));
    expect(back).toEqual(result);
  });
});
