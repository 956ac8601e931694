// The per-stage state of the conversion (upstream's dispatchState) and helpers shared by the
// instruction dispatchers.
import {
  EnvList,
  State,
  withCustomName,
  type ConstraintsOpt,
  type Output,
  type PlatformSpec,
  type SourceMapFile,
  type UlimitSpec,
  type Vertex,
} from "../../llb/index";
import type { HostIP } from "../../llb/state/index";
import { DockerfileError, type SourceRange } from "../errors";
import type { ArgCommand, Command, KeyValuePairOptional, Stage } from "../instructions/commands";
import type { Linter } from "../lint/linter";
import { expandWord, type LexOptions } from "../shell/lex";
import { envFromList, type ShellEnv } from "../shell/shell-env";
import type { ImageConfig } from "./image-config";
import { formatPlatformAll, normalizePlatform, parsePlatform } from "./platform";

export interface DispatchCommand {
  command: Command;
  /** Stages (or images) the command reads: COPY --from, RUN --mount from=. */
  sources: (DispatchState | undefined)[];
  isOnBuild: boolean;
}

export interface DispatchState {
  stage: Stage;
  /** Stage name for progress names ("" for an image only used by COPY --from). */
  stageName: string;
  base?: DispatchState;
  deps: Map<DispatchState, Command>;
  commands: DispatchCommand[];
  state: State;
  image: ImageConfig;
  platform?: PlatformSpec;
  dispatched: boolean;
  resolved: boolean;
  unregistered: boolean;
  onBuildInit: boolean;
  buildArgs: KeyValuePairOptional[];
  ctxPaths: Set<string>;
  /** Paths later stages read from this one; shared with the base stage (upstream shares the map). */
  paths: { set: Set<string> };
  cmdIndex: number;
  cmdTotal: number;
  cmdIsOnBuild: boolean;
  workdirSet: boolean;
  ignoreCache: boolean;
  /** Multi-platform builds prefix progress names with the platform. */
  prefixPlatform: boolean;
  /** Where CMD / ENTRYPOINT / HEALTHCHECK were last set in this stage (MultipleInstructionsDisallowed). */
  usedOnce: { cmd?: SourceRange[]; entrypoint?: SourceRange[]; healthcheck?: SourceRange[] };
}

export function newDispatchState(stage: Stage, stageName: string, unregistered = false): DispatchState {
  return {
    stage,
    stageName,
    deps: new Map(),
    commands: [],
    state: State.scratch(),
    image: {},
    dispatched: false,
    resolved: false,
    unregistered,
    onBuildInit: false,
    buildArgs: [],
    ctxPaths: new Set(),
    paths: { set: new Set() },
    cmdIndex: 0,
    cmdTotal: 0,
    cmdIsOnBuild: false,
    workdirSet: false,
    ignoreCache: false,
    prefixPlatform: false,
    usedOnce: {},
  };
}

/** Build-wide settings for every RUN; each is used only when the daemon has the cap upstream checks. */
export interface RunSettings {
  hostname?: string;
  extraHosts?: HostIP[];
  /** /dev/shm size in bytes (exec.mount.tmpfs.size). */
  shmSize?: bigint;
  /** exec.meta.ulimit */
  ulimits?: UlimitSpec[];
  /** exec.meta.cgroup.parent */
  cgroupParent?: string;
}

/** Options every dispatcher reads. */
export interface DispatchContext {
  escapeToken: string;
  lint: Linter;
  sourceMap: SourceMapFile;
  buildContext: State;
  buildArgValues: Record<string, string>;
  globalArgs: EnvList;
  targetPlatform: PlatformSpec;
  caps: ReadonlySet<string>;
  run?: RunSettings;
  proxyEnv?: { httpProxy?: string; httpsProxy?: string; ftpProxy?: string; noProxy?: string; allProxy?: string };
  /** SOURCE_DATE_EPOCH in seconds: the creation time of directories WORKDIR makes. */
  epoch?: bigint;
  /** Placeholder progress-group IDs are renumbered after marshalling (see progress-groups.ts). */
  nextProgressGroup: () => string;
}

export function lexOptions(ctx: { escapeToken: string }, extra: Partial<LexOptions> = {}): Partial<LexOptions> {
  return { escapeToken: ctx.escapeToken, ...extra };
}

// EnvLists are immutable: one ShellEnv per list, shared by every expansion of a command.
const envCache = new WeakMap<EnvList, ShellEnv>();

export function envOf(s: State): ShellEnv {
  const list = s.values.env;
  let env = envCache.get(list);
  if (!env) {
    env = envFromList(list.toArray());
    envCache.set(list, env);
  }
  return env;
}

export function convertError(message: string, ranges: SourceRange[] = []): DockerfileError {
  return new DockerfileError("convert", message, ranges);
}

