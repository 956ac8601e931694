// A build context picked in the page: the files the build will send after .dockerignore, their
// size, and the patterns the compiler needs. Pure: the caller reads the folder (services/
// context-files.ts) and the .dockerignore text; this decides what is in and what is out.
import { compilePatterns, isPatternError, readIgnoreFile } from "../../solver-client/protocol/index";
import type { ContextEntry } from "../../solver-client/client/index";

export interface PickedFile {
  /** Relative to the picked folder, `/`-separated. */
  path: string;
  size: number;
  blob: Blob;
  lastModified?: number;
}

export interface PickedContext {
  /** The picked folder's name. */
  name: string;
  /** What the build sends, sorted by path. */
  files: PickedFile[];
  /** Folders with nothing inside that the build sends (known only for dropped folders). */
  emptyDirs: string[];
  totalBytes: number;
  ignoredFiles: number;
  ignoredBytes: number;
  /** Where the patterns came from (`.dockerignore` or `<Dockerfile>.dockerignore`), or null. */
  dockerignoreFile: string | null;
  /** The patterns as upstream reads them (readIgnoreFile); [] when there is no file. */
  excludes: string[];
  /** A malformed pattern: nothing is excluded then (the daemon would refuse the build too). */
  dockerignoreError: string | null;
}

/** Which ignore file applies, as upstream's dockerui picks it: `<Dockerfile>.dockerignore` first. */
export function dockerignoreName(files: readonly { path: string }[], dockerfileName = "Dockerfile"): string | null {
  const paths = new Set(files.map((f) => f.path));
  const specific = `${dockerfileName}.dockerignore`;
  if (paths.has(specific)) return specific;
  return paths.has(".dockerignore") ? ".dockerignore" : null;
}

export function buildPickedContext(name: string, files: readonly PickedFile[], dirs: readonly string[], dockerignore: { file: string; text: string } | null): PickedContext {
  const excludes = dockerignore ? readIgnoreFile(dockerignore.text) : [];
  let matcher: ReturnType<typeof compilePatterns> | null = null;
  let dockerignoreError: string | null = null;
  try {
    matcher = excludes.length > 0 ? compilePatterns(excludes) : null;
  } catch (e) {
    dockerignoreError = isPatternError(e) ? `${dockerignore?.file}: ${e.message}` : String(e);
  }
  const kept: PickedFile[] = [];
  let ignoredFiles = 0;
  let ignoredBytes = 0;
  for (const f of files) {
    if (matcher?.matches(f.path)) {
      ignoredFiles += 1;
      ignoredBytes += f.size;
    } else kept.push(f);
  }
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parents = new Set<string>();
  for (const f of kept) for (let i = f.path.indexOf("/"); i !== -1; i = f.path.indexOf("/", i + 1)) parents.add(f.path.slice(0, i));
  const emptyDirs = dirs.filter((d) => !parents.has(d) && !matcher?.matches(d)).sort();
  return {
    name,
    files: kept,
    emptyDirs,
    totalBytes: kept.reduce((n, f) => n + f.size, 0),
    ignoredFiles,
    ignoredBytes,
    dockerignoreFile: dockerignore?.file ?? null,
    excludes: dockerignoreError ? [] : excludes,
    dockerignoreError,
  };
}

/** What to upload: the kept files and empty folders. */
export function contextEntries(c: PickedContext): ContextEntry[] {
  return [
    ...c.emptyDirs.map((path): ContextEntry => ({ kind: "dir", path })),
    ...c.files.map((f): ContextEntry => ({ kind: "file", path: f.path, blob: f.blob, ...(f.lastModified !== undefined ? { lastModified: f.lastModified } : {}) })),
  ];
}
