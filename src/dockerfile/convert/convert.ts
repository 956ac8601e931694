// Dockerfile → LLB: the conversion stage of the compiler, after the parser and instructions stages.
// Follows BuildKit's dockerfile2llb: global ARGs, stages and their dependencies, reachability from
// the target, base images resolved through an ImageConfigResolver, instructions dispatched in
// stage order, then the build context and the Definition with source maps.
import {
  EnvList,
  image,
  local,
  State,
  withCaps,
  withCustomName,
  withDescription,
  withLocation,
  withPlatform,
  type Definition,
  type PlatformSpec,
  type SourceMapFile,
} from "../../llb/index";
import { DockerfileError, type SourceRange } from "../errors";
import { parseDockerfileStages } from "../front-end";
import { parseDockerfile } from "../parser/parse-dockerfile";
import { parseCommand } from "../instructions/parse-stages";
import { expandCommand, expandCommandRaw, isExpandableCommand } from "../instructions/expand-command";
import type { ArgCommand, Command, Stage } from "../instructions/commands";
import type { LintWarning } from "../lint/linter";
import type { Linter } from "../lint/linter";
import { lintMessages } from "../lint/rules";
import {
  lintConstPlatform,
  lintInvalidDefaultArgInFrom,
  lintJsonArgsRecommended,
  lintLegacyKeyValue,
  lintRedundantTargetPlatform,
  lintSecretKey,
  lintUndefinedArgsInFrom,
  lintUndefinedVars,
} from "../lint/stage-checks";
import { expandWord, expandWords } from "../shell/lex";
import { parseExposePorts } from "../instructions/expose-ports";
import { emptyEnv, envFromList } from "../shell/shell-env";
import { withSuggestion } from "../suggest";
import { allLlbCaps } from "./caps";
import { resolveSourceDateEpoch, setSourceDateEpoch, sourceDateEpochValue } from "./epoch";
import {
  convertError,
  DeferredOutput,
  type RunSettings,
  dfCmd,
  envOf,
  lexOptions,
  locationOf,
  newDispatchState,
  prefixCommand,
  type DispatchContext,
  type DispatchState,
} from "./dispatch-state";
import { parseSignal } from "./signal";
import { copyConfigOf, dispatchArg, dispatchCopy, dispatchEnv, dispatchRun, dispatchUser, dispatchWorkdir } from "./dispatch";
import { unpinnedResolver, type ImageConfig, type ImageConfigResolver } from "./image-config";
import { defaultPlatform, formatPlatform, formatPlatformAll, normalizePlatform, parsePlatform, PlatformError } from "./platform";
import { renumberProgressGroups } from "./progress-groups";
import { formatReference, parseNormalizedNamed, ReferenceError, tagNameOnly } from "./reference";

export interface ConvertOptions {
  /** Stage to build; the last one when empty. */
  target: string;
  buildArgs: Record<string, string>;
  /** Target platform; the build platform (linux/amd64) when absent. */
  platform?: PlatformSpec;
  /** The build session's ID: it appears in `local://` sources. */
  sessionId: string;
  imageResolver: ImageConfigResolver;
  /** LLB caps of the daemon the Definition is for (default: everything BuildKit v0.32 supports). */
  caps: ReadonlySet<string>;
  /** Dockerfile name inside the context, for the source map and `local://dockerfile`. */
  filename: string;
  /** Several target platforms were requested: progress names start with the platform. */
  multiPlatform?: boolean;
  /** Build-wide RUN settings (dockerui's hostname, add-hosts, shm-size, ulimit, cgroup-parent options). */
  run?: RunSettings;
  /**
   * The context's .dockerignore patterns (as upstream's dockerui reads them before converting):
   * they become the context source's `local.excludepatterns`. Absent or empty: none.
   */
  contextExcludes?: readonly string[];
}

export interface ConvertResult {
  definition: Definition;
  warnings: LintWarning[];
  /** The image config of the target stage. */
  image: ImageConfig;
}

