// What the benchmark scripts share: loading project TypeScript into Node (20 has no TS loader),
// flag values, medians and Markdown tables.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Bundles TypeScript with esbuild into a temp dir, imports it and removes the dir. `source` is a
 * file under the project root, or `{ reexports }`: lines such as
 * `export { readLlb } from "./src/llb/read";`, resolved from the root.
 */
export async function importTs(source, { platform = "node" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "llbx-bench-"));
  const outfile = join(dir, "bundle.mjs");
  const input =
    typeof source === "string"
      ? { entryPoints: [join(root, source)] }
      : { stdin: { contents: source.reexports.join("\n"), resolveDir: root, loader: "ts" } };
  await build({
    ...input,
    bundle: true,
    platform,
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "warning",
    // Bundled CommonJS packages (ws) require Node built-ins: give the ESM bundle a require.
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value after `--name` in argv, or the fallback. */
export function option(argv, name, fallback) {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
}

export function median(values) {
  const s = [...values].sort((x, y) => x - y);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Prints a Markdown table: first column left-aligned, the others right-aligned. */
export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" | ")} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w, i) => (i === 0 ? ":" : "") + "-".repeat(w + 1) + (i === 0 ? "" : ":")).join("|")}|`);
  for (const r of rows) console.log(line(r));
  console.log();
}
