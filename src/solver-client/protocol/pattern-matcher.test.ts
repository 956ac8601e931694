import { describe, expect, it } from "vitest";
import { cleanPath, compilePatterns, isPatternError, readIgnoreFile } from "./pattern-matcher";

/** Answers like a walk would: each parent directory first, its results handed down. */
function matchesWalking(patterns: string[], path: string): boolean {
  const m = compilePatterns(patterns);
  const parts = path.split("/");
  let info: readonly boolean[] | null = null;
  for (let i = 1; i < parts.length; i++) info = m.matchesWithParent(parts.slice(0, i).join("/"), info).info;
  return m.matchesWithParent(path, info).matched;
}

describe("compilePatterns: one pattern (moby/patternmatcher semantics)", () => {
  it.each<[string, string, boolean]>([
    ["**", "file", true],
    ["**", "dir/file", true],
    ["**/", "file", true],
    ["**/**", "dir/file", true],
    ["dir/**", "dir/file", true],
    ["dir/**", "dir/dir2/file", true],
    ["**/dir", "dir", true],
    ["**/dir", "dir/file", true],
    ["**/dir2/*", "dir/dir2/file", true],
    ["**/dir2/**", "dir/dir2/dir3/file", true],
    ["**file", "dir/dir/file", true],
    ["**/file*.txt", "dir/dir/file.txt", true],
    ["**/**/*.txt2", "dir/dir/file.txt", false],
    ["**/*.txt", "file.txt", true],
    ["a**/*.txt", "a/dir/dir/file.txt", true],
    ["a/*.txt", "a/dir/file.txt", false],
    ["a/*.txt", "a/file.txt", true],
    ["a[b-d]e", "ace", true],
    ["a[b-d]e", "aae", false],
    ["a[^b-d]e", "aze", true],
    [".*", ".foo", true],
    [".*", "foo", false],
    ["abc.def", "abcZdef", false],
    ["abc?def", "abcZdef", true],
    ["abc?def", "abcdef", false],
    ["**/foo/bar", "foo/bar", true],
    ["**/foo/bar", "dir/dir2/foo/bar", true],
    ["abc/**", "abc", false],
    ["abc/**", "abc/def/ghi", true],
    ["**/.foo", "bar.foo", false],
    ["a(b)c/def", "a(b)c/def", true],
    ["a.|)$(}+{bc", "a.|)$(}+{bc", true],
    ["dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "ab", false],
    ["*", "abc", true],
    ["a*", "ab/c", true],
    ["a*/b", "abc/b", true],
    ["a*/b", "a/c/b", false],
    ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
    ["a*b?c*x", "abxbbxdbxebxczzx", true],
    ["ab[^e-g]", "abc", true],
    ["a?b", "a☺b", true],
    ["a[^a]b", "a☺b", true],
    ["a???b", "a☺b", false],
    ["[a-ζ]*", "α", true],
    ["*[a-ζ]", "A", false],
    ["a?b", "a/b", false],
    ["[\\]a]", "]", true],
    ["[x\\-]", "-", true],
    ["[x\\-]", "z", false],
    ["*x", "xxx", true],
    ["名前/*.txt", "名前/ünï.txt", true],
    ["docs", "docs/README.md", true],
    // Only readIgnoreFile drops a leading "/"; compiled patterns keep it (as upstream).
    ["/docs/", "docs/a", false],
    ["./docs/../src", "src/x", true],
  ])("%s matches %s: %s", (pattern, path, want) => {
    expect(compilePatterns([pattern]).matches(path)).toBe(want);
    expect(matchesWalking([pattern], path)).toBe(want);
  });
});

describe("compilePatterns: exceptions and order", () => {
  it.each<[string, string[], string, boolean]>([
    ["exception after pattern", ["*.go", "!fileutils.go"], "fileutils.go", false],
    ["exception before pattern", ["!fileutils.go", "*.go"], "fileutils.go", true],
    ["folder then exception", ["docs", "!docs/README.md"], "docs/README.md", false],
    ["folder/ then exception", ["docs/", "!docs/README.md"], "docs/README.md", false],
    ["folder/* then exception", ["docs/*", "!docs/README.md"], "docs/README.md", false],
    ["folder then exception, other file", ["docs", "!docs/README.md"], "docs/other.md", true],
    ["** then exception dir", ["**", "!util/docker/web"], "util/docker/web/foo", false],
    ["** then exception then re-include", ["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true],
    ["** then !*.whl", ["**", "!dist/*.whl"], "dist/a-1.0+x.whl", false],
    ["no patterns", [], "any/path", false],
    ["blank patterns skipped", ["", "  "], "a", false],
  ])("%s", (_name, patterns, path, want) => {
    expect(compilePatterns(patterns).matches(path)).toBe(want);
    expect(matchesWalking(patterns, path)).toBe(want);
  });

  it("reports exclusions", () => {
    expect(compilePatterns(["docs", "  !docs/README.md"]).exclusions).toBe(true);
    expect(compilePatterns(["docs"]).exclusions).toBe(false);
  });
});

describe("compilePatterns: malformed patterns", () => {
  it.each(["!", "[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]"])("rejects %s", (p) => {
    let err: unknown;
    try {
      compilePatterns([p]);
    } catch (e) {
      err = e;
    }
    expect(isPatternError(err)).toBe(true);
    expect((err as Error).message).toMatch(p === "!" ? /illegal exclusion pattern/ : /syntax error in pattern/);
  });
});

describe("readIgnoreFile", () => {
  it.each<[string, string, string[]]>([
    ["comments and blanks", "# comment\n\n*.log\n  # not a comment? trimmed after\n", ["*.log", "# not a comment? trimmed after"]],
    ["BOM, CRLF, spaces", "\uFEFF a \r\n!  b/c/ \r\n", ["a", "!b/c"]],
    ["leading slash and cleaning", "/abs/path\n./x/../y\n!/z\n/\n", ["abs/path", "y", "!z", "/"]],
  ])("%s", (_name, text, want) => {
    expect(readIgnoreFile(text)).toEqual(want);
  });
});

describe("cleanPath", () => {
  it.each<[string, string]>([
    ["", "."],
    ["a/./b/", "a/b"],
    ["a/../..", ".."],
    ["/../a", "/a"],
    ["//a//b", "/a/b"],
  ])("%s → %s", (p, want) => expect(cleanPath(p)).toBe(want));
});