const defaults: ConvertOptions = {
  target: "",
  buildArgs: {},
  sessionId: "",
  imageResolver: unpinnedResolver,
  caps: allLlbCaps,
  filename: "Dockerfile",
};

const SCRATCH = "scratch";
const enc = new TextEncoder();

/** Compiles a Dockerfile to LLB. Throws DockerfileError (with ranges) when it cannot. */
export function convertDockerfile(text: string, options: Partial<ConvertOptions> = {}): ConvertResult {
  const opt: ConvertOptions = { ...defaults, ...options };
  const front = parseDockerfileStages(text);
  const lint = front.linter;
  const { stages, metaArgs, escapeToken } = front;
  const lex = lexOptions({ escapeToken });

  const buildPlatform = defaultPlatform;
  const targetPlatform = opt.platform ?? buildPlatform;
  const implicitTarget = opt.platform === undefined;
  const targetName = opt.target || stages[stages.length - 1]!.name;
  let globalArgs = defaultArgs(buildPlatform, targetPlatform, opt.buildArgs, targetName);
  lintBaseImagesWithDefaultArgs(stages, globalArgs, metaArgs, escapeToken, lint);
  globalArgs = buildMetaArgs(globalArgs, metaArgs, opt.buildArgs, escapeToken);
  let buildArgValues = opt.buildArgs;
  let epoch: bigint | undefined;
  const sde = sourceDateEpochValue(opt.buildArgs, globalArgs);
  if (sde !== undefined) {
    epoch = resolveSourceDateEpoch(sde, stages, globalArgs, opt.buildArgs, escapeToken);
    ({ buildArgs: buildArgValues, globalArgs } = setSourceDateEpoch(opt.buildArgs, globalArgs, epoch === undefined ? "" : String(epoch)));
  }
  // Keys FROM may use without UndefinedArgInFrom: every global ARG (with or without a value).
  const fromArgKeys = [...new Set([...metaArgs.flatMap((c) => c.args.map((a) => a.key)), ...globalArgs.keys()])];

  const sourceMap: SourceMapFile = {
    filename: opt.filename,
    language: "Dockerfile",
    data: enc.encode(text),
    definitionOf: () => dockerfileSource(opt),
  };

  // ---- stages ----
  const all: DispatchState[] = [];
  const byName = new Map<string, DispatchState>();
  const addState = (ds: DispatchState) => {
    all.push(ds);
    const base = byName.get(ds.stage.baseName);
    if (base) ds.base = base;
    if (ds.stage.name !== "") byName.set(ds.stage.name.toLowerCase(), ds);
  };
  stages.forEach((st, i) => {
    const stageLint = lint.withMergedConfigFromComments(st.comments);
    const name = expandInFrom(st.baseName, globalArgs, escapeToken, st.location, fromArgKeys, stageLint);
    if (name === "") throw new DockerfileError("convert", `base name (${st.baseName}) should not be blank`, st.location);
    const stage: Stage = { ...st, baseName: name };
    const ds = newDispatchState(stage, st.name || `stage-${i}`);
    ds.prefixPlatform = opt.multiPlatform === true;
    if (st.platform !== "") ds.platform = parseStagePlatform(st, globalArgs, escapeToken, fromArgKeys, stageLint);
    addState(ds);
    let total = stage.baseName !== SCRATCH && !ds.base ? 1 : 0;
    for (const c of stage.commands) if (c.kind === "add" || c.kind === "copy" || c.kind === "run" || c.kind === "workdir") total++;
    ds.cmdTotal = total;
  });

  let target: DispatchState;
  if (opt.target === "") target = all[all.length - 1]!;
  else {
    const t = byName.get(opt.target.toLowerCase());
    if (!t) throw convertError(withSuggestion(`target stage "${opt.target}" could not be found`, opt.target, stageNames(all), true));
    target = t;
  }

  // ---- dependencies between stages ----
  for (const d of [...all]) {
    d.commands = d.stage.commands.map((cmd) => {
      const sources = commandSources(cmd, all, byName, escapeToken, addState);
      for (const s of sources) if (s) d.deps.set(s, cmd);
      return { command: cmd, sources, isOnBuild: false };
    });
  }
  validateCircularDependency(all);
  if (all.length === 1) all[0]!.stageName = "";

  // ---- resolve base images of reachable stages; ONBUILD triggers may add dependencies ----
  let reachable: Set<DispatchState>;
  for (;;) {
    reachable = reachableFrom(target);
    for (const d of all) {
      if (d.base || d.dispatched || d.resolved) continue;
      const isReachable = reachable.has(d);
      d.resolved = isReachable;
      if (d.stage.baseName === SCRATCH) {
        d.state = State.scratch();
        d.image = emptyImage(targetPlatform);
        d.platform = targetPlatform;
        if (d.unregistered) d.dispatched = true;
        continue;
      }
      resolveBaseImage(d, isReachable, { opt, targetPlatform, implicitTarget, sourceMap, all, lint });
    }
    let newDeps = false;
    for (const d of reachable) {
      initFromBase(d);
      const triggers = [...(d.image.config?.OnBuild ?? [])];
      if (d.base && !d.onBuildInit) {
        for (const c of d.base.commands) if (c.command.kind === "onbuild") triggers.push(c.command.expression);
        d.onBuildInit = true;
      }
      if (triggers.length > 0) {
        if (initOnBuildTriggers(d, triggers, all, byName, escapeToken, addState)) newDeps = true;
        d.image = { ...d.image, config: { ...d.image.config, OnBuild: [] } };
      }
    }
    if (!newDeps) break;
  }

  // ---- dispatch ----
  const buildContextOutput = new DeferredOutput();
  const ctxPaths = new Set<string>();
  let progressGroups = 0;
  const ctx: DispatchContext = {
    escapeToken,
    lint,
    sourceMap,
    buildContext: State.of(buildContextOutput),
    buildArgValues,
    globalArgs,
    targetPlatform,
    caps: opt.caps,
    nextProgressGroup: () => `progress-group-placeholder-${++progressGroups}`,
  };
  if (epoch !== undefined) ctx.epoch = epoch;
  if (opt.run) ctx.run = opt.run;
  const proxy = proxyEnvFromBuildArgs(opt.buildArgs);
  if (proxy) ctx.proxyEnv = proxy;

  for (const d of all) {
    if (!reachable.has(d) || d.dispatched) continue;
    initFromBase(d);
    d.dispatched = true;
    d.platform ??= targetPlatform;
    const env = d.image.config?.Env ?? [];
    if (!env.some((e) => e.split("=", 1)[0] === "PATH") && d.platform.os !== "windows")
      d.image = { ...d.image, config: { ...d.image.config, Env: [...env, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] } };
    for (const e of d.image.config?.Env ?? []) {
      const i = e.indexOf("=");
      d.state = i === -1 ? d.state.addEnv(e, "") : d.state.addEnv(e.slice(0, i), e.slice(i + 1));
    }
    if (opt.run?.hostname) d.state = d.state.hostname(opt.run.hostname);
    if (d.image.config?.WorkingDir) dispatchWorkdir(d, d.image.config.WorkingDir, false, ctx);
    if (d.image.config?.User) dispatchUser(d, d.image.config.User);
    for (const cmd of d.commands) {
      d.cmdIsOnBuild = cmd.isOnBuild;
      try {
        dispatchCommand(d, cmd.command, cmd.sources, ctx);
      } catch (e) {
        throw withRanges(e, cmd.command.location);
      }
    }
    for (const p of d.ctxPaths) ctxPaths.add(p);
  }
  target.paths.set.add("/");

  const lintError = lint.error();
  if (lintError) throw lintError;

  // ---- build context, marshal ----
  const followPaths = normalizeContextPaths(ctxPaths);
  const excludePatterns = opt.contextExcludes?.length ? [...opt.contextExcludes] : undefined;
  const context = local(
    "context",
    { sessionId: opt.sessionId, sharedKeyHint: "context", ...(excludePatterns ? { excludePatterns } : {}), ...(followPaths ? { followPaths } : {}) },
    [withCustomName("[internal] load build context")],
  );
  buildContextOutput.set(context.output);
  const definition = target.state.setMarshalDefaults([withPlatform(targetPlatform), withCaps(opt.caps)]).marshal();
  renumberProgressGroups(definition);
  return { definition, warnings: [...lint.warnings], image: target.image };
}