/** Expands a whole command line for a progress name; keeps the raw text when expansion fails. */
export function processCmdEnv(cmd: string, env: ShellEnv, opts: Partial<LexOptions>): string {
  try {
    return expandWord(cmd, env, opts).result;
  } catch {
    return cmd;
  }
}

export function uppercaseCmd(s: string): string {
  const i = s.indexOf(" ");
  return i === -1 ? s.toUpperCase() : s.slice(0, i).toUpperCase() + s.slice(i);
}

/**
 * `[stage 2/5] ` progress prefix; advances the stage's command counter. For multi-platform builds
 * the platform comes first, with `->arch` when the stage's TARGET* variables say it cross-compiles:
 * `[linux/amd64->arm64 build 2/5] `.
 */
export function prefixCommand(d: DispatchState, str: string, platform?: PlatformSpec, env?: ShellEnv): string {
  if (d.cmdTotal === 0) return str;
  let out = "[";
  if (d.prefixPlatform && platform) out += formatPlatformAll(platform) + formatTargetPlatform(platform, env ? platformFromEnv(env) : undefined) + " ";
  if (d.stageName !== "") out += d.stageName + " ";
  d.cmdIndex++;
  const width = Math.floor(1 + Math.log10(d.cmdTotal));
  out += `${String(d.cmdIndex).padStart(width, " ")}/${d.cmdTotal}] `;
  if (d.cmdIsOnBuild) out += "ONBUILD ";
  return out + str;
}

/** The cross-compilation suffix of a platform prefix: `->arm64`, `->windows/amd64`, or "". */
export function formatTargetPlatform(base: PlatformSpec, target: PlatformSpec | undefined): string {
  if (!target) return "";
  const p = normalizePlatform({ ...target, os: target.os || base.os, architecture: target.architecture || base.architecture });
  if (p.os === base.os && p.architecture !== base.architecture) return "->" + p.architecture + (p.variant ? "/" + p.variant : "");
  if (p.os !== base.os) return "->" + formatPlatformAll(p);
  return "";
}

/** The platform the TARGET* variables of an environment describe (TARGETPLATFORM wins when it parses). */
export function platformFromEnv(env: ShellEnv): PlatformSpec | undefined {
  const p: PlatformSpec = { os: "", architecture: "" };
  let set = false;
  for (const key of env.keys()) {
    switch (key) {
      case "TARGETPLATFORM":
        try {
          return normalizePlatform(parsePlatform(env.get(key) ?? ""));
        } catch {
          continue;
        }
      case "TARGETOS":
        p.os = env.get(key) ?? "";
        set = true;
        break;
      case "TARGETARCH":
        p.architecture = env.get(key) ?? "";
        set = true;
        break;
      case "TARGETVARIANT": {
        const v = env.get(key) ?? "";
        if (v) p.variant = v;
        else delete p.variant;
        set = true;
        break;
      }
    }
  }
  return set ? p : undefined;
}

/** `com.docker.dockerfile.v1.command` description. */
export function dfCmd(text: string): ConstraintsOpt {
  return (c) => {
    c.metadata.description ??= new Map();
    c.metadata.description.set("com.docker.dockerfile.v1.command", text);
  };
}

export function internalName(name: string): ConstraintsOpt {
  return withCustomName(`[internal] ${name}`);
}

export function locationOf(ranges: SourceRange[]): { start: { line: number; character?: number }; end: { line: number; character?: number } }[] {
  return ranges.map((r) => ({
    start: r.start.character ? { line: r.start.line, character: r.start.character } : { line: r.start.line },
    end: r.end.character ? { line: r.end.line, character: r.end.character } : { line: r.end.line },
  }));
}

export function withShell(image: ImageConfig, args: string[]): string[] {
  const shell = image.config?.Shell?.length ? [...image.config.Shell] : image.os === "windows" ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"];
  return [...shell, args.join(" ")];
}

/** Replaces or appends KEY=value in an image env list (keys compared as the OS does: exact on Linux). */
export function addImageEnv(env: string[], k: string, v: string): string[] {
  const out = [...env];
  const i = out.findIndex((e) => (e.includes("=") ? e.slice(0, e.indexOf("=")) : e) === k);
  if (i === -1) out.push(`${k}=${v}`);
  else out[i] = `${k}=${v}`;
  return out;
}

/**
 * An output whose vertex is decided later: the build context's `local://context` source gets its
 * followpaths only after every stage has been dispatched (upstream's mutableOutput).
 */
export class DeferredOutput implements Output {
  private target: Output | undefined;
  set(o: Output | undefined): void {
    this.target = o;
  }
  get vertex(): Vertex {
    if (!this.target) throw new Error("build context used before it was created");
    return this.target.vertex;
  }
  index(): number {
    return this.target?.index() ?? 0;
  }
}

export type { ArgCommand };
