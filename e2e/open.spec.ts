import { readFileSync } from "node:fs";
import { readLlb, writeDumpJson } from "../src/llb/index";
import { definitionFile } from "./fixtures/llb-files";
import { expect, test } from "./fixtures/test";

const parallel = definitionFile("004-parallel-stages.fixtures");
const cache = definitionFile("009-cache-mounts.fixtures");

test.describe("open", () => {
  test("by upload: one node per op", async ({ explorer }) => {
    await explorer.goto();
    await expect(explorer.page.getByTestId("empty-state")).toBeVisible();
    await explorer.upload(parallel);
    await explorer.expectGraph(parallel.graph.nodes.length);
    await expect(explorer.page.getByTestId("doc-name")).toHaveText(parallel.name);
    await expect(explorer.page.getByTestId("op-count")).toHaveText(`${parallel.graph.nodes.length} ops`);
  });

  test("by pasting dump-llb JSON and base64", async ({ explorer }) => {
    await explorer.goto();
    await explorer.paste(writeDumpJson(cache.graph));
    await explorer.expectGraph(cache.graph.nodes.length);
    await explorer.paste(Buffer.from(parallel.bytes).toString("base64"));
    await explorer.expectGraph(parallel.graph.nodes.length);
  });

  test.describe("any BuildKit era and fragments", () => {
    const dir = new URL("../src/llb/testdata/", import.meta.url);
    const dumpLines = readFileSync(new URL("dumps/004-parallel-stages.fixtures.dump.json", dir), "utf8").trim().split("\n");
    const cases: [string, string][] = [
      ["dump-llb of BuildKit v0.16", readFileSync(new URL("old-dumps/004-parallel-stages.fixtures.v0.16.0.json", dir), "utf8")],
      ["protobuf JSON of a Definition", readFileSync(new URL("full-json/014-heredocs.fixtures.full.json", dir), "utf8")],
      ["a fragment with an elision", ["# pasted from a CI log", "...", ...dumpLines.slice(4)].join("\n")],
    ];
    for (const [name, text] of cases) {
      test(name, async ({ explorer, page }) => {
        const r = readLlb(text);
        if (!r.ok) throw new Error(r.error.message);
        await explorer.goto();
        await explorer.paste(text);
        await explorer.expectGraph(r.graph.nodes.length);
        const op = r.graph.nodes.find((n) => n.kind !== "terminal")!;
        await explorer.select(op.digest);
        await expect(page.getByTestId("digest-state")).toHaveText(op.digestCheck.state === "mismatch" ? /mismatch/ : op.digestCheck.state);
      });
    }
  });

  test("by dropping a file", async ({ explorer }) => {
    await explorer.goto();
    await explorer.drop(cache);
    await explorer.expectGraph(cache.graph.nodes.length);
  });

  test("from a sample, a ?url= and a share link", async ({ explorer, page }) => {
    await explorer.goto();
    await explorer.openSample("004-parallel-stages.fixtures.llb");
    await explorer.expectGraph(parallel.graph.nodes.length);
    await page.getByTestId("share-button").click();
    await expect(page).toHaveURL(/#llb=[A-Za-z0-9_-]+$/);
    const shared = page.url();
    await explorer.goto("?url=samples/009-cache-mounts.fixtures.llb");
    await explorer.expectGraph(cache.graph.nodes.length);
    await page.goto(shared);
    await explorer.expectGraph(parallel.graph.nodes.length);
    await expect(page.getByTestId("doc-name")).toHaveText("shared link");
  });

  test("a broken file shows where it broke and keeps the graph", async ({ explorer }) => {
    await explorer.goto();
    await explorer.upload(parallel);
    await explorer.expectGraph(parallel.graph.nodes.length);
    // Cut a binary Definition short: the reader names the byte offset.
    await explorer.upload({ name: "truncated.llb", bytes: parallel.bytes.subarray(0, 300) });
    await expect(explorer.errorBanner).toBeVisible();
    await expect(explorer.errorBanner).toContainText("truncated.llb");
    await expect(explorer.page.getByTestId("error-where")).toHaveText(/byte offset \d+/);
    await explorer.expectGraph(parallel.graph.nodes.length);
    await expect(explorer.page.getByTestId("doc-name")).toHaveText(parallel.name);
    // Broken JSON: the reader names the line and column.
    await explorer.paste('{"Op":{"inputs":[]},"Digest":"sha256:00"}\n{"Op": {');
    await expect(explorer.page.getByTestId("error-where")).toHaveText(/line 2, column \d+/);
    await explorer.expectGraph(parallel.graph.nodes.length);
    await explorer.screenshot("error-banner");
    await explorer.page.getByTestId("error-dismiss").click();
    await expect(explorer.errorBanner).toBeHidden();
  });
});
