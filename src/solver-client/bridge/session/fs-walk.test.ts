import { chmodSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { walkDir, WalkError, type WalkOptions } from "./fs-walk";
import { GoMode, isRequestable } from "./go-mode";

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string | null>): string {
  const root = mkdtempSync(join(tmpdir(), "llbx-walk-"));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    if (content === null) mkdirSync(join(root, rel), { recursive: true });
    else {
      mkdirSync(join(root, rel, ".."), { recursive: true });
      writeFileSync(join(root, rel), content);
    }
  }
  return root;
}

async function paths(root: string, opt: Partial<WalkOptions> = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const e of walkDir(root, opt)) out.push(e.stat.path);
  return out;
}

const basic = { "a/b.txt": "b", "a/c/d.txt": "d", "a.b": "x", B: "y", "ä": "u", "z/": null, "e.log": "l", "keep.log": "k" };

describe("walkDir: order and filters (fsutil semantics)", () => {
  it.each<[string, Partial<WalkOptions>, string[]]>([
    ["everything, byte-wise per directory, depth first", {}, ["B", "a", "a/b.txt", "a/c", "a/c/d.txt", "a.b", "e.log", "keep.log", "z", "ä"]],
    ["exclude a file pattern", { excludePatterns: ["*.log"] }, ["B", "a", "a/b.txt", "a/c", "a/c/d.txt", "a.b", "z", "ä"]],
    ["exclude with an exception", { excludePatterns: ["*.log", "!keep.log"] }, ["B", "a", "a/b.txt", "a/c", "a/c/d.txt", "a.b", "keep.log", "z", "ä"]],
    ["excluded dir is not entered", { excludePatterns: ["a"] }, ["B", "a.b", "e.log", "keep.log", "z", "ä"]],
    ["excluded dir with an exception inside: dir still reported first", { excludePatterns: ["a", "!a/c/d.txt"] }, ["B", "a", "a/c", "a/c/d.txt", "a.b", "e.log", "keep.log", "z", "ä"]],
    ["** excludes below a dir", { excludePatterns: ["a/**"] }, ["B", "a", "a.b", "e.log", "keep.log", "z", "ä"]],
    ["include one file: its parents come along", { includePatterns: ["a/c/d.txt"] }, ["a", "a/c", "a/c/d.txt"]],
    ["include a dir: all below", { includePatterns: ["a"] }, ["a", "a/b.txt", "a/c", "a/c/d.txt"]],
    ["include by wildcard", { includePatterns: ["*.log"] }, ["e.log", "keep.log"]],
    ["include and exclude", { includePatterns: ["a"], excludePatterns: ["a/c"] }, ["a", "a/b.txt"]],
  ])("%s", async (_name, opt, want) => {
    expect(await paths(tree(basic), opt)).toEqual(want);
  });

  it("followpaths: a symlink and what it points to", async () => {
    const root = tree({ "sub/real.Dockerfile": "FROM x", other: "o" });
    symlinkSync("sub/real.Dockerfile", join(root, "Dockerfile"));
    expect(await paths(root, { followPaths: ["Dockerfile", "Dockerfile.dockerignore"] })).toEqual(["Dockerfile", "sub", "sub/real.Dockerfile"]);
  });
});

describe("walkDir: stats", () => {
  it("reports Go modes, sizes, nanosecond mtimes, symlinks, hardlinks and empty dirs", async () => {
    const root = tree({ "run.sh": "#!/bin/sh\n", "h1": "same", "empty/": null });
    chmodSync(join(root, "run.sh"), 0o755);
    linkSync(join(root, "h1"), join(root, "h2"));
    symlinkSync("run.sh", join(root, "link"));
    const entries = new Map<string, Awaited<ReturnType<typeof collect>>[number]>();
    async function collect() {
      const out = [];
      for await (const e of walkDir(root)) out.push(e);
      return out;
    }
    for (const e of await collect()) entries.set(e.stat.path, e);
    expect([...entries.keys()]).toEqual(["empty", "h1", "h2", "link", "run.sh"]);
    const run = entries.get("run.sh")!.stat;
    expect(run.mode).toBe(0o755);
    expect(run.size).toBe(10n);
    expect(run.modTime).toBeGreaterThan(1_600_000_000_000_000_000n);
    expect(isRequestable(run.mode)).toBe(true);
    const empty = entries.get("empty")!.stat;
    expect(empty.mode & GoMode.Dir).not.toBe(0);
    expect(empty.size).toBe(0n);
    const link = entries.get("link")!.stat;
    expect(link.mode >>> 0).toBe(((GoMode.Symlink | 0o777) >>> 0));
    expect(link.linkname).toBe("run.sh");
    expect(link.size).toBe(6n);
    expect(isRequestable(link.mode)).toBe(false);
    expect(entries.get("h1")!.stat.linkname).toBe("");
    expect(entries.get("h2")!.stat).toMatchObject({ linkname: "h1", size: 0n });
  });

  it("hardlinks whose first path is excluded are sent as files", async () => {
    const root = tree({ "a1": "same" });
    linkSync(join(root, "a1"), join(root, "b2"));
    const out = [];
    for await (const e of walkDir(root, { excludePatterns: ["a1"] })) out.push(e.stat);
    expect(out).toMatchObject([{ path: "b2", linkname: "", size: 4n }]);
  });

  it("fails clearly for a missing root and for bad patterns", async () => {
    const root = tree({});
    rmSync(root, { recursive: true });
    await expect(paths(root)).rejects.toThrow(WalkError);
    await expect(paths(tree({ x: "1" }), { excludePatterns: ["[x"] })).rejects.toThrow(/syntax error in pattern/);
  });
});
