// The app shell: the Dockerfile workbench mounted beside the explorer's canvas, and back.
import { expect, test } from "./fixtures/test";

test("the Dockerfile screen compiles its text into a graph on the explorer's canvas", async ({ explorer, page }) => {
  await explorer.goto();
  await page.getByTestId("mode-workbench").click();
  await expect(page.getByTestId("workbench-screen")).toBeVisible();
  await expect(page.getByTestId("wb-editor")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  // The starting Dockerfile compiles; its ops appear on the canvas.
  await expect(page.getByTestId("wb-graph").getByTestId("op-node").first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("mode-explore").click();
  await expect(page.getByTestId("workbench-screen")).toHaveCount(0);
  await expect(explorer.opNodes.first()).toBeVisible();
});
