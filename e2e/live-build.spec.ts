// One live build end to end: the app served by `llbx serve`, a graph uploaded in Chromium, built on
// the real daemon through the bridge; node states, logs, timeline and a failure reach the page.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeDefinition } from "../src/llb/index";
import { convertDockerfile } from "../src/dockerfile/index";
import { startBridgeServer, type BridgeServer } from "./fixtures/bridge-server";
import { expect, test } from "./fixtures/test";

const base = process.env.LLBX_BASE_IMAGE ?? "llbx-busybox:latest";
let server: BridgeServer;

test.beforeAll(async () => {
  server = await startBridgeServer();
});
test.afterAll(async () => {
  await server?.stop();
});

function compile(dockerfile: string): Uint8Array {
  // The v0.8 daemon of Debian's Docker Engine lacks newer caps; compile for what it has.
  return encodeDefinition(convertDockerfile(dockerfile, { caps: new Set(["exec.mount.bind", "source.image", "file.base"]) }).definition);
}

test("builds the open graph and shows each op's state, logs and the timeline", async ({ explorer, page }) => {
  const nonce = `${Date.now()}`;
  const bytes = compile(`FROM ${base} AS a\nRUN echo "stage a ${nonce}" && sleep 1\nFROM ${base} AS b\nRUN echo "stage b ${nonce}" && sleep 1\nFROM ${base}\nCOPY --from=a /etc/passwd /a\nCOPY --from=b /etc/passwd /b\n`);
  await explorer.goto(server.url);
  await explorer.upload({ name: "live.llb", bytes });
  await explorer.waitForLayout(await page.getByTestId("canvas").getAttribute("data-node-count").then(Number));
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "open");
  await page.getByTestId("build-start").click();
  await expect(page.getByTestId("build-result")).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  // Every op but the terminal one has a final state on the graph.
  await explorer.fitAll();
  // Node states are drawn on the next throttled store update after the result: poll, not one look.
  const states = () => page.locator("[data-testid=op-node][data-build-state]").evaluateAll((els) => els.map((e) => e.getAttribute("data-build-state")));
  await expect.poll(async () => (await states()).filter((s) => s === "done" || s === "cached").length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
  expect(await states()).not.toContain("failed");
  // Logs of the whole build, and the timeline with one bar per op.
  await page.getByTestId("build-tab-logs").click();
  await page.getByTestId("logs-tab-plain").click();
  await expect(page.getByTestId("build-dock")).toContainText(`stage a ${nonce}`);
  if (process.env.LLBX_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/live-build-logs.png" });
  await page.getByTestId("build-tab-timeline").click();
  await expect(page.getByTestId("timeline-bar").first()).toBeVisible();
  if (process.env.LLBX_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/live-build-timeline.png" });
});

test("the Daemon tab shows the daemon's address, version, workers and the LLB caps compiled for", async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "open");
  await page.getByTestId("connect-details").click();
  await expect(page.getByTestId("build-tab-daemon")).toHaveAttribute("aria-selected", "true");
  // The address the bridge found, as BUILDKIT_HOST or DOCKER_HOST names it (the socket path or host:port).
  const given = process.env.BUILDKIT_HOST || process.env.DOCKER_HOST || "/var/run/docker.sock";
  await expect(page.getByTestId("daemon-address")).toContainText(given.replace(/^[a-z+]+:\/\//, ""));
  await expect(page.getByTestId("daemon-version")).toContainText(/buildkitd|Docker Engine/);
  await expect(page.getByTestId("daemon-version")).toContainText(/\d+\.\d+/);
  await expect(page.getByTestId("daemon-workers")).toContainText(/linux\/(amd64|arm64)/);
  await expect(page.getByTestId("daemon-caps")).toContainText(/LLB caps of v0\.\d+.* · \d+ caps/);
});

test("a failing RUN highlights the op with its error and last log lines, and the graph stays", async ({ explorer, page }) => {
  const bytes = compile(`FROM ${base}\nRUN echo "about to fail ${Date.now()}" && exit 7\n`);
  await explorer.goto(server.url);
  await explorer.upload({ name: "fail.llb", bytes });
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "open");
  await page.getByTestId("build-start").click();
  await expect(page.getByTestId("build-result")).toHaveAttribute("data-state", "failed", { timeout: 90_000 });
  const card = page.getByTestId("failure-card");
  await expect(card).toContainText("exit code: 7");
  await expect(card).toContainText("about to fail");
  await expect(page.locator("[data-testid=op-node][data-build-state=failed]")).toHaveCount(1);
  if (process.env.LLBX_SCREENSHOTS) await page.screenshot({ path: "docs/screenshots/live-build-failed.png" });
  await expect(explorer.opNodes.first()).toBeVisible();
});

test("a build that needs the build context is refused with what it needs when the bridge serves none", async ({ explorer, page }) => {
  const bytes = compile(`FROM ${base}\nCOPY . /ctx\n`);
  await explorer.goto(server.url);
  await explorer.upload({ name: "needs-context.llb", bytes });
  await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "open");
  await page.getByTestId("build-start").click();
  await expect(page.getByTestId("build-result")).toHaveAttribute("data-state", "failed", { timeout: 30_000 });
  await expect(page.getByTestId("build-dock")).toContainText('the local source "context"');
  await expect(page.getByTestId("build-dock")).toContainText("llbx serve --context DIR");
});

test.describe("with llbx serve --context DIR", () => {
  let withContext: BridgeServer;
  const dir = mkdtempSync(join(tmpdir(), "llbx-e2e-context-"));
  const marker = `from the context ${Date.now()}`;
  test.beforeAll(async () => {
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub/hello.txt"), marker + "\n");
    writeFileSync(join(dir, "local.env"), "TOKEN=not for the image\n");
    writeFileSync(join(dir, ".dockerignore"), "*.env\n");
    withContext = await startBridgeServer(["--context", dir]);
  });
  test.afterAll(async () => {
    await withContext?.stop();
  });

  test("builds a graph that copies the context, served through the session", async ({ explorer, page }) => {
    const bytes = compile(`FROM ${base}\nCOPY . /ctx\nRUN cat /ctx/sub/hello.txt && test ! -e /ctx/local.env && echo "ignored by .dockerignore"\n`);
    await explorer.goto(withContext.url);
    await explorer.upload({ name: "context.llb", bytes });
    await expect(page.getByTestId("connection-state")).toHaveAttribute("data-state", "open");
    await page.getByTestId("build-start").click();
    await expect(page.getByTestId("build-result")).toHaveAttribute("data-state", "done", { timeout: 90_000 });
    await page.getByTestId("build-tab-logs").click();
    await page.getByTestId("logs-tab-plain").click();
    await expect(page.getByTestId("build-dock")).toContainText(marker);
    await expect(page.getByTestId("build-dock")).toContainText("ignored by .dockerignore");
  });
});
