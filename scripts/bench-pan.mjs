#!/usr/bin/env node
// Frame rate while panning a large graph in Chromium (Debian's /usr/bin/chromium): serves the
// built app (dist/app; run `npm run build` first), opens a generated 9,000-op graph (and
// ../shared/perf/ops8771.llb when present) and counts animation frames for 3 s each while dragging the
// canvas at the opening zoom, wheel-zooming in and out, and dragging and wheel-zooming it from a view of
// the whole graph.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(root, "dist/app/index.html"))) {
  console.log("bench-pan: dist/app is missing; run `npm run build` first");
  process.exit(0);
}
const tmp = mkdtempSync(join(tmpdir(), "llbx-pan-"));
const generated = join(tmp, "ops9000.llb");
spawnSync(process.execPath, [join(root, "scripts/gen-graph.mjs"), "--ops", "9000", "--seed", "1", "-o", generated], { stdio: "inherit" });
const inputs = [["generated 9,000 ops", generated]];
const perf = join(root, "../shared/perf/ops8771.llb");
if (existsSync(perf)) inputs.push(["ops8771.llb", perf]);

const server = spawn(process.execPath, [join(root, "bin/llbx.cjs"), "serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
    if (m) resolve(m[0]);
  });
  server.on("exit", () => reject(new Error(`llbx serve exited: ${out}`)));
});
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const rows = [];

/** Counts animation frames while `drive` runs; frames per second. */
async function framesPerSecond(page, drive) {
  await page.evaluate(() => {
    window.__frames = 0;
    const tick = () => {
      window.__frames++;
      window.__raf = requestAnimationFrame(tick);
    };
    window.__raf = requestAnimationFrame(tick);
  });
  const start = Date.now();
  await drive(start);
  const frames = await page.evaluate(() => {
    cancelAnimationFrame(window.__raf);
    return window.__frames;
  });
  return (frames / ((Date.now() - start) / 1000)).toFixed(1);
}

/** Drags the canvas round an ellipse (300 × 200 px) for 3 s. */
async function pan(page, cx, cy) {
  return framesPerSecond(page, async (start) => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    let i = 0;
    while (Date.now() - start < 3000) {
      const a = (i++ / 30) * Math.PI * 2;
      await page.mouse.move(cx + Math.cos(a) * 300, cy + Math.sin(a) * 200, { steps: 2 });
    }
    await page.mouse.up();
  });
}

/** Wheels in and out at the centre for 3 s (8 notches each way, repeated). */
async function wheelZoom(page, cx, cy) {
  await page.mouse.move(cx, cy);
  return framesPerSecond(page, async (start) => {
    let i = 0;
    while (Date.now() - start < 3000) {
      await page.mouse.wheel(0, i++ % 16 < 8 ? -120 : 120);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    }
  });
}

const drawnNodes = (page) => page.getByTestId("op-node").count();

try {
  for (const [name, file] of inputs) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    const t0 = Date.now();
    await page.getByTestId("file-input").setInputFiles(file);
    await page.locator("[data-testid=canvas][data-pending=false][data-node-count]").waitFor({ timeout: 120_000 });
    await page.getByTestId("op-node").first().waitFor({ timeout: 120_000 });
    const openMs = Date.now() - t0;
    const box = await page.getByTestId("canvas").boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const openPan = await pan(page, cx, cy);
    const openDrawn = await drawnNodes(page);
    const zoom = await wheelZoom(page, cx, cy);
    // Fit view (`f`): the whole graph on screen, then pan that.
    await page.keyboard.press("f");
    await page.waitForTimeout(1500);
    const fitDrawn = await drawnNodes(page);
    const fitPan = await pan(page, cx, cy);
    await page.keyboard.press("f");
    await page.waitForTimeout(1500);
    const fitZoom = await wheelZoom(page, cx, cy);
    rows.push([name, openMs, openPan, openDrawn, zoom, fitPan, fitDrawn, fitZoom]);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log("\n## Panning large graphs in Chromium (headless, software rendering)\n");
console.log("| graph | open + layout (ms) | frames/s panning (opening view) | op nodes in the DOM | frames/s wheel zooming | frames/s panning (fit view) | op nodes in the DOM (fit view) | frames/s wheel zooming (from fit view) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
