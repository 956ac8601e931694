// .dockerignore-style path patterns with the semantics of moby/patternmatcher (what BuildKit's
// fsutil uses to filter a build context): `*` and `?` stay inside one path segment, `**` crosses
// segments, `[...]` classes, `\` escapes, `!pattern` re-includes, and a pattern that matches a
// directory matches everything below it. Pure: no file system access.
import { cleanPath } from "../../llb/index";

export class PatternError extends Error {
  override readonly name = "PatternError";
  constructor(
    message: string,
    readonly pattern: string,
  ) {
    super(message);
  }
}

export function isPatternError(e: unknown): e is PatternError {
  return e instanceof Error && e.name === "PatternError";
}

/** Go's path.Clean for `/`-separated paths (the LLB layer's, shared with the State builder). */
export { cleanPath };

type MatchType = "exact" | "prefix" | "suffix" | "regexp";

export interface Pattern {
  /** The cleaned pattern without its leading `!`. */
  readonly text: string;
  readonly exclusion: boolean;
  readonly segments: number;
  matches(path: string): boolean;
}

// Characters that mean something in a regexp but nothing in a path pattern (moby escapes these).
const ESCAPE = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);
// Characters JS (unicode mode) allows after a backslash.
const SYNTAX = new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/"]);

/** Throws PatternError when Go's filepath.Match would reject the pattern (ErrBadPattern). */
function checkSyntax(p: string, original: string): void {
  const chars = [...p];
  const bad = (why: string) => new PatternError(`syntax error in pattern ${JSON.stringify(original)}: ${why}`, original);
  // One (possibly escaped) class member; like Go's getEsc it needs something after it.
  const member = (i: number): number => {
    if (i >= chars.length || chars[i] === "-" || chars[i] === "]") throw bad("bad character class");
    if (chars[i] === "\\") i++;
    if (i >= chars.length) throw bad("bad character class");
    i++;
    if (i >= chars.length) throw bad("unterminated character class");
    return i;
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "\\") {
      if (i + 1 >= chars.length) throw bad("trailing backslash");
      i++;
    } else if (c === "[") {
      let j = i + 1;
      if (chars[j] === "^") j++;
      let ranges = 0;
      for (;;) {
        if (chars[j] === "]" && ranges > 0) break;
        j = member(j);
        if (chars[j] === "-") j = member(j + 1);
        ranges++;
      }
      i = j;
    }
  }
}

function compilePattern(raw: string, original: string): Pattern {
  let exclusion = false;
  let p = raw;
  if (p.startsWith("!")) {
    if (p.length === 1) throw new PatternError('illegal exclusion pattern: "!"', original);
    exclusion = true;
    p = p.slice(1);
  }
  checkSyntax(p, original);
  const chars = [...p];
  let re = "^";
  let type: MatchType = "exact";
  let inClass = false;
  // `token` counts scanned tokens like moby's loop counter: `**` first makes a suffix pattern.
  for (let i = 0, token = 0; i < chars.length; i++, token++) {
    const ch = chars[i]!;
    if (ch === "*" && !inClass) {
      if (chars[i + 1] === "*") {
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          if (type === "exact") type = "prefix";
          else {
            re += ".*";
            type = "regexp";
          }
        } else {
          re += "(.*/)?";
          type = "regexp";
        }
        if (token === 0) type = "suffix";
      } else {
        re += "[^/]*";
        type = "regexp";
      }
    } else if (ch === "?" && !inClass) {
      re += "[^/]";
      type = "regexp";
    } else if (ESCAPE.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === "\\") {
      const next = chars[i + 1];
      if (next === undefined) re += "\\\\";
      else {
        i++;
        re += SYNTAX.has(next) || (next === "-" && inClass) ? `\\${next}` : next;
        type = "regexp";
      }
    } else if (ch === "[") {
      re += inClass ? "\\[" : "[";
      inClass = true;
      type = "regexp";
    } else if (ch === "]") {
      re += inClass ? "]" : "\\]";
      inClass = false;
      type = "regexp";
    } else {
      re += ch;
    }
  }
  let regexp: RegExp | null = null;
  if (type === "regexp") {
    try {
      regexp = new RegExp(`${re}$`, "u");
    } catch (e) {
      throw new PatternError(`syntax error in pattern ${JSON.stringify(original)}: ${e instanceof Error ? e.message : String(e)}`, original);
    }
  }
  const text = p;
  const matches = (path: string): boolean => {
    switch (type) {
      case "exact":
        return path === text;
      case "prefix":
        return path.startsWith(text.slice(0, -2));
      case "suffix": {
        const suffix = text.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith("/") && path === suffix.slice(1);
      }
      case "regexp":
        return regexp!.test(path);
    }
  };
  return { text, exclusion, segments: text.split("/").length, matches };
}

