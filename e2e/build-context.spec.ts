// A build context picked in the page (issue #7): the folder is read in Chromium, .dockerignore
// applied there (the list and size shown before building), sent to the bridge, served to the real
// daemon through the session; a RUN reads the files back, and a secret typed for the build reaches
// its mount without showing up anywhere in the page.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBridgeServer, type BridgeServer } from "./fixtures/bridge-server";
import { expect, test } from "./fixtures/test";
import { compileForTest, WorkbenchPage } from "./fixtures/workbench";

const base = process.env.LLBX_BASE_IMAGE ?? "llbx-busybox:latest";
const md5 = (b: Buffer | string) => createHash("md5").update(b).digest("hex");

let server: BridgeServer;
const dir = mkdtempSync(join(tmpdir(), "llbx-e2e-picked-"));
const folder = join(dir, "my-app");
const big = randomBytes(20 * 1024 * 1024);
const nonce = `${Date.now()}`;

test.beforeAll(async () => {
  mkdirSync(join(folder, "src/deep/er"), { recursive: true });
  mkdirSync(join(folder, "node_modules/left-pad"), { recursive: true });
  writeFileSync(join(folder, ".dockerignore"), "# not sent\nnode_modules\n**/*.log\n!keep.log\n");
  writeFileSync(join(folder, "src/deep/er/nested.txt"), `nested ${nonce}\n`);
  writeFileSync(join(folder, "src/main.sh"), "#!/bin/sh\necho hi\n");
  writeFileSync(join(folder, "naïve ☃.txt"), "unicode name\n");
  writeFileSync(join(folder, "node_modules/left-pad/index.js"), "module.exports = 1;\n");
  writeFileSync(join(folder, "debug.log"), "ignored\n");
  writeFileSync(join(folder, "src/trace.log"), "ignored too\n");
  writeFileSync(join(folder, "keep.log"), "kept by !keep.log\n");
  writeFileSync(join(folder, "big.bin"), big);
  server = await startBridgeServer();
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("a folder picked in the workbench is listed after .dockerignore, sent, and read back by the build; the typed secret reaches its mount only", async ({ explorer, page }) => {
  test.setTimeout(180_000);
  const secret = `s3cr3t-${nonce}`;
  await explorer.goto(server.url);
  await page.getByTestId("mode-workbench").click();
  const wb = new WorkbenchPage(page, server.url);
  await expect(wb.editor).toHaveAttribute("data-state", "ready");
  const dockerfile = [
    `FROM ${base}`,
    "COPY . /ctx",
    `RUN cd /ctx && find . | sort && md5sum big.bin && cat src/deep/er/nested.txt`,
    "RUN --mount=type=secret,id=tok,required=true md5sum /run/secrets/tok",
    "",
  ].join("\n");
  await wb.setText(dockerfile);
  const panel = page.getByTestId("context-panel");
  await expect(panel.getByTestId("context-needs")).toContainText("local://context");
  await panel.getByTestId("context-input").setInputFiles(folder);

  // Before building: what will be sent, after .dockerignore, and how big it is.
  const summary = panel.getByTestId("context-summary");
  const sent = [".dockerignore", "big.bin", "keep.log", "naïve ☃.txt", "src/deep/er/nested.txt", "src/main.sh"];
  await expect(summary).toHaveAttribute("data-files", String(sent.length));
  await expect(summary).toContainText("3 ignored by .dockerignore");
  await expect(summary).toContainText("20.0 MiB to send");
  await panel.getByTestId("context-list-toggle").click();
  const listed = await panel.locator("[data-testid=context-files] li[data-path]").evaluateAll((els) => els.map((e) => e.getAttribute("data-path")));
  expect(listed).toEqual(sent);
  await expect(page.getByTestId("context-chip")).toContainText("my-app");
  // The graph is recompiled with the folder's .dockerignore on the context source, as upstream does.
  const expected = compileForTest(dockerfile, { contextExcludes: ["node_modules", "**/*.log", "!keep.log"] });
  const contextOp = expected.nodes.find((n) => n.op.op?.case === "source" && n.op.op.value.identifier === "local://context");
  await wb.fitGraph();
  await expect(wb.node(contextOp!.digest)).toBeVisible();
  // Compiled for the connected daemon's LLB caps, and the toolbar says for whom.
  await expect(page.getByTestId("wb-caps-note")).toContainText(/for BuildKit v\d+\.\d+/);
  if (process.env.LLBX_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/build-context.png" });

  // The secret, typed for this build only.
  await page.getByTestId("secret-tok").fill(secret);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "open");
  await page.getByTestId("build-start").click();
  await expect(page.getByTestId("build-result")).toHaveAttribute("data-state", "done", { timeout: 150_000 });
  await expect(page.getByTestId("secret-tok")).toHaveValue("");

  await page.getByTestId("build-tab-logs").click();
  await page.getByTestId("logs-tab-plain").click();
  const log = page.getByTestId("logs-body");
  for (const p of sent) await expect(log).toContainText(`./${p}`);
  await expect(log).toContainText(`${md5(big)}  big.bin`);
  await expect(log).toContainText(`nested ${nonce}`);
  await expect(log).toContainText(`${md5(secret)}  /run/secrets/tok`);
  await expect(log).toContainText("transferring context:");
  const text = (await log.textContent()) ?? "";
  for (const ignored of ["node_modules", "debug.log", "trace.log"]) expect(text).not.toContain(ignored);

  // The transfer shows on the context's node; the bridge's temporary copy is gone.
  await wb.fitGraph();
  await expect(wb.node(contextOp!.digest).getByTestId("op-live")).toContainText(/done .* · \d+\.\d MiB/);
  await expect.poll(() => readdirSync(tmpdir()).filter((n) => n.startsWith("llbx-context-"))).toEqual([]);

  // The value appears nowhere: not in the page, its URL, its storage or the graph.
  const leaks = await page.evaluate((s) => {
    const store = Object.keys(localStorage).map((k) => localStorage.getItem(k) ?? "").join("\n");
    return { body: document.body.innerText.includes(s), html: document.documentElement.outerHTML.includes(s), url: location.href.includes(s), storage: store.includes(s) };
  }, secret);
  expect(leaks).toEqual({ body: false, html: false, url: false, storage: false });

  // Change a file (same size, so only its content tells) and pick the folder again: the next build
  // reads the new content; the daemon must not answer from the first build's copy.
  writeFileSync(join(folder, "src/deep/er/nested.txt"), `NESTED ${nonce}\n`);
  await page.getByTestId("build-tab-context").click();
  await page.getByTestId("context-panel").first().getByTestId("context-input").setInputFiles(folder);
  await page.getByTestId("secret-tok").first().fill(secret);
  await page.getByTestId("build-start").click();
  await expect(page.getByTestId("build-result")).toHaveAttribute("data-state", "done", { timeout: 150_000 });
  await page.getByTestId("build-tab-logs").click();
  await page.getByTestId("logs-tab-plain").click();
  await expect(log).toContainText(`NESTED ${nonce}`);
});