function stageNames(all: DispatchState[]): string[] {
  return all.filter((s) => s.stageName !== "").map((s) => s.stageName);
}

function withRanges(e: unknown, ranges: SourceRange[]): unknown {
  if (e instanceof DockerfileError) {
    if (e.ranges.length === 0) return new DockerfileError(e.kind, e.message, ranges, { reason: e.reason });
    return e;
  }
  if (e instanceof Error) return new DockerfileError("convert", e.message, ranges);
  return e;
}

function defaultArgs(bp: PlatformSpec, tp: PlatformSpec, overrides: Record<string, string>, target: string): EnvList {
  const pairs: [string, string][] = [
    ["BUILDPLATFORM", formatPlatform(bp)],
    ["BUILDOS", bp.os],
    ["BUILDOSVERSION", bp.osVersion ?? ""],
    ["BUILDARCH", bp.architecture],
    ["BUILDVARIANT", bp.variant ?? ""],
    ["TARGETPLATFORM", formatPlatformAll(tp)],
    ["TARGETOS", tp.os],
    ["TARGETOSVERSION", tp.osVersion ?? ""],
    ["TARGETARCH", tp.architecture],
    ["TARGETVARIANT", tp.variant ?? ""],
    ["TARGETSTAGE", target || "default"],
  ];
  let env = EnvList.empty;
  for (const [k, v] of pairs) env = env.addOrReplace(k, Object.prototype.hasOwnProperty.call(overrides, k) ? overrides[k]! : v);
  return env;
}