/** Per-pattern results for a directory, handed to its children (MatchesUsingParentResults). */
export type ParentMatches = readonly boolean[] | null;

export interface PatternMatcher {
  readonly patterns: readonly Pattern[];
  /** Whether any pattern is a `!` exception. */
  readonly exclusions: boolean;
  /** True when the path, or one of its parent directories, matches (later patterns win). */
  matches(path: string): boolean;
  /**
   * The same answer as matches(), computed from the parent directory's per-pattern results
   * (pass null for a top-level entry); also returns this path's results for its children.
   */
  matchesWithParent(path: string, parent: ParentMatches): { matched: boolean; info: boolean[] };
}

/**
 * Compiles patterns as moby/patternmatcher's New does: trims blanks, skips empty ones, cleans
 * each (path.Clean), `!` marks an exception. Throws PatternError on malformed patterns.
 */
export function compilePatterns(patterns: readonly string[]): PatternMatcher {
  const list: Pattern[] = [];
  for (const original of patterns) {
    const trimmed = original.trim();
    if (trimmed === "") continue;
    list.push(compilePattern(cleanPath(trimmed), original));
  }
  const exclusions = list.some((p) => p.exclusion);

  const parentMatch = (pattern: Pattern, path: string): boolean => {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) if (pattern.matches(parts.slice(0, i).join("/"))) return true;
    return false;
  };

  return {
    patterns: list,
    exclusions,
    matches(path: string): boolean {
      let matched = false;
      for (const pattern of list) {
        if (pattern.exclusion !== matched) continue;
        if (pattern.matches(path) || parentMatch(pattern, path)) matched = !pattern.exclusion;
      }
      return matched;
    },
    matchesWithParent(path: string, parent: ParentMatches) {
      let matched = false;
      const info: boolean[] = new Array<boolean>(list.length).fill(false);
      list.forEach((pattern, i) => {
        let m = parent !== null && parent[i] === true;
        if (!m) {
          if (pattern.exclusion !== matched) return;
          m = pattern.matches(path) || (parent === null && parentMatch(pattern, path));
        }
        info[i] = m;
        if (m) matched = !pattern.exclusion;
      });
      return { matched, info };
    },
  };
}

/**
 * Reads a .dockerignore file like moby/patternmatcher/ignorefile: strips a UTF-8 BOM, skips `#`
 * comment lines and blank lines, trims, cleans, drops a leading `/`, keeps `!`.
 */
export function readIgnoreFile(text: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith("#")) continue;
    let p = line.trim();
    if (p === "") continue;
    const invert = p.startsWith("!");
    if (invert) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith("/")) p = p.slice(1);
    }
    out.push(invert ? `!${p}` : p);
  }
  return out;
}

/** The pattern with a trailing `/**` or `/*` removed (fsutil uses it to prune directories). */
export function withoutTrailingGlob(p: Pattern): string {
  let s = p.text;
  if (s.endsWith("/**")) s = s.slice(0, -3);
  if (s.endsWith("/*")) s = s.slice(0, -2);
  return s;
}
