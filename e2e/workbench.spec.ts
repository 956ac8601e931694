// The Dockerfile Workbench: type a Dockerfile, see its LLB graph; errors keep the last graph (stale);
// ops and lines point at each other; options recompile; the text survives a reload.
import { readFileSync } from "node:fs";
import { compileForTest, expect, test, WorkbenchPage } from "./fixtures/workbench";

const golden = (name: string) => readFileSync(new URL(`../src/dockerfile/testdata/golden/${name}.Dockerfile`, import.meta.url), "utf8");

const TWO_STAGE = `FROM alpine:3.20 AS build
RUN echo built > /artifact

FROM alpine:3.20
COPY --from=build /artifact /artifact
RUN cat /artifact
`;

test.describe("workbench", () => {
  test("type, break, fix, pick an op, change the target, reload", async ({ workbench }) => {
    await workbench.goto();
    const full = compileForTest(TWO_STAGE);
    await workbench.setText(TWO_STAGE);
    await workbench.expectGraph(full.nodes.length);

    // A typo: upstream's message as a marker, the last good graph kept and marked stale.
    await workbench.setText(TWO_STAGE.replace("RUN cat", "RUNN cat"));
    await expect(workbench.staleBanner).toBeVisible();
    await expect(workbench.problems).toHaveCount(1);
    await expect(workbench.problems.first()).toHaveAttribute("data-line", "6");
    await expect(workbench.problems.first()).toContainText("dockerfile parse error on line 6: unknown instruction: RUNN (did you mean RUN?)");
    await expect(workbench.errorSquiggles()).not.toHaveCount(0);
    await expect(workbench.canvas).toHaveAttribute("data-node-count", String(full.nodes.length));

    // Fixed: the graph is current again.
    await workbench.setText(TWO_STAGE);
    await expect(workbench.staleBanner).toBeHidden();
    await expect(workbench.problems).toHaveCount(0);
    await workbench.expectGraph(full.nodes.length);

    // An op picked in the graph selects its line in the editor.
    const copy = full.nodes.find((n) => n.label.includes("COPY --from=build"))!;
    await workbench.node(copy.digest).click();
    await workbench.expectSelectedLines(5);

    // Hovering a line lights its ops in the graph.
    await workbench.line("echo built").hover();
    const run = full.nodes.find((n) => n.label.includes("echo built"))!;
    await expect(workbench.node(run.digest)).toHaveCSS("outline-style", "solid");
    await expect(workbench.node(copy.digest)).toHaveCSS("outline-style", "none");

    // Target "build": the graph shrinks to what that stage needs.
    const build = compileForTest(TWO_STAGE, { target: "build" });
    expect(build.nodes.length).toBeLessThan(full.nodes.length);
    await workbench.target.selectOption("build");
    await workbench.expectGraph(build.nodes.length);

    // Reload: text and options are still there.
    await workbench.reload();
    await expect(workbench.target).toHaveValue("build");
    await workbench.expectGraph(build.nodes.length);
    expect((await workbench.text()).replace(/\u00a0/g, " ")).toContain("COPY --from=build /artifact /artifact");
  });
});