function buildMetaArgs(args: EnvList, metaArgs: ArgCommand[], buildArgs: Record<string, string>, escapeToken: string): EnvList {
  for (const cmd of metaArgs) {
    for (const kp of cmd.args) {
      let value = kp.value;
      if (Object.prototype.hasOwnProperty.call(buildArgs, kp.key)) value = buildArgs[kp.key];
      else if (value !== undefined) {
        try {
          value = expandWord(value, envFromList(args.toArray()), { escapeToken }).result;
        } catch (e) {
          throw withRanges(e, cmd.location);
        }
      }
      if (value !== undefined) args = args.addOrReplace(kp.key, value);
    }
  }
  return args;
}

/**
 * InvalidDefaultArgInFrom: every FROM expanded with the global ARG defaults only (no --build-arg
 * values) must still be a valid image reference. Gives up silently when expansion fails.
 */
function lintBaseImagesWithDefaultArgs(stages: Stage[], args: EnvList, metaArgs: ArgCommand[], escapeToken: string, lint: Linter): void {
  let defaults: EnvList;
  try {
    defaults = buildMetaArgs(args, metaArgs, {}, escapeToken);
  } catch {
    return;
  }
  const env = envFromList(defaults.toArray());
  for (const st of stages) {
    let expanded: string;
    try {
      expanded = expandWord(st.baseName, env, { escapeToken }).result;
    } catch {
      return;
    }
    lintInvalidDefaultArgInFrom(st, expanded, lint);
  }
}

function expandInFrom(word: string, globalArgs: EnvList, escapeToken: string, location: SourceRange[], argKeys: string[], lint: Linter): string {
  try {
    const r = expandWord(word, envFromList(globalArgs.toArray()), { escapeToken });
    lintUndefinedArgsInFrom(r.unmatched, argKeys, location, lint);
    return r.result;
  } catch (e) {
    throw withRanges(e, location);
  }
}

