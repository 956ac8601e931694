// Instruction dispatch: each Dockerfile command changes the stage's LLB state and image config,
// as BuildKit's dockerfile2llb dispatchers do.
import {
  chownFrom,
  cleanPath,
  file,
  FileActionChain,
  http,
  ignoreCache,
  joinPath,
  merge,
  run,
  source,
  State,
  withCustomName,
  withLocation,
  withPlatform,
  withProgressGroup,
  type ConstraintsOpt,
  type CopyInfo,
  type MountOptions,
  type RunSpec,
  type SecretSpec,
  type SSHSpec,
} from "../../llb/index";
import type { AddCommand, ArgCommand, CopyCommand, EnvCommand, RunCommand, SourcesAndDest, WorkdirCommand } from "../instructions/commands";
import { expandWord } from "../shell/lex";
import { parseGitRef, parseGitUrl, type GitRef } from "./git-ref";
import { chompHeredocContent, tryParseHeredocWord } from "../parser/heredoc";
import { lintSecretKey, lintUndefinedVars, lintWorkdirRelativePath, NON_ENV_ARGS } from "../lint/stage-checks";
import {
  addImageEnv,
  convertError,
  dfCmd,
  envOf,
  internalName,
  lexOptions,
  locationOf,
  prefixCommand,
  processCmdEnv,
  uppercaseCmd,
  withShell,
  type DispatchContext,
  type DispatchState,
} from "./dispatch-state";

const enc = new TextEncoder();

// ---- ENV, ARG, USER, WORKDIR ----

export function dispatchEnv(d: DispatchState, c: EnvCommand): void {
  for (const e of c.env) {
    d.state = d.state.addEnv(e.key, e.value);
    d.image = { ...d.image, config: { ...d.image.config, Env: addImageEnv(d.image.config?.Env ?? [], e.key, e.value) } };
  }
}

export function dispatchArg(d: DispatchState, c: ArgCommand, ctx: DispatchContext): void {
  for (const original of c.args) {
    lintSecretKey("ARG", original.key, c.location, ctx.lint);
    const arg = { ...original };
    const hasValue = Object.prototype.hasOwnProperty.call(ctx.buildArgValues, arg.key);
    const hasDefault = arg.value !== undefined;
    if (!hasDefault && !hasValue) {
      const g = ctx.globalArgs.get(arg.key);
      if (g !== undefined) arg.value = g;
    }
    if (hasValue) arg.value = ctx.buildArgValues[arg.key];
    else if (hasDefault) {
      const env = envOf(d.state);
      const r = expandWord(arg.value!, env, lexOptions(ctx));
      if (r.unmatched.size > 0) lintUndefinedVars(r.unmatched, d.buildArgs.map((a) => a.key), env.keys(), c.location, ctx.lint);
      arg.value = r.result;
    }
    if (arg.value !== undefined && !NON_ENV_ARGS.has(arg.key)) d.state = d.state.addEnv(arg.key, arg.value);
    d.buildArgs.push(arg);
  }
}

export function dispatchUser(d: DispatchState, user: string): void {
  d.state = d.state.user(user);
  d.image = { ...d.image, config: { ...d.image.config, User: user } };
}

export function dispatchWorkdir(d: DispatchState, path: string, commit: boolean, ctx: DispatchContext, c?: WorkdirCommand): void {
  if (commit && c) {
    lintWorkdirRelativePath(path, path.startsWith("/"), d.workdirSet, c.location, ctx.lint);
    d.workdirSet = true;
  }
  const wd = normalizePath(d.image.config?.WorkingDir ?? "", path, false);
  d.image = { ...d.image, config: { ...d.image.config, WorkingDir: wd } };
  d.state = d.state.dir(wd);
  if (commit && c && wd !== "/") {
    const user = d.image.config?.User;
    const env = envOf(d.state);
    d.state = file(d.state, FileActionChain.mkdir(wd, 0o755, {
        makeParents: true,
        ...(user ? { chown: chownFrom(user) } : {}),
        ...(ctx.epoch !== undefined ? { createdTime: BigInt.asIntN(64, ctx.epoch * 1_000_000_000n) } : {}),
      }), [
      withCustomName(prefixCommand(d, uppercaseCmd(processCmdEnv(c.code, env, lexOptions(ctx))), d.platform ?? ctx.targetPlatform, env)),
      withLocation(ctx.sourceMap, locationOf(c.location)),
      withPlatform(d.platform ?? ctx.targetPlatform),
    ]);
  }
}

