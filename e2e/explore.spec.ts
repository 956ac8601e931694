import { analyzeParallelism, consumersOf, groupStages, lineageOf } from "../src/llb/index";
import { definitionFile, findOp } from "./fixtures/llb-files";
import { expect, test } from "./fixtures/test";

const parallel = definitionFile("004-parallel-stages.fixtures");

test.describe("explore", () => {
  test.beforeEach(async ({ explorer }) => {
    await explorer.goto();
    await explorer.upload(parallel);
    await explorer.expectGraph(parallel.graph.nodes.length);
  });

  test("clicking a node shows its digest and Dockerfile lines", async ({ explorer, page }) => {
    const op = findOp(parallel, "RUN go build -o stage0_bin");
    await explorer.select(op.digest);
    const lines = op.locations.flatMap((l) => l.ranges.map((r) => r.start.line));
    const text = parallel.graph.sources[0]!.text.split("\n");
    const hits = page.getByTestId("dockerfile-line");
    await expect(hits).toHaveCount(lines.length);
    for (const [i, line] of lines.entries()) await expect(hits.nth(i)).toContainText(`${line}${text[line - 1]!.trim()}`.replace(/\s+/g, " ").slice(0, 12));
    await expect(page.getByTestId("inspector-exec")).toContainText("go build -o stage0_bin");
    await expect(page.getByTestId("digest-state")).toHaveText("hashed");
    // Inputs are links: following one selects that op.
    const input = op.inputs[0]!;
    await page.getByTestId("input-link").first().click();
    await expect(page.getByTestId("inspector-digest")).toHaveText(input.digest);
    await expect(explorer.node(input.digest)).toHaveAttribute("data-tone", "selected");
    await page.keyboard.press("f");
    await expect(explorer.node(op.digest)).toHaveAttribute("data-tone", "descendant");
  });

  test("search finds an op by digest prefix and by command", async ({ explorer, page }) => {
    const op = findOp(parallel, "stage1_bin");
    await explorer.search(op.digest.slice(7, 15));
    await expect(explorer.searchHits).toHaveCount(1);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("inspector-digest")).toHaveText(op.digest);
    await explorer.searchInput.fill("COPY --from");
    await expect(explorer.searchHits).toHaveCount(2);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("inspector-title")).toContainText("COPY --from=stage1");
  });

  test("focus shows only the sub-graph, and Esc goes back", async ({ explorer, page }) => {
    const op = findOp(parallel, "RUN go build -o stage0_bin");
    const expected = lineageOf(parallel.graph, consumersOf(parallel.graph), op.digest).size;
    await explorer.select(op.digest);
    await page.getByTestId("focus-button").click();
    await expect(page.getByTestId("focus-chip")).toBeVisible();
    await explorer.expectGraph(expected);
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("focus-chip")).toBeHidden();
    await explorer.expectGraph(parallel.graph.nodes.length);
  });

  test("parallelism view shows levels and the critical path", async ({ page }) => {
    const p = analyzeParallelism(parallel.graph);
    await page.keyboard.press("p");
    await expect(page.getByTestId("parallelism-panel")).toBeVisible();
    await expect(page.getByTestId("parallelism-level")).toHaveCount(p.widths.length);
    await expect(page.getByTestId("critical-length")).toHaveText(String(p.criticalLength));
    await expect(page.locator(".op-node.critical")).toHaveCount(p.criticalPath.length);
    await expect(page.getByTestId("op-level")).toHaveCount(parallel.graph.nodes.length);
  });

  test("collapsing a stage folds its ops into one node", async ({ explorer, page }) => {
    await page.locator('[data-testid=stage-frame][data-stage="stage1"] [data-testid=stage-toggle]').click();
    const collapsed = page.locator('[data-testid=stage-collapsed][data-stage="stage1"]');
    await expect(collapsed).toBeVisible();
    await expect(explorer.opNodes).toHaveCount(parallel.graph.nodes.length - 4);
    await collapsed.click();
    await explorer.expectGraph(parallel.graph.nodes.length);
    // All at once: only ops outside any stage stay (build context, terminal).
    const stages = groupStages(parallel.graph);
    await page.getByTestId("stages-toggle").click();
    await expect(page.getByTestId("stage-collapsed")).toHaveCount(stages.stages.length);
    await expect(explorer.opNodes).toHaveCount(parallel.graph.nodes.length - stages.stageOf.size);
    await page.getByTestId("stages-toggle").click();
    await explorer.expectGraph(parallel.graph.nodes.length);
  });

  test("exports the canonical .llb, dump JSON, DOT and SVG", async ({ explorer }) => {
    const llb = await explorer.exportAs("llb");
    expect(Buffer.from(llb).equals(Buffer.from(parallel.canonical))).toBe(true);
    const json = new TextDecoder().decode(await explorer.exportAs("json"));
    expect(json.trim().split("\n").length).toBeGreaterThanOrEqual(parallel.graph.nodes.length);
    const dot = new TextDecoder().decode(await explorer.exportAs("dot"));
    expect(dot).toMatch(/^digraph/);
    const svg = new TextDecoder().decode(await explorer.exportAs("svg"));
    expect(svg.match(/class="node"/g)).toHaveLength(parallel.graph.nodes.length);
    const png = await explorer.exportAs("png");
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  test("kind filter dims ops of a kind and drops them from search", async ({ explorer, page }) => {
    const files = parallel.graph.nodes.filter((n) => n.kind === "file");
    await page.locator("[data-testid=kind-toggle][data-kind=file]").click();
    for (const f of files) await expect(explorer.node(f.digest)).toHaveAttribute("data-tone", "filtered");
    await explorer.search("COPY --from");
    await expect(page.getByTestId("search-results")).toContainText("no op matches");
    await page.locator("[data-testid=kind-toggle][data-kind=file]").click();
    await expect(explorer.searchHits).toHaveCount(2);
  });

  test("keyboard: walk inputs and consumers, shortcuts help", async ({ explorer, page }) => {
    const op = findOp(parallel, "RUN go build -o stage0_bin");
    await explorer.select(op.digest);
    await page.keyboard.press("[");
    await expect(page.getByTestId("inspector-digest")).toHaveText(op.inputs[0]!.digest);
    await page.keyboard.press("]");
    await expect(page.getByTestId("inspector-title")).toContainText("[stage0 4/4]");
    await page.keyboard.press("Escape");
    await expect(explorer.inspector).toBeHidden();
    await page.keyboard.press("?");
    await expect(page.getByTestId("help-dialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("help-dialog")).toBeHidden();
  });

  test("LR/TB toggle re-lays out the graph", async ({ explorer, page }) => {
    const first = parallel.graph.nodes[0]!.digest;
    const before = await explorer.node(first).boundingBox();
    const other = (await page.getByTestId("direction-TB").getAttribute("class"))?.includes("on") ? "LR" : "TB";
    await page.getByTestId(`direction-${other}`).click();
    await expect(explorer.canvas).toHaveAttribute("data-pending", "false");
    await expect.poll(async () => JSON.stringify(await explorer.node(first).boundingBox())).not.toBe(JSON.stringify(before));
    await explorer.expectGraph(parallel.graph.nodes.length);
  });
});
