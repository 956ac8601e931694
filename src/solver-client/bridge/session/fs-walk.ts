// Walks a local directory the way fsutil's sender does for FileSync.DiffCopy: depth first,
// entries of each directory in byte-wise name order, the root itself not reported, lstat (links
// are not followed), include/exclude patterns and followpaths applied as fsutil's FilterFS does
// (a directory that is itself filtered out is still reported before a kept child), hardlinks
// reported as links to the first path of their inode. Asynchronous: the event loop stays free for
// the session's health checks while big trees are listed.
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import * as path from "node:path";
import { goFileMode, isGoDir, GoMode } from "./go-mode";
import { emptyStat, type FileStat } from "./packet";
import { cleanPath, compilePatterns, withoutTrailingGlob, type ParentMatches, type PatternMatcher } from "../../protocol/pattern-matcher";

export interface WalkOptions {
  includePatterns: string[];
  excludePatterns: string[];
  /** Paths whose symlinks are resolved (recursively) and added to the include patterns. */
  followPaths: string[];
}

export interface WalkEntry {
  stat: FileStat;
  /** Where the entry is on disk. */
  absPath: string;
}

export class WalkError extends Error {
  override readonly name = "WalkError";
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

function errno(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string" ? (e as { code: string }).code : undefined;
}
const vanished = (e: unknown) => errno(e) === "ENOENT" || errno(e) === "ENOTDIR";

const WILDCARD = /(^|[^\\])[*?[]/;

/** Resolves followpaths as fsutil's FollowLinks does: every symlink on the way, and what it points to. */
async function followLinks(root: string, paths: string[]): Promise<string[]> {
  const resolved = new Set<string>();
  const lstatIn = async (rel: string) => {
    try {
      return await lstat(path.join(root, rel));
    } catch (e) {
      if (vanished(e)) return null;
      throw e;
    }
  };
  const targetsOf = async (rel: string, allowWildcard: boolean, depth: number): Promise<string[] | null> => {
    const base = path.posix.basename(rel);
    if (allowWildcard && WILDCARD.test(base)) {
      const dir = path.posix.dirname(rel);
      let names: string[];
      try {
        names = await readdir(path.join(root, dir));
      } catch (e) {
        if (vanished(e)) return null;
        throw e;
      }
      const m = compilePatterns([base]);
      const out: string[] = [];
      for (const n of names.sort(byBytes)) if (m.patterns[0]?.matches(n)) out.push(...((await targetsOf(path.posix.join(dir, n), false, depth)) ?? []));
      return out.length ? out : null;
    }
    const st = await lstatIn(rel);
    if (!st || !st.isSymbolicLink()) return null;
    const link = await readlink(path.join(root, rel));
    // Absolute targets are taken relative to the context root, as the daemon sees the tree.
    const target = link.startsWith("/") ? cleanPath(link) : cleanPath(`/${path.posix.join(path.posix.dirname(rel), link)}`);
    return [target.replace(/^\/+/, "") || "."];
  };
  const add = async (p: string, depth: number): Promise<void> => {
    if (depth > 40) throw new WalkError(`followpaths: too many levels of symbolic links at ${p}`);
    const parts = cleanPath(p.replace(/^\/+/, "")).split("/");
    let current = "";
    for (let i = 0; i < parts.length; i++) {
      current = current ? `${current}/${parts[i]}` : parts[i]!;
      const rest = parts.slice(i + 1).join("/");
      const targets = await targetsOf(current, true, depth);
      if ((rest === "" || targets) && resolved.has(current)) return;
      if (targets) {
        resolved.add(current);
        for (const t of targets) await add(rest ? path.posix.join(t, rest) : t, depth + 1);
        return;
      }
      if (rest === "") {
        resolved.add(current);
        return;
      }
    }
  };
  for (const p of paths) await add(p, 0);
  return [...resolved].sort();
}

/** Drops paths below another one in the (sorted) list; null means "everything" ("." present). */
function dedupePaths(sorted: string[]): string[] | null {
  const out: string[] = [];
  let last: string | null = null;
  for (const s of sorted) {
    if (s === ".") return null;
    if (last !== null && s.startsWith(`${last}/`)) continue;
    out.push(s);
    last = s;
  }
  return out;
}

const PATTERN_CHARS = /[*[\]?^\\]/;

interface Filter {
  include: PatternMatcher | null;
  exclude: PatternMatcher | null;
  onlyPrefixIncludes: boolean;
  onlyPrefixExcludeExceptions: boolean;
}

async function makeFilter(root: string, opt: WalkOptions): Promise<Filter> {
  let includes: string[] | null = opt.includePatterns.length ? [...opt.includePatterns] : null;
  if (opt.followPaths.length) {
    const targets = await followLinks(root, opt.followPaths);
    const all = dedupePaths([...(includes ?? []), ...targets].sort());
    includes = all === null ? null : all;
  }
  const include = includes && includes.length ? compilePatterns(includes) : null;
  const exclude = opt.excludePatterns.length ? compilePatterns(opt.excludePatterns) : null;
  return {
    include,
    exclude,
    onlyPrefixIncludes: !include || include.patterns.every((p) => p.exclusion || !PATTERN_CHARS.test(withoutTrailingGlob(p))),
    onlyPrefixExcludeExceptions: !exclude || exclude.patterns.every((p) => !p.exclusion || !PATTERN_CHARS.test(withoutTrailingGlob(p))),
  };
}

interface DirFrame {
  rel: string;
  entry: WalkEntry;
  emitted: boolean;
  include: ParentMatches;
  exclude: ParentMatches;
}

/** Linux major/minor as Go's fsutil computes them from st_rdev. */
function devNumbers(rdev: bigint): { major: bigint; minor: bigint } {
  return { major: (rdev >> 8n) & 0xfffn, minor: (rdev & 0xffn) | ((rdev >> 12n) & 0xfff00n) };
}

/**
 * Yields the entries of `root` (a directory; symlinks to it are resolved first) in fsutil order.
 * Throws WalkError for a bad root or bad patterns; entries that vanish while walking are skipped,
 * as fsutil does.
 */
export async function* walkDir(root: string, options: Partial<WalkOptions> = {}, signal?: AbortSignal): AsyncGenerator<WalkEntry> {
  const opt: WalkOptions = { includePatterns: [], excludePatterns: [], followPaths: [], ...options };
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    const st = await stat(realRoot);
    if (!st.isDirectory()) throw new WalkError(`${root} is not a directory`);
  } catch (e) {
    if (e instanceof WalkError) throw e;
    throw new WalkError(`cannot read ${root}: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  let filter: Filter;
  try {
    filter = await makeFilter(realRoot, opt);
  } catch (e) {
    throw new WalkError(`${e instanceof Error ? e.message : String(e)}`, e);
  }
  const seenInodes = new Map<string, string>();

  async function* visit(dirRel: string, parents: DirFrame[]): AsyncGenerator<WalkEntry> {
    let names: string[];
    try {
      names = await readdir(path.join(realRoot, dirRel));
    } catch (e) {
      if (vanished(e)) return;
      throw new WalkError(`cannot list ${dirRel || "."} in ${root}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
    names.sort(byBytes);
    const parent = parents[parents.length - 1];
    for (const name of names) {
      if (signal?.aborted) throw new WalkError("walk canceled");
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const abs = path.join(realRoot, rel);
      let st;
      try {
        st = await lstat(abs, { bigint: true });
      } catch (e) {
        if (vanished(e)) continue;
        throw new WalkError(`cannot stat ${rel}: ${e instanceof Error ? e.message : String(e)}`, e);
      }
      const isDir = st.isDirectory();
      let skip = false;
      let incInfo: ParentMatches = null;
      let excInfo: ParentMatches = null;
      if (filter.include) {
        const r = filter.include.matchesWithParent(rel, parent?.include ?? null);
        incInfo = r.info;
        if (!r.matched) {
          if (isDir && filter.onlyPrefixIncludes) {
            const dirSlash = `${rel}/`;
            const mayMatchInside = filter.include.patterns.some((p) => !p.exclusion && `${withoutTrailingGlob(p)}/`.startsWith(dirSlash));
            if (!mayMatchInside) continue;
          }
          skip = true;
        }
      }
      if (filter.exclude) {
        const r = filter.exclude.matchesWithParent(rel, parent?.exclude ?? null);
        excInfo = r.info;
        if (r.matched) {
          if (isDir && filter.onlyPrefixExcludeExceptions) {
            if (!filter.exclude.exclusions) continue;
            const dirSlash = `${rel}/`;
            const mayMatchInside = filter.exclude.patterns.some((p) => p.exclusion && `${withoutTrailingGlob(p)}/`.startsWith(dirSlash));
            if (!mayMatchInside) continue;
          }
          skip = true;
        }
      }

      const s = emptyStat(rel);
      s.mode = goFileMode(Number(st.mode));
      s.uid = Number(st.uid);
      s.gid = Number(st.gid);
      s.modTime = st.mtimeNs;
      if (!isDir) {
        s.size = st.size;
        if (st.isSymbolicLink()) {
          try {
            s.linkname = await readlink(abs);
          } catch (e) {
            if (vanished(e)) continue;
            throw new WalkError(`cannot read link ${rel}: ${e instanceof Error ? e.message : String(e)}`, e);
          }
        } else {
          if (st.isBlockDevice() || st.isCharacterDevice()) {
            const d = devNumbers(st.rdev);
            s.devmajor = d.major;
            s.devminor = d.minor;
          }
        }
      }
      s.mode = (s.mode & ~GoMode.Socket) >>> 0;
      const entry: WalkEntry = { stat: s, absPath: abs };

      if (!skip) {
        // Hardlinks: only among entries actually sent (fsutil records inodes after filtering).
        if (!isDir && !st.isSymbolicLink() && st.nlink > 1n) {
          const key = `${st.dev}:${st.ino}`;
          const first = seenInodes.get(key);
          if (first !== undefined) {
            s.linkname = first;
            s.size = 0n;
          } else seenInodes.set(key, rel);
        }
        for (const p of parents) {
          if (p.emitted) continue;
          p.emitted = true;
          yield p.entry;
        }
        yield entry;
      }
      if (isGoDir(s.mode)) yield* visit(rel, [...parents, { rel, entry, emitted: !skip, include: incInfo, exclude: excInfo }]);
    }
  }

  yield* visit("", []);
}