/** util/system NormalizePath for Linux paths. */
export function normalizePath(parent: string, p: string, keepSlash: boolean): string {
  const orig = p;
  if (parent === "") parent = "/";
  if (!parent.startsWith("/")) parent = joinPath("/", parent);
  if (p === "") p = parent;
  // An absolute path is kept as written (WORKDIR /app/ stays "/app/"); a relative one is joined.
  if (!p.startsWith("/")) p = joinPath(parent, p);
  if (keepSlash) {
    if (orig.endsWith("/") && !p.endsWith("/")) p += "/";
    else if (orig.endsWith("/.")) {
      if (p !== "/") p += "/";
      p += ".";
    }
  }
  return p;
}

// ---- RUN ----

function summarizeHeredoc(doc: string): string {
  const lines = doc.trim().replace(/\r\n/g, "\n").split("\n");
  return lines.length > 1 ? `${lines[0]}...` : lines[0]!;
}

export function dispatchRun(d: DispatchState, c: RunCommand, sources: (DispatchState | undefined)[], ctx: DispatchContext): void {
  let customname = c.code;
  d.paths.set.add("/");
  let args = c.cmdLine;
  const extraMounts: RunSpec["mounts"] = [];
  if (c.files.length > 0) {
    if (args.length !== 1 || !c.prependShell) throw convertError(`parsing produced an invalid run command: [${args.join(" ")}]`);
    const heredoc = tryParseHeredocWord(args[0]!);
    if (heredoc) {
      const f = c.files[0]!;
      const data = f.chomp ? chompHeredocContent(f.data) : f.data;
      if (d.image.os !== "windows" && data.startsWith("#!")) {
        const st = file(State.scratch().dir("/"), FileActionChain.mkfile(f.name, 0o755, enc.encode(data)), [internalName("preparing inline document"), withPlatform(d.platform!)]);
        extraMounts.push({ dest: "/dev/pipes/", source: st, options: { selector: "/", readonly: true } });
        args = [joinPath("/dev/pipes/", f.name)];
      } else {
        args = [data];
      }
      customname += ` (${summarizeHeredoc(f.data)})`;
    } else {
      let b = args[0]!;
      for (const f of c.files) b += "\n" + f.data + f.name;
      args = [b];
    }
  }
  if (c.prependShell) args = withShell(d.image, args);

  const env = envOf(d.state);
  const secretMasked = secretEnvMask(c, env);
  const constraints: ConstraintsOpt[] = [dfCmd(c.code), withLocation(ctx.sourceMap, locationOf(c.location))];
  if (d.ignoreCache) constraints.push(ignoreCache);

  const { mounts, secrets, ssh } = dispatchRunMounts(d, c, sources, ctx);
  let execBase = d.state;
  if (c.security === "insecure") execBase = execBase.security(1);
  if (c.network === "none") execBase = execBase.network(2);
  else if (c.network === "host") execBase = execBase.network(1);
  // RUN --device needs a labs frontend; the stable one rejects it (only when the daemon has CDI).
  if (ctx.caps.has("exec.meta.cdi") && c.devices.length > 0) throw convertError("device feature is only supported in Dockerfile frontend 1.14.0-labs or later");

  const rs = ctx.run;
  if (rs?.ulimits?.length && ctx.caps.has("exec.meta.ulimit")) execBase = execBase.with({ ulimits: [...execBase.values.ulimits, ...rs.ulimits] });

  const name = prefixCommand(d, uppercaseCmd(processCmdEnv(customname, secretMasked, lexOptions(ctx, { rawQuotes: true, skipUnsetEnv: true }))), d.state.values.platform, env);
  constraints.push(withCustomName(name));
  if (rs?.extraHosts?.length) execBase = execBase.with({ extraHosts: [...execBase.values.extraHosts, ...rs.extraHosts] });
  const shm: RunSpec["mounts"] = [];
  if (rs?.shmSize && rs.shmSize > 0n && ctx.caps.has("exec.mount.tmpfs.size")) shm.push({ dest: "/dev/shm", source: State.scratch(), options: { tmpfs: { size: rs.shmSize } } });
  if (rs?.cgroupParent && ctx.caps.has("exec.meta.cgroup.parent")) execBase = execBase.with({ cgroupParent: rs.cgroupParent });

  const spec: RunSpec = { args, mounts: [...(extraMounts ?? []), ...mounts, ...shm], secrets, ssh, constraints };
  if (ctx.proxyEnv) spec.proxyEnv = ctx.proxyEnv;
  const es = run(execBase, spec);
  d.state = d.state.withOutput(es.exec.root);
}