function parseStagePlatform(st: Stage, globalArgs: EnvList, escapeToken: string, argKeys: string[], lint: Linter): PlatformSpec {
  const { platform: expr, location } = st;
  const env = envFromList(globalArgs.toArray());
  let r;
  try {
    r = expandWord(expr, env, { escapeToken });
  } catch (e) {
    throw withRanges(e, location);
  }
  lintUndefinedArgsInFrom(r.unmatched, argKeys, location, lint);
  lintRedundantTargetPlatform(expr, r.matched, r.unmatched, r.result, globalArgs.get("TARGETPLATFORM"), location, lint);
  let constant: PlatformSpec | null = null;
  if (r.matched.size === 0 && r.unmatched.size === 0) {
    try {
      constant = normalizePlatform(parsePlatform(r.result));
    } catch {
      constant = null;
    }
  }
  lintConstPlatform(st.name, r.result, r.matched.size > 0 || r.unmatched.size > 0, constant, location, lint);
  const keys = globalArgs.keys();
  const suggest = (msg: string) => {
    for (const k of r.unmatched) {
      const m = withSuggestion(msg, k, keys, true);
      if (m !== msg) return m;
    }
    return msg;
  };
  if (r.result === "") throw new DockerfileError("convert", suggest(`empty platform value from expression ${expr}`), location);
  try {
    return normalizePlatform(parsePlatform(r.result));
  } catch (e) {
    if (e instanceof PlatformError) throw new DockerfileError("convert", `failed to parse platform ${expr}: ${suggest(e.message)}`, location);
    throw e;
  }
}

function commandSources(
  cmd: Command,
  all: DispatchState[],
  byName: Map<string, DispatchState>,
  escapeToken: string,
  addState: (d: DispatchState) => void,
): (DispatchState | undefined)[] {
  const lookup = (from: string, location: SourceRange[]): DispatchState => {
    const found = byName.get(from.toLowerCase());
    if (found) return found;
    const stn = newDispatchState({ name: "", baseName: from, platform: "", origCmd: "", sourceCode: "", location, startLine: 0, endLine: 0, comments: [], docComment: "", commands: [] }, "", true);
    addState(stn);
    return stn;
  };
  if (cmd.kind === "copy" && cmd.from !== "") {
    const expanded = expandWord(cmd.from, envFromList([]), { escapeToken }).result;
    if (expanded !== cmd.from)
      throw new DockerfileError("convert", "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround", cmd.location);
    if (/^[+-]?\d+$/.test(cmd.from)) {
      const index = Number(cmd.from);
      if (index < 0 || index >= all.length) throw new DockerfileError("convert", `invalid stage index ${cmd.from}`, cmd.location);
      return [all[index]];
    }
    return [lookup(cmd.from, cmd.location)];
  }
  // RUN --mount from= images get no location (upstream detectRunMount), unlike COPY --from.
  if (cmd.kind === "run") return cmd.mounts.map((m) => lookup(m.from === "" ? SCRATCH : m.from, []));
  return [];
}

function initOnBuildTriggers(
  d: DispatchState,
  triggers: string[],
  all: DispatchState[],
  byName: Map<string, DispatchState>,
  escapeToken: string,
  addState: (d: DispatchState) => void,
): boolean {
  let newDeps = false;
  const commands: DispatchState["commands"] = [];
  const lines = d.stage.location.map((r) => r.start.line).concat(d.stage.location.map((r) => r.end.line));
  const startLine = lines.length ? Math.min(...lines) : 0;
  const endLine = lines.length ? Math.max(...lines) : 0;
  for (const trigger of triggers) {
    let ast;
    try {
      ast = parseDockerfile(trigger);
    } catch (e) {
      throw withRanges(e, d.stage.location);
    }
    if (ast.instructions.length !== 1) throw new DockerfileError("convert", "onbuild trigger should be a single expression", d.stage.location);
    const node = { ...ast.instructions[0]!, startLine, endLine };
    const cmd = parseCommand(node);
    const sources = commandSources(cmd, all, byName, escapeToken, addState);
    if (sources.length > 0) newDeps = true;
    for (const s of sources) if (s) d.deps.set(s, cmd);
    commands.push({ command: cmd, sources, isOnBuild: true });
  }
  d.commands = [...commands, ...d.commands];
  d.cmdTotal += commands.length;
  return newDeps;
}