test.describe("workbench ways in and options", () => {
  test("the examples menu opens an example", async ({ workbench }) => {
    await workbench.goto();
    await workbench.examples.selectOption({ label: "Parallel stages" });
    await workbench.expectGraph(compileForTest(golden("004-parallel-stages")).nodes.length);
    expect(await workbench.text()).toContain("go build -o stage0_bin");
  });

  test("a Dockerfile opened from the file picker replaces the text", async ({ workbench }) => {
    await workbench.goto();
    const text = golden("009-cache-mounts");
    await workbench.openFile("Dockerfile", text);
    await workbench.expectGraph(compileForTest(text).nodes.length);
  });

  test("a Dockerfile dropped on the Workbench replaces the text", async ({ workbench }) => {
    await workbench.goto();
    const text = golden("014-heredocs");
    await workbench.drop("Dockerfile", text);
    await workbench.expectGraph(compileForTest(text).nodes.length);
  });

  test("build args show their defaults; an override recompiles", async ({ workbench }) => {
    await workbench.goto();
    const text = "ARG VERSION=3.19\nFROM alpine:${VERSION}\nRUN true\n";
    await workbench.setText(text);
    await expect(workbench.buildArg("VERSION")).toHaveAttribute("placeholder", "3.19");
    await workbench.expectGraph(compileForTest(text).nodes.length);
    await workbench.buildArg("VERSION").fill("3.20");
    const image = compileForTest(text, { buildArgs: { VERSION: "3.20" } }).nodes.find((n) => n.label.includes("alpine:3.20"))!;
    await workbench.fitGraph();
    await expect(workbench.node(image.digest)).toBeVisible();
  });

  test("stages the target never reaches are greyed", async ({ workbench }) => {
    await workbench.goto();
    await workbench.setText("FROM alpine AS unused\nRUN echo never\n\nFROM busybox\nRUN echo built\n");
    await expect(workbench.monaco).toHaveAttribute("data-unreachable-lines", "1-3");
    await expect(workbench.greyedLines()).toHaveCount(3);
    await workbench.target.selectOption("unused");
    await expect(workbench.monaco).toHaveAttribute("data-unreachable-lines", "4-6");
    await expect(workbench.greyedLines()).toHaveCount(3);
    await workbench.expectGraph(compileForTest("FROM alpine AS unused\nRUN echo never\n", {}).nodes.length);
  });

  test("a share link carries the text and the options", async ({ workbench, browser }) => {
    await workbench.goto();
    const text = "FROM alpine AS base\nRUN echo shared\n\nFROM base\nRUN echo final\n";
    await workbench.setText(text);
    await workbench.target.selectOption("base");
    await workbench.expectGraph(compileForTest(text, { target: "base" }).nodes.length);
    await workbench.share.click();
    await expect(workbench.page).toHaveURL(/#dockerfile=/);
    const fresh = await browser.newContext();
    const other = new WorkbenchPage(await fresh.newPage(), workbench.page.url());
    await other.goto();
    await expect(other.target).toHaveValue("base");
    await other.expectGraph(compileForTest(text, { target: "base" }).nodes.length);
    expect(await other.text()).toContain("echo shared");
    await fresh.close();
  });
});

test.describe("workbench bench", () => {
  // Not a timed assertion: prints keystroke → updated graph times for a 40-instruction Dockerfile.
  test("keystroke to updated graph, 40 instructions", { tag: "@bench" }, async ({ workbench, page }) => {
    const lines = ["FROM alpine:3.20 AS base", "RUN apk add --no-cache build-base"];
    for (let i = 0; i < 18; i++) lines.push(`RUN echo step ${i} > /s${i}`);
    lines.push("", "FROM base AS other");
    for (let i = 0; i < 17; i++) lines.push(`RUN echo other ${i} > /o${i}`);
    lines.push("", "FROM base", "COPY --from=other /o16 /o16");
    const text = `${lines.join("\n")}\n`;
    const instructions = lines.filter((l) => l.trim() !== "").length;
    await workbench.goto();
    await workbench.setText(text);
    await workbench.expectGraph(compileForTest(text).nodes.length);
    const samples: { total: number; compile: number; roundTrip: number }[] = [];
    for (let k = 1; k <= 9; k++) {
      const suffix = "x".repeat(k);
      const edited = text.replace("/o16\n", `/o16${suffix}\n`);
      const digest = compileForTest(edited).nodes.find((n) => n.label.includes(`/o16${suffix}`))!.digest;
      await workbench.fitGraph(); // the canvas draws only the nodes in view
      await workbench.line("echo other 16").click();
      await page.keyboard.press("End");
      await page.evaluate((d) => {
        const w = window as unknown as { __wbBench: Promise<number>; __wbKey: number };
        w.__wbBench = new Promise<number>((resolve) => {
          const check = () => {
            if (!document.querySelector(`[data-testid="op-node"][data-digest="${d}"]`)) return false;
            requestAnimationFrame(() => resolve(performance.now()));
            return true;
          };
          const observer = new MutationObserver(() => check() && observer.disconnect());
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        });
        window.addEventListener("keydown", () => (w.__wbKey = performance.now()), { once: true, capture: true });
      }, digest);
      await page.keyboard.press("x");
      const total = await page.evaluate(async () => {
        const w = window as unknown as { __wbBench: Promise<number>; __wbKey: number };
        const t = await Promise.race([w.__wbBench, new Promise<number>((r) => setTimeout(() => r(-1), 4000))]);
        if (t < 0) {
          const c = document.querySelector('[data-testid="canvas"]') as HTMLElement;
          return JSON.stringify({ ds: c?.dataset, nodes: [...document.querySelectorAll('[data-testid="op-node"]')].map((e) => (e as HTMLElement).title) });
        }
        return t - w.__wbKey;
      });
      if (typeof total === "string") throw new Error(`${digest} ${total}`);
      await expect(workbench.status).toHaveAttribute("data-compiling", "false");
      const layout = await page.evaluate(() => {
        const w = window as unknown as { __llbxWorkbench?: { explorerStore: { getState(): { timings: { layoutMs?: number; engine?: string } } } } };
        return w.__llbxWorkbench?.explorerStore.getState().timings ?? {};
      });
      console.log(`[bench]   sample ${k}: ${total.toFixed(1)} ms, layout ${layout.layoutMs} ms (${layout.engine})`);
      samples.push({ total, compile: Number(await workbench.status.getAttribute("data-compile-ms")), roundTrip: Number(await workbench.status.getAttribute("data-round-trip-ms")) });
    }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    const fmt = (a: number[]) => `median ${median(a).toFixed(1)} ms, max ${Math.max(...a).toFixed(1)} ms`;
    console.log(`[bench] workbench, ${instructions} instructions, ${samples.length} keystrokes`);
    // A keystroke after a quiet spell compiles at once (leading edge); bursts wait for the 150 ms debounce.
    console.log(`[bench]   keystroke → op on screen: ${fmt(samples.map((s) => s.total))} (compile, read, diff, Explorer layout, render)`);
    console.log(`[bench]   compile in the worker:    ${fmt(samples.map((s) => s.compile))}`);
    console.log(`[bench]   request → reply:          ${fmt(samples.map((s) => s.roundTrip))}`);
  });
});
