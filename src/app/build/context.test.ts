import { describe, expect, it } from "vitest";
import { buildPickedContext, contextEntries, dockerignoreName, type PickedFile } from "./context";

const f = (path: string, size = 10): PickedFile => ({ path, size, blob: new Blob(["x".repeat(size)]) });
const files = [f("Dockerfile", 30), f(".dockerignore", 20), f("src/main.go", 100), f("src/main_test.go", 50), f("node_modules/a/index.js", 1000), f("README.md", 5), f("docs/guide.md", 7), f("big.iso", 5000)];

describe("buildPickedContext", () => {
  it("keeps what .dockerignore lets through, with upstream's pattern rules (`!`, `**`, folders)", () => {
    const c = buildPickedContext("app", files, [], { file: ".dockerignore", text: "# deps\nnode_modules\n**/*.md\n!README.md\n*.iso\n**/*_test.go\n" });
    expect(c.files.map((x) => x.path)).toEqual([".dockerignore", "Dockerfile", "README.md", "src/main.go"]);
    expect(c.totalBytes).toBe(155);
    expect(c.ignoredFiles).toBe(4);
    expect(c.ignoredBytes).toBe(6057);
    expect(c.excludes).toEqual(["node_modules", "**/*.md", "!README.md", "*.iso", "**/*_test.go"]);
    expect(c.dockerignoreFile).toBe(".dockerignore");
  });

  it("sends everything without a .dockerignore", () => {
    const c = buildPickedContext("app", files, [], null);
    expect(c.files).toHaveLength(files.length);
    expect(c.excludes).toEqual([]);
    expect(c.dockerignoreFile).toBeNull();
  });

  it("a malformed pattern excludes nothing and says where", () => {
    const c = buildPickedContext("app", files, [], { file: ".dockerignore", text: "[\n" });
    expect(c.dockerignoreError).toMatch(/^\.dockerignore: /);
    expect(c.files).toHaveLength(files.length);
    expect(c.excludes).toEqual([]);
  });

  it("keeps empty folders that are not ignored, and only those", () => {
    const c = buildPickedContext("app", [f("a/x")], ["a", "empty", "cache"], { file: ".dockerignore", text: "cache\n" });
    expect(c.emptyDirs).toEqual(["empty"]);
    expect(contextEntries(c).map((e) => `${e.kind}:${e.path}`)).toEqual(["dir:empty", "file:a/x"]);
  });
});

describe("dockerignoreName", () => {
  it.each([
    [["Dockerfile", ".dockerignore", "Dockerfile.dockerignore"], "Dockerfile", "Dockerfile.dockerignore"],
    [["Dockerfile", ".dockerignore"], "Dockerfile", ".dockerignore"],
    [["build.Dockerfile", "build.Dockerfile.dockerignore"], "build.Dockerfile", "build.Dockerfile.dockerignore"],
    [["Dockerfile"], "Dockerfile", null],
  ])("%j with %s -> %s", (paths, name, want) => expect(dockerignoreName(paths.map((path) => ({ path })), name)).toBe(want));
});