function validateCircularDependency(states: DispatchState[]): void {
  const visited = new Set<DispatchState>();
  const path = new Set<DispatchState>();
  const visit = (s: DispatchState, current: Command[]): Command[] | undefined => {
    if (visited.has(s)) return undefined;
    visited.add(s);
    path.add(s);
    for (const [dep, c] of s.deps) {
      const next = [...current, c];
      if (path.has(dep)) return next;
      const found = visit(dep, next);
      if (found) return found;
    }
    path.delete(s);
    return undefined;
  };
  for (const s of states) {
    const cmds = visit(s, []);
    if (cmds) throw new DockerfileError("convert", `circular dependency detected on stage: ${s.stageName}`, cmds.flatMap((c) => c.location));
  }
}

function reachableFrom(s: DispatchState, out = new Set<DispatchState>()): Set<DispatchState> {
  if (out.has(s)) return out;
  out.add(s);
  if (s.base) reachableFrom(s.base, out);
  for (const d of s.deps.keys()) reachableFrom(d, out);
  return out;
}

function emptyImage(p: PlatformSpec): ImageConfig {
  const img: ImageConfig = { architecture: p.architecture, os: p.os, rootfs: { type: "layers" }, config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] } };
  if (p.variant) img.variant = p.variant;
  return img;
}

interface ResolveContext {
  opt: ConvertOptions;
  targetPlatform: PlatformSpec;
  implicitTarget: boolean;
  sourceMap: SourceMapFile;
  all: DispatchState[];
  lint: Linter;
}

function resolveBaseImage(d: DispatchState, reachable: boolean, rc: ResolveContext): void {
  const location = d.stage.location;
  const origName = d.stage.baseName;
  let ref;
  try {
    ref = parseNormalizedNamed(origName);
  } catch (e) {
    if (e instanceof ReferenceError) throw new DockerfileError("convert", `failed to parse stage name "${origName}": ${e.message}`, location);
    throw e;
  }
  let platform = d.platform ?? rc.targetPlatform;
  let baseName = formatReference(tagNameOnly(ref));
  let isScratch = false;
  if (reachable) {
    let resolved;
    try {
      resolved = rc.opt.imageResolver.resolve(baseName, platform);
    } catch (e) {
      const msg = `${origName}: ${(e as Error).message}`;
      throw new DockerfileError("convert", withSuggestion(msg, origName, [...stageNames(rc.all), ...commonImageNames()], true), location);
    }
    const img = resolved.config;
    if (d.platform === undefined && rc.implicitTarget) platform = autoDetectPlatform(img, platform);
    if (resolved.digest) baseName = `${formatReference(tagNameOnly(parseNormalizedNamed(resolved.ref)))}@${resolved.digest}`;
    if ((img.rootfs?.diff_ids ?? []).length === 0) isScratch = !(img.history ?? []).some((h) => !h.empty_layer);
    d.image = img;
  }
  d.stage = { ...d.stage, baseName };
  if (isScratch) d.state = State.scratch();
  else
    d.state = image(baseName, {}, [
      dfCmd(d.stage.sourceCode),
      withPlatform(platform),
      withCustomName(prefixCommand(d, `FROM ${baseName}`, platform, emptyEnv)),
      withLocation(rc.sourceMap, locationOf(location)),
    ]);
  if (reachable && !isScratch) lintBaseImagePlatform(origName, platform, d.image, location, rc.lint);
  d.platform = platform;
  if (d.unregistered) d.dispatched = true;
}