function secretEnvMask(c: RunCommand, env: ReturnType<typeof envOf>): ReturnType<typeof envOf> {
  const masked = c.mounts.filter((m) => m.type === "secret" && m.env !== undefined).map((m) => m.env!);
  if (masked.length === 0) return env;
  return {
    get: (k) => (masked.includes(k) ? "****" : env.get(k)),
    keys: () => [...env.keys().filter((k) => !masked.includes(k)), ...masked],
  };
}

function dispatchRunMounts(
  d: DispatchState,
  c: RunCommand,
  sources: (DispatchState | undefined)[],
  ctx: DispatchContext,
): { mounts: NonNullable<RunSpec["mounts"]>; secrets: SecretSpec[]; ssh: SSHSpec[] } {
  const mounts: NonNullable<RunSpec["mounts"]> = [];
  const secrets: SecretSpec[] = [];
  const ssh: SSHSpec[] = [];
  c.mounts.forEach((m, i) => {
    let from = m.from;
    if (from === "" && m.type === "cache") from = "scratch";
    let st = ctx.buildContext;
    let src: DispatchState | undefined;
    if (from !== "") {
      src = sources[i];
      if (!src?.dispatched) throw convertError(`cannot mount from stage "${from}" to "${m.target}", stage needs to be defined before current command`, c.location);
      st = src.state;
    }
    const opts: MountOptions = {};
    if (m.type === "tmpfs") {
      st = State.scratch();
      opts.tmpfs = { size: BigInt(m.sizeLimit) };
    }
    if (m.type === "secret") {
      secrets.push(secretSpec(m));
      return;
    }
    if (m.type === "ssh") {
      ssh.push(sshSpec(m));
      return;
    }
    if (m.readOnly) opts.readonly = true;
    else if (m.type === "bind" && ctx.caps.has("exec.mount.bind.readwrite-nooutput")) opts.noOutput = true;
    if (m.type === "cache") {
      const sharing = m.cacheSharing === "private" ? 1 : m.cacheSharing === "locked" ? 2 : 0;
      opts.cache = { id: "/" + (m.cacheId || cleanPath(m.target)), sharing };
    }
    let target = m.target;
    if (!cleanPath(target).startsWith("/")) target = joinPath("/", d.state.values.dir, target);
    if (target === "/") throw convertError(`invalid mount target "${target}"`, c.location);
    const srcPath = joinPath("/", m.source);
    if (srcPath !== "/") opts.selector = srcPath;
    else if (m.uid !== undefined || m.gid !== undefined || m.mode !== undefined) {
      st = file(st, FileActionChain.mkdir("/cache", m.mode ?? 0o755, { chown: { user: { uid: m.uid ?? 0 }, group: { uid: m.gid ?? 0 } } }), [
        withCustomName("[internal] setting cache mount permissions"),
      ]);
      opts.selector = "/cache";
    }
    mounts.push({ dest: target, source: st, options: opts });
    const used = joinPath("/", m.source);
    if (from === "") d.ctxPaths.add(used);
    else src!.paths.set.add(used);
  });
  return { mounts, secrets, ssh };
}

