import { describe, expect, it } from "vitest";
import { compileDockerfile } from "../core/compile";
import { TWO_STAGE } from "../core/test-helpers";
import { selectOpCount, selectOutput, selectStale } from "./selectors";
import { createWorkbenchStore } from "./workbench-store";

function compiled(text: string, target = "") {
  const store = createWorkbenchStore();
  store.getState().setText(text);
  if (target) store.getState().setOptions({ target });
  const s = store.getState();
  s.receive(s.revision, compileDockerfile(s.text, s.options));
  return store;
}

function edit(store: ReturnType<typeof createWorkbenchStore>, text: string) {
  store.getState().setText(text);
  const s = store.getState();
  s.receive(s.revision, compileDockerfile(s.text, s.options));
}

describe("workbench store", () => {
  it("publishes graph, definition, changed and stale", () => {
    const store = compiled(TWO_STAGE);
    const out = selectOutput(store.getState())!;
    expect(out.graph.nodes.length).toBe(5);
    expect(out.definition.length).toBeGreaterThan(0);
    expect(out.changed.size).toBe(0);
    expect(out.stale).toBe(false);
    expect(store.getState().unreachable).toEqual([{ start: 4, end: 6 }]);
  });

  it("keeps the last good graph, stale, with the error marker", () => {
    const store = compiled(TWO_STAGE);
    const good = selectOutput(store.getState())!.graph;
    edit(store, TWO_STAGE.replace("RUN cat", "RUNN cat"));
    const s = store.getState();
    expect(selectStale(s)).toBe(true);
    expect(s.output?.graph).toBe(good);
    expect(s.markers).toEqual([expect.objectContaining({ severity: "error", startLine: 9, message: expect.stringContaining("unknown instruction: RUNN") })]);
    expect(s.outline?.stages).toHaveLength(3); // the last outline that parsed
    edit(store, TWO_STAGE);
    expect(selectStale(store.getState())).toBe(false);
    expect(store.getState().markers).toEqual([]);
  });

  it("marks changed ops, then clears them", () => {
    const store = compiled(TWO_STAGE);
    edit(store, TWO_STAGE.replace("cat /artifact", "ls /artifact"));
    expect(selectOutput(store.getState())!.changed.size).toBe(2);
    store.getState().clearChanged();
    expect(selectOutput(store.getState())!.changed.size).toBe(0);
  });

  it("ignores replies for an older revision", () => {
    const store = compiled(TWO_STAGE);
    const old = store.getState().revision;
    store.getState().setText("FROM busybox\n");
    store.getState().receive(old, compileDockerfile("FROM alpine\nRUNN\n", store.getState().options));
    expect(selectStale(store.getState())).toBe(false);
  });

  it.each<[string, number, number, number]>([
    ["FROM line of the build stage", 1, 1, 1],
    ["the whole final stage", 7, 9, 3],
    ["the unreached stage", 4, 5, 0],
  ])("hovering %s highlights its ops", (_name, start, end, count) => {
    const store = compiled(TWO_STAGE);
    store.getState().setActiveLines({ start, end });
    expect(store.getState().highlighted.size).toBe(count);
    store.getState().setActiveLines(null);
    expect(store.getState().highlighted.size).toBe(0);
  });

  it("revealOp selects the op and asks the editor for its lines", () => {
    const store = compiled(TWO_STAGE);
    const run = selectOutput(store.getState())!.graph.nodes.find((n) => n.label.includes("RUN cat"))!;
    store.getState().revealOp(run.digest);
    const s = store.getState();
    expect(s.selectedOp).toBe(run.digest);
    expect([...s.highlighted]).toEqual([run.digest]);
    expect(s.reveal?.spans).toEqual([{ start: 9, end: 9 }]);
    const nonce = s.reveal!.nonce;
    store.getState().revealOp(run.digest);
    expect(store.getState().reveal!.nonce).toBe(nonce + 1);
    store.getState().revealOp(null);
    expect(store.getState().selectedOp).toBeNull();
  });

  it("changing the target recompiles to a smaller graph", () => {
    expect(selectOpCount(compiled(TWO_STAGE, "build").getState())).toBe(3);
  });

  it("build args: set and back to default", () => {
    const store = createWorkbenchStore();
    store.getState().setBuildArg("A", "1");
    expect(store.getState().options.buildArgs).toEqual({ A: "1" });
    store.getState().setBuildArg("A", undefined);
    expect(store.getState().options.buildArgs).toEqual({});
    expect(store.getState().revision).toBe(2);
  });
});