/** InvalidBaseImagePlatform: the image config's os/architecture differ from the platform asked for. */
function lintBaseImagePlatform(name: string, expected: PlatformSpec, img: ImageConfig, location: SourceRange[], lint: Linter): void {
  if (expected.os === img.os && expected.architecture === img.architecture) return;
  const actual: PlatformSpec = { os: img.os ?? "", architecture: img.architecture ?? "" };
  if (img.variant) actual.variant = img.variant;
  if (img["os.version"]) actual.osVersion = img["os.version"];
  const fmt = (p: PlatformSpec) => formatPlatformAll(normalizePlatform(p));
  lint.run("InvalidBaseImagePlatform", location, lintMessages.InvalidBaseImagePlatform(name, fmt(expected), fmt(actual)));
}

function autoDetectPlatform(img: ImageConfig, target: PlatformSpec): PlatformSpec {
  if (img.os === target.os && img.architecture === target.architecture) return target;
  if (img.os === defaultPlatform.os && img.architecture === defaultPlatform.architecture) return defaultPlatform;
  return target;
}

function commonImageNames(): string[] {
  const out: string[] = [];
  for (const name of ["alpine", "busybox", "centos", "debian", "golang", "ubuntu", "fedora"])
    out.push(name, "docker.io/library" + name, name + ":latest", "docker.io/library" + name + ":latest");
  return out;
}

function initFromBase(d: DispatchState): void {
  const b = d.base;
  if (!b) return;
  d.state = b.state;
  d.platform = b.platform;
  d.image = { ...b.image, config: { ...b.image.config, OnBuild: [] } };
  d.paths = b.paths;
  d.workdirSet = b.workdirSet;
  d.buildArgs = [...d.buildArgs, ...b.buildArgs];
}

function dispatchCommand(d: DispatchState, original: Command, sources: (DispatchState | undefined)[], stageCtx: DispatchContext): void {
  // `# check=` comments above an instruction adjust the lint config for that instruction only.
  const ctx: DispatchContext = original.comments.length > 0 ? { ...stageCtx, lint: stageCtx.lint.withMergedConfigFromComments(original.comments) } : stageCtx;
  let cmd = original;
  if (isExpandableCommand(cmd) && cmd.kind !== "arg") {
    cmd = expandCommand(cmd, (word) => {
      const env = envOf(d.state);
      const r = expandWord(word, env, lexOptions(ctx));
      if (r.unmatched.size > 0) lintUndefinedVars(r.unmatched, d.buildArgs.map((a) => a.key), env.keys(), cmd.location, ctx.lint);
      return r.result;
    });
  }
  if (cmd.kind === "add" || cmd.kind === "copy") {
    cmd = expandCommandRaw(cmd, (word) => {
      const env = envOf(d.state);
      const r = expandWord(word, env, { escapeToken: "\\", skipProcessQuotes: true });
      if (r.unmatched.size > 0) lintUndefinedVars(r.unmatched, d.buildArgs.map((a) => a.key), env.keys(), cmd.location, ctx.lint);
      return r.result;
    });
  }
  switch (cmd.kind) {
    case "env":
      for (const e of cmd.env) {
        lintLegacyKeyValue(cmd, e.noDelim, ctx.lint);
        lintSecretKey("ENV", e.key, cmd.location, ctx.lint);
      }
      return dispatchEnv(d, cmd);
    case "label":
      for (const l of cmd.labels) lintLegacyKeyValue(cmd, l.noDelim, ctx.lint);
      return;
    case "cmd":
    case "entrypoint":
      markUsedOnce(d, cmd.kind, cmd, ctx.lint);
      lintJsonArgsRecommended(cmd, (d.image.config?.Shell ?? []).length > 0, ctx.lint);
      return;
    case "healthcheck":
      markUsedOnce(d, "healthcheck", cmd, ctx.lint);
      return;
    case "expose": {
      const env = envOf(d.state);
      const ports = cmd.ports.flatMap((p) => expandWords(p, env, lexOptions(ctx)));
      parseExposePorts(ports, cmd.location, ctx.lint);
      return;
    }
    case "run":
      return dispatchRun(d, cmd, sources, ctx);
    case "workdir":
      return dispatchWorkdir(d, cmd.path, true, ctx, cmd);
    case "add":
      dispatchCopy(d, copyConfigOf(cmd, ctx.buildContext), ctx);
      for (const src of cmd.sourcePaths) if (!src.startsWith("http://") && !src.startsWith("https://")) d.ctxPaths.add(contextPath(src));
      return;
    case "copy": {
      let source = ctx.buildContext;
      const from = sources[0];
      if (from) {
        if (!from.dispatched) throw convertError(`cannot copy from stage "${cmd.from}", it needs to be defined before current stage "${d.stageName}"`);
        source = from.state;
      }
      dispatchCopy(d, copyConfigOf(cmd, source), ctx);
      for (const src of cmd.sourcePaths) (from ? from.paths.set : d.ctxPaths).add(contextPath(src));
      return;
    }
    case "user":
      return dispatchUser(d, cmd.user);
    case "arg":
      return dispatchArg(d, cmd, ctx);
    case "shell":
      d.image = { ...d.image, config: { ...d.image.config, Shell: cmd.shell } };
      return;
    case "onbuild":
      d.image = { ...d.image, config: { ...d.image.config, OnBuild: [...(d.image.config?.OnBuild ?? []), cmd.expression] } };
      return;
    case "stopsignal":
      parseSignal(cmd.signal);
      return;
    case "maintainer":
    case "volume":
      // Image config only; nothing in the LLB.
      return;
  }
}