function secretSpec(m: RunCommand["mounts"][number]): SecretSpec {
  let id = m.cacheId;
  if (m.source !== "") id = m.source;
  if (id === "") {
    if (m.target === "") throw convertError("one of source, target required");
    id = baseName(m.target);
  }
  let target: string | undefined = m.target !== "" ? m.target : undefined;
  if (m.env === undefined) target = m.target !== "" ? m.target : `/run/secrets/${baseName(id)}`;
  const s: SecretSpec = { id, mode: 0o400, uid: 0, gid: 0, optional: !m.required };
  if (target !== undefined) s.target = target;
  if (m.env !== undefined) s.env = m.env;
  if (m.uid !== undefined || m.gid !== undefined || m.mode !== undefined) {
    s.uid = m.uid ?? 0;
    s.gid = m.gid ?? 0;
    s.mode = m.mode ?? 0o400;
  }
  return s;
}

function sshSpec(m: RunCommand["mounts"][number]): SSHSpec {
  if (m.source !== "") throw convertError("ssh does not support source");
  const s: SSHSpec = { id: m.cacheId, target: m.target, mode: 0o600, uid: 0, gid: 0, optional: !m.required };
  if (m.uid !== undefined || m.gid !== undefined || m.mode !== undefined) {
    s.uid = m.uid ?? 0;
    s.gid = m.gid ?? 0;
    s.mode = m.mode ?? 0o600;
  }
  return s;
}

function baseName(p: string): string {
  const c = cleanPath(p);
  if (c === "/") return "/";
  const i = c.lastIndexOf("/");
  return i === -1 ? c : c.slice(i + 1);
}

// ---- COPY / ADD ----

export interface CopyConfig {
  params: SourcesAndDest;
  excludePatterns: string[];
  source: State;
  isAdd: boolean;
  code: string;
  chown: string;
  chmod: string;
  link: boolean;
  parents: boolean;
  checksum: string;
  unpack: boolean | undefined;
  keepGitDir: boolean | undefined;
  location: CopyCommand["location"];
}

export function copyConfigOf(c: CopyCommand | AddCommand, source: State): CopyConfig {
  return {
    params: c,
    excludePatterns: c.excludePatterns,
    source,
    isAdd: c.kind === "add",
    code: c.code,
    chown: c.chown,
    chmod: c.chmod,
    link: c.link,
    parents: c.kind === "copy" ? c.parents : false,
    checksum: c.kind === "add" ? c.checksum : "",
    unpack: c.kind === "add" ? c.unpack : undefined,
    keepGitDir: c.kind === "add" ? c.keepGitDir : undefined,
    location: c.location,
  };
}

function parseChmod(chmod: string): CopyInfo["mode"] {
  const nonOctal = convertError(`invalid chmod parameter: '${chmod}'. it should be octal string and between 0 and 07777`);
  if (/^[0-7]+$/.test(chmod)) {
    const n = parseInt(chmod, 8);
    if (n > 0o7777) throw nonOctal;
    return { mode: n };
  }
  if (/^[0-9]/.test(chmod)) throw nonOctal;
  if (!/^([ugoa]*([-+=]([rwxXst]*|[ugo]))+)(,([ugoa]*([-+=]([rwxXst]*|[ugo]))+))*$/.test(chmod)) throw convertError(`invalid mode: ${chmod}`);
  return { modeStr: chmod };
}

function isHttpSource(src: string): boolean {
  return (src.startsWith("http://") || src.startsWith("https://")) && !isGitSource(src);
}

function isGitSource(src: string): boolean {
  try {
    return parseGitRef(src) !== undefined;
  } catch {
    return true;
  }
}

