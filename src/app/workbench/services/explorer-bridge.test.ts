import { describe, expect, it } from "vitest";
import { createExplorerStore } from "../../store/explorer-store";
import { compileDockerfile } from "../core/compile";
import { TWO_STAGE } from "../core/test-helpers";
import { createWorkbenchStore } from "../store/workbench-store";
import { connectExplorer, WORKBENCH_DOC_NAME } from "./explorer-bridge";

function compileInto(store: ReturnType<typeof createWorkbenchStore>, text: string) {
  store.getState().setText(text);
  const s = store.getState();
  s.receive(s.revision, compileDockerfile(s.text, s.options));
}

describe("explorer bridge", () => {
  it("opens each new graph in the Explorer and reveals ops selected there", () => {
    const workbench = createWorkbenchStore();
    const explorer = createExplorerStore();
    compileInto(workbench, TWO_STAGE);
    const disconnect = connectExplorer(workbench, explorer);
    expect(explorer.getState().doc?.graph).toBe(workbench.getState().output?.graph);
    expect(explorer.getState().doc?.name).toBe(WORKBENCH_DOC_NAME);

    compileInto(workbench, TWO_STAGE.replace("cat", "ls"));
    const graph = workbench.getState().output!.graph;
    expect(explorer.getState().doc?.graph).toBe(graph);

    const copy = graph.nodes.find((n) => n.label.includes("COPY"))!;
    explorer.getState().select(copy.digest);
    expect(workbench.getState().selectedOp).toBe(copy.digest);
    expect(workbench.getState().reveal?.spans).toEqual([{ start: 8, end: 8 }]);

    // A stale result keeps the same graph: the Explorer is not reopened (selection survives).
    compileInto(workbench, TWO_STAGE.replace("RUN cat", "RUNN cat"));
    expect(explorer.getState().selected).toBe(copy.digest);

    disconnect();
    compileInto(workbench, TWO_STAGE);
    expect(explorer.getState().doc?.graph).toBe(graph);
  });
});