/** MultipleInstructionsDisallowed: reports the previous CMD / ENTRYPOINT / HEALTHCHECK of the stage. */
function markUsedOnce(d: DispatchState, kind: "cmd" | "entrypoint" | "healthcheck", cmd: Command, lint: Linter): void {
  const prev = d.usedOnce[kind];
  if (prev) lint.run("MultipleInstructionsDisallowed", prev, lintMessages.MultipleInstructionsDisallowed(cmd.name));
  d.usedOnce[kind] = cmd.location;
}

function contextPath(src: string): string {
  return "/" + src.replace(/^\/+/, "") === "/" ? "/" : normalizeSlashPath("/" + src);
}

function normalizeSlashPath(p: string): string {
  const parts: string[] = [];
  for (const s of p.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") parts.pop();
    else parts.push(s);
  }
  return "/" + parts.join("/");
}

/** Paths the build context must send; none (everything) when a stage reads `/`. */
function normalizeContextPaths(paths: Set<string>): string[] | undefined {
  if (paths.size === 0) return undefined;
  const out: string[] = [];
  for (const p of paths) {
    if (p === "/") return undefined;
    out.push(p.replace(/^\//, ""));
  }
  return out.sort();
}

function proxyEnvFromBuildArgs(args: Record<string, string>): DispatchContext["proxyEnv"] {
  const pe: NonNullable<DispatchContext["proxyEnv"]> = {};
  let set = false;
  for (const k of Object.keys(args).sort()) {
    const v = args[k]!;
    switch (k.toLowerCase()) {
      case "http_proxy":
        pe.httpProxy = v;
        set = true;
        break;
      case "https_proxy":
        pe.httpsProxy = v;
        set = true;
        break;
      case "ftp_proxy":
        pe.ftpProxy = v;
        set = true;
        break;
      case "no_proxy":
        pe.noProxy = v;
        set = true;
        break;
      case "all_proxy":
        pe.allProxy = v;
        set = true;
        break;
    }
  }
  return set ? pe : undefined;
}

/** The `local://dockerfile` source the Dockerfile itself was loaded from (recorded in the source map). */
function dockerfileSource(opt: ConvertOptions): State {
  const filenames = [opt.filename, opt.filename + ".dockerignore"];
  if (opt.filename.split("/").pop() === "Dockerfile") filenames.push(opt.filename.replace(/Dockerfile$/, "dockerfile"));
  return local("dockerfile", { followPaths: filenames, sessionId: opt.sessionId, sharedKeyHint: "dockerfile", differ: { type: "none", required: false } }, [
    withCustomName(`[internal] load build definition from ${opt.filename}`),
  ]);
}

export { withDescription };