function gitSource(g: GitRef, cfg: CopyConfig, pgName: string): State {
  let keepGitDir = cfg.keepGitDir;
  if (keepGitDir !== undefined && g.keepGitDir !== undefined && keepGitDir !== g.keepGitDir) throw convertError("inconsistent keep-git-dir configuration");
  if (g.keepGitDir !== undefined) keepGitDir = g.keepGitDir;
  let checksum = cfg.checksum;
  if (checksum !== "" && g.checksum !== "" && checksum !== g.checksum) throw convertError(`checksum mismatch "${checksum}" != "${g.checksum}"`);
  if (g.checksum !== "") checksum = g.checksum;
  // llb.Git: the identifier drops the scheme so that https and ssh remotes of a repository share it.
  const url = parseGitUrl(g.remote) ?? parseGitUrl("https://" + g.remote);
  const fullUrl = url ? url.remote : g.remote;
  let id = url ? url.host + joinPath("/", url.path) : fullUrl;
  const subDir = g.subDir ? joinPath("/", g.subDir).replace(/^\//, "") : "";
  if (url && (g.ref !== "" || subDir !== "")) id += "#" + g.ref + (subDir ? ":" + subDir : "");
  const attrs: Record<string, string> = {};
  const caps = ["source.git"];
  if (keepGitDir) {
    attrs["git.keepgitdir"] = "true";
    caps.push("source.git.keepgitdir");
  }
  if (fullUrl) {
    attrs["git.fullurl"] = fullUrl;
    caps.push("source.git.fullurl");
  }
  attrs["git.authtokensecret"] = "GIT_AUTH_TOKEN";
  attrs["git.authheadersecret"] = "GIT_AUTH_HEADER";
  if (url?.scheme === "ssh") {
    attrs["git.mountsshsock"] = "default";
    caps.push("source.git.knownsshhosts", "source.git.mountsshsock");
  }
  if (checksum) {
    attrs["git.checksum"] = checksum;
    caps.push("source.git.checksum");
  }
  if (g.submodules === false) {
    attrs["git.skipsubmodules"] = "true";
    caps.push("source.git.skipsubmodules");
  }
  if (g.fetchByCommit) {
    attrs["git.fetchbycommit"] = "true";
    caps.push("source.git.fetchbycommit");
  }
  return source("git://" + id, attrs, caps, [withCustomName(pgName)]);
}

export function dispatchCopy(d: DispatchState, cfg: CopyConfig, ctx: DispatchContext): void {
  const platform = d.platform ?? ctx.targetPlatform;
  const dest = pathRelativeToWorkingDir(d.state, cfg.params.destPath);
  const common: CopyInfo = {};
  if (cfg.chown !== "") common.chown = chownFrom(cfg.chown);
  if (cfg.excludePatterns.length > 0) common.excludePatterns = cfg.excludePatterns;
  const mode = cfg.chmod !== "" ? parseChmod(cfg.chmod) : undefined;
  if (cfg.checksum !== "") {
    if (!cfg.isAdd) throw convertError("checksum can't be specified for COPY");
    if (cfg.params.sourcePaths.length !== 1) throw convertError("checksum can't be specified for multiple sources");
    const s = cfg.params.sourcePaths[0]!;
    if (!isHttpSource(s) && !isGitSource(s)) throw convertError("checksum requires HTTP(S) or Git sources");
  }
  const env = envOf(d.state);
  const name = uppercaseCmd(processCmdEnv(cfg.code, env, lexOptions(ctx)));
  const pgName = prefixCommand(d, name, platform, env);
  let a: FileActionChain | undefined;
  const chain = (next: FileActionChain) => {
    a = a ? a.then(next) : next;
  };
  const withMode = (info: CopyInfo): CopyInfo => (mode ? { ...info, mode } : info);

  for (let src of cfg.params.sourcePaths) {
    let git: GitRef | undefined;
    try {
      git = parseGitRef(src);
    } catch (e) {
      throw convertError((e as Error).message);
    }
    if (git && !git.indistinguishableFromLocal) {
      if (!cfg.isAdd) throw convertError("source can't be a git ref for COPY");
      chain(FileActionChain.copy(gitSource(git, cfg, pgName), "/", dest, withMode({ ...common, createDestPath: true })));
    } else if (isHttpSource(src)) {
      if (!cfg.isAdd) throw convertError("source can't be a URL for COPY");
      let f = "__unnamed__";
      try {
        const u = new URL(src);
        const base = baseName(decodeURIComponent(u.pathname) || "/");
        if (base !== "." && base !== "/") f = base;
      } catch {
        // keep the default name, as upstream does when the URL does not parse
      }
      const opts: ConstraintsOpt[] = [withCustomName(pgName)];
      const st = http(src, { filename: f, ...(cfg.checksum ? { checksum: cfg.checksum } : {}) }, [...opts, dfCmd("")]);
      chain(FileActionChain.copy(st, f, dest, withMode({ ...common, createDestPath: true, attemptUnpack: cfg.unpack ?? false })));
    } else {
      let patterns: string[] | undefined;
      let requiredPaths: string[] | undefined;
      if (cfg.parents) {
        const i = src.indexOf("/./");
        let pattern: string;
        if (i === -1) {
          pattern = src;
          src = "/";
        } else {
          pattern = src.slice(i + 3);
          src = src.slice(0, i);
        }
        pattern = normalizePath("/", pattern, false);
        patterns = [pattern.replace(/^\//, "")];
        if (!containsWildcards(src) && !containsWildcards(pattern)) requiredPaths = [normalizePath("/", joinPath(src, pattern), false)];
      }
      src = normalizePath("/", src, false);
      const info: CopyInfo = {
        ...common,
        followSymlinks: true,
        copyDirContentsOnly: true,
        attemptUnpack: cfg.unpack ?? cfg.isAdd,
        createDestPath: true,
        allowWildcard: true,
        allowEmptyWildcard: true,
      };
      if (patterns) info.includePatterns = patterns;
      if (requiredPaths) info.requiredPaths = requiredPaths;
      chain(FileActionChain.copy(cfg.source, src, dest, withMode(info)));
    }
  }

  for (const sc of cfg.params.sourceContents) {
    const st = file(State.scratch().dir("/"), FileActionChain.mkfile(sc.path, 0o644, enc.encode(sc.data)), [internalName("preparing inline document"), withPlatform(platform)]);
    chain(FileActionChain.copy(st, sc.path, dest, withMode({ ...common, createDestPath: true })));
  }
  if (!a) return;

  const fileOpts: ConstraintsOpt[] = [withCustomName(pgName), withLocation(ctx.sourceMap, locationOf(cfg.location))];
  if (d.ignoreCache) fileOpts.push(ignoreCache);
  if (ctx.caps.has("mergeop") && cfg.link && cfg.chmod === "") {
    const pgId = ctx.nextProgressGroup();
    d.cmdIndex--;
    const groupName = prefixCommand(d, name, platform, env);
    const copyOpts = [withPlatform(platform), ...fileOpts, withProgressGroup(pgId, groupName, true)];
    d.cmdIndex--;
    const mergeOpts = [...fileOpts, withProgressGroup(pgId, groupName, false), withCustomName(prefixCommand(d, "LINK " + name, platform, env))];
    const copied = file(State.scratch().dir("/"), a, copyOpts);
    d.state = d.state.withOutput(merge([d.state, copied], mergeOpts).output);
  } else {
    d.state = file(d.state, a, fileOpts);
  }
}

function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === "*" || c === "?" || c === "[") return true;
    if (c === "\\") i++;
  }
  return false;
}

function pathRelativeToWorkingDir(s: State, p: string): string {
  const dir = s.values.dir;
  if (p.startsWith("/")) return normalizePath("/", p, true);
  if (p === "." || p === "") p = "./";
  return normalizePath(dir, p, true);
}
