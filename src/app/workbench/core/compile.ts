// The compile step the worker runs (and the main thread, as a fallback): Dockerfile text and options
// in, Definition bytes + lint warnings + the stage outline out. Never throws: failures come back as
// a plain-data CompileError with upstream's message and 1-based line ranges.
import {
  convertDockerfile,
  fixturesResolver,
  isDockerfileError,
  parsePlatform,
  unpinnedResolver,
  type DockerfileErrorKind,
  type LintWarning,
  type SourceRange,
} from "../../../dockerfile/index";
import { encodeDefinition } from "../../../llb/index";
import type { WorkbenchOptions } from "./options";
import { outlineDockerfile, type DockerfileOutline } from "./outline";

/**
 * None: `local://` sources then name no session, and the daemon takes them from whichever session
 * the build attaches (what `buildctl build --local` and `llbx build` do). Digests stay the same from
 * one compile to the next, and the daemon's cache key for the context changes with every build's
 * session, so it never reuses an earlier build's copy of a folder. (A fixed ID here made the daemon
 * answer later builds from the first build's files.)
 */
export const WORKBENCH_SESSION_ID = "";

export type CompileErrorKind = DockerfileErrorKind | "platform" | "internal";

export interface CompileError {
  name: "CompileError";
  kind: CompileErrorKind;
  /** The message exactly as upstream prints it. */
  message: string;
  ranges: SourceRange[];
}

/** When the graph was compiled for a connected daemon's caps: for whom, and whether that changed it. */
export interface CapsNote {
  label: string;
  /** Ops differ from what a current BuildKit gets (the converter fell back where a cap is missing). */
  differs: boolean;
}

export type CompileOutcome =
  | { ok: true; definition: Uint8Array; warnings: LintWarning[]; outline: DockerfileOutline | null; compileMs: number; capsNote?: CapsNote }
  | { ok: false; error: CompileError; warnings: LintWarning[]; outline: DockerfileOutline | null; compileMs: number };

export function makeCompileError(kind: CompileErrorKind, message: string, ranges: SourceRange[] = []): CompileError {
  return { name: "CompileError", kind, message, ranges };
}

export function isCompileError(value: unknown): value is CompileError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.name === "CompileError" && typeof v.kind === "string" && typeof v.message === "string" && Array.isArray(v.ranges);
}

function toCompileError(cause: unknown): CompileError {
  if (isDockerfileError(cause)) return makeCompileError(cause.kind, cause.message, cause.ranges.map((r) => ({ start: { ...r.start }, end: { ...r.end } })));
  return makeCompileError("internal", cause instanceof Error ? cause.message : String(cause));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function compileDockerfile(text: string, options: WorkbenchOptions): CompileOutcome {
  const started = performance.now();
  const outline = outlineDockerfile(text);
  const done = (rest: { ok: true; definition: Uint8Array; warnings: LintWarning[] } | { ok: false; error: CompileError; warnings: LintWarning[] }): CompileOutcome => ({
    ...rest,
    outline,
    compileMs: performance.now() - started,
  });
  let platform;
  try {
    platform = options.platform.trim() === "" ? undefined : parsePlatform(options.platform.trim());
  } catch (cause) {
    return done({ ok: false, error: makeCompileError("platform", cause instanceof Error ? cause.message : String(cause)), warnings: [] });
  }
  try {
    const convert = (caps?: readonly string[]) =>
      convertDockerfile(text, {
        target: options.target,
        buildArgs: options.buildArgs,
        sessionId: WORKBENCH_SESSION_ID,
        imageResolver: options.images.kind === "fixtures" ? fixturesResolver(options.images.fixtures) : unpinnedResolver,
        ...(platform ? { platform } : {}),
        ...(options.contextExcludes?.length ? { contextExcludes: options.contextExcludes } : {}),
        ...(caps ? { caps: new Set(caps) } : {}),
      });
    const target = options.daemonCaps;
    const result = convert(target?.caps);
    const definition = encodeDefinition(result.definition);
    if (!target) return done({ ok: true, definition, warnings: result.warnings });
    // Say whether the daemon's caps changed the ops (metadata caps aside), as upstream would not.
    const current = convert().definition.def ?? [];
    const mine = result.definition.def ?? [];
    const differs = current.length !== mine.length || current.some((b, i) => !sameBytes(b, mine[i]!));
    const out = done({ ok: true, definition, warnings: result.warnings });
    return out.ok ? { ...out, capsNote: { label: target.label, differs } } : out;
  } catch (cause) {
    return done({ ok: false, error: toCompileError(cause), warnings: [] });
  }
}
