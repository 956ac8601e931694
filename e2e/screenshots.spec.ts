// The main states of the Explorer, saved to docs/screenshots for review (dark theme).
import { definitionFile, findOp } from "./fixtures/llb-files";
import { expect, test } from "./fixtures/test";

const parallel = definitionFile("004-parallel-stages.fixtures");
const cache = definitionFile("009-cache-mounts.fixtures");
const heredocs = definitionFile("014-heredocs.fixtures");

test.use({ colorScheme: "dark" });

test("screenshots of the main states", async ({ explorer, page }) => {
  await explorer.goto();
  await expect(page.getByTestId("sample-card").first()).toBeVisible();
  await explorer.screenshot("empty");
  await explorer.upload(parallel);
  await explorer.waitForLayout(parallel.graph.nodes.length);
  await explorer.screenshot("explorer");
  await explorer.fitAll();
  const op = findOp(parallel, "RUN go build -o stage0_bin");
  await explorer.select(op.digest);
  await expect(page.getByTestId("dockerfile-line")).toHaveCount(1);
  await explorer.screenshot("inspector");
  await page.keyboard.press("s");
  await expect(page.getByTestId("focus-chip")).toBeVisible();
  await expect(explorer.canvas).toHaveAttribute("data-pending", "false");
  await explorer.screenshot("focus");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.keyboard.press("p");
  await expect(page.getByTestId("parallelism-panel")).toBeVisible();
  await explorer.screenshot("parallelism");
  await page.keyboard.press("p");
  await explorer.upload({ name: "broken.llb", bytes: parallel.bytes.subarray(0, 200) });
  await expect(explorer.errorBanner).toBeVisible();
  await explorer.screenshot("error-banner-dark");
});

test("screenshots of the inspector for mounts and file actions", async ({ explorer, page }) => {
  await explorer.goto();
  await explorer.upload(cache);
  await explorer.expectGraph(cache.graph.nodes.length);
  await explorer.select(findOp(cache, "sharing=private").digest);
  await expect(page.getByTestId("inspector-mounts")).toBeVisible();
  await page.getByTestId("inspector-mounts").scrollIntoViewIfNeeded();
  await explorer.screenshot("inspector-mounts");
  await explorer.upload(heredocs);
  await explorer.expectGraph(heredocs.graph.nodes.length);
  await explorer.select(findOp(heredocs, "COPY <<A").digest);
  await page.getByTestId("inspector-file").scrollIntoViewIfNeeded();
  await explorer.screenshot("inspector-file");
});

test("screenshot of a large graph", async ({ explorer, page }) => {
  await explorer.goto();
  await explorer.openSample("synthetic-2000-ops.llb");
  await explorer.waitForLayout(2000);
  await explorer.screenshot("large-open");
  await explorer.fitAll();
  // The whole graph is too small to read: drawn on the canvas tiles, no op nodes in the DOM.
  await expect(explorer.canvas).toHaveAttribute("data-detail", "overview");
  await explorer.screenshot("large-overview");
});

test("screenshots of merge ops and a cross-platform build", async ({ explorer, page }) => {
  const link = definitionFile("015-copy-link.fixtures");
  const arm = definitionFile("006-platform-args.arm64");
  await explorer.goto();
  await explorer.upload(link);
  await explorer.waitForLayout(link.graph.nodes.length);
  await explorer.select(link.graph.nodes.find((n) => n.kind === "merge")!.digest);
  await expect(page.getByTestId("inspector-merge")).toBeVisible();
  await explorer.screenshot("merge");
  await explorer.upload(arm);
  await explorer.waitForLayout(arm.graph.nodes.length);
  await page.getByTestId("direction-LR").click();
  await expect(explorer.canvas).toHaveAttribute("data-pending", "false");
  await explorer.fitAll();
  await explorer.screenshot("cross-platform-lr");
});
