// ExecOp: run a command over mounts. Marshals as client/llb does: mounts sorted by destination,
// inputs de-duplicated in mount order, outputs numbered over writable bind mounts, then secret and
// ssh mounts, caps recorded for every feature used.
import type { ExecOp as ExecOpProto, Input, Mount, Op } from "../gen/ops_pb";
import { addCap, mergeConstraints, newConstraints, platformToProto, type Constraints, type ConstraintsOpt } from "./constraints";
import { compareGoStrings } from "./go-compare";
import { finishOp, sameInput, State, toInput, type MarshalContext, type Marshalled, type Output, type Vertex } from "./state";

export const MountTypes = { bind: 0, secret: 1, ssh: 2, cache: 3, tmpfs: 4 } as const;
export const CacheSharing = { shared: 0, private: 1, locked: 2 } as const;

export interface MountOptions {
  readonly?: boolean;
  selector?: string;
  noOutput?: boolean;
  cache?: { id: string; sharing: number };
  tmpfs?: { size: bigint };
  contentCache?: number;
}

export interface SecretSpec {
  id: string;
  target?: string;
  env?: string;
  mode: number;
  uid: number;
  gid: number;
  optional: boolean;
}

export interface SSHSpec {
  id: string;
  target: string;
  mode: number;
  uid: number;
  gid: number;
  optional: boolean;
}

export interface ProxyEnvSpec {
  httpProxy?: string;
  httpsProxy?: string;
  ftpProxy?: string;
  noProxy?: string;
  allProxy?: string;
}

export interface RunSpec {
  /** The command; the state's args are used when absent. */
  args?: string[];
  mounts?: { dest: string; source: State; options?: MountOptions }[];
  secrets?: SecretSpec[];
  ssh?: SSHSpec[];
  proxyEnv?: ProxyEnvSpec;
  readonlyRoot?: boolean;
  /** Constraint options for the op: custom name, description, location, ignore cache … */
  constraints?: ConstraintsOpt[];
  /** Extra hosts, ulimits, cgroup parent, valid exit codes, network and security come from the state. */
}

interface MountEntry {
  dest: string;
  source: Output | undefined;
  options: MountOptions;
  output?: Output;
}

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export class ExecVertex implements Vertex {
  readonly mounts: MountEntry[] = [];
  readonly constraints: Constraints;
  root: Output | undefined;

  constructor(
    readonly base: State,
    readonly spec: RunSpec,
  ) {
    this.constraints = newConstraints(spec.constraints ?? []);
    const root: MountEntry = { dest: "/", source: base.output, options: { readonly: spec.readonlyRoot ?? false } };
    this.mounts.push(root);
    this.root = spec.readonlyRoot ? base.output : this.mountOutput(root);
    root.output = this.root;
  }

  private mountOutput(m: MountEntry): Output {
    const self = this;
    const platform = this.constraints.platform;
    const o: Output = {
      vertex: this,
      index: () => self.outputIndexOf(m),
      ...(platform ? { platform } : {}),
    };
    return o;
  }

  addMount(dest: string, source: Output | undefined, options: MountOptions = {}): Output | undefined {
    const m: MountEntry = { dest, source, options };
    this.mounts.push(m);
    if (options.readonly) m.output = source;
    else if (options.tmpfs) m.output = { vertex: this, index: () => 0, error: `tmpfs mount for ${dest} can't be used as a parent` };
    else if (options.noOutput) m.output = { vertex: this, index: () => 0, error: `mount marked no-output and ${dest} can't be used as a parent` };
    else m.output = this.mountOutput(m);
    return m.output;
  }

  private sortMounts(): void {
    // A stable sort by destination, as Go's slices.SortFunc with strings.Compare (byte order).
    this.mounts.sort((a, b) => compareGoStrings(a.dest, b.dest));
  }

  private outputIndexOf(m: MountEntry): number {
    this.sortMounts();
    let i = 0;
    for (const m2 of this.mounts) {
      const o = m2.options;
      if (o.noOutput || o.readonly || o.tmpfs || o.cache) continue;
      if (m2 === m) return i;
      i++;
    }
    throw new Error(`invalid mount: ${m.dest}`);
  }

  inputs(): Output[] {
    this.sortMounts();
    const seen = new Set<Output>();
    const out: Output[] = [];
    for (const m of this.mounts) if (m.source && !seen.has(m.source)) {
      seen.add(m.source);
      out.push(m.source);
    }
    return out;
  }

  marshal(ctx: MarshalContext): Marshalled {
    const c = this.constraints;
    const v = this.base.values;
    const args = this.spec.args ?? v.args ?? [];
    if (args.length === 0) throw new Error("arguments are required");
    if (!v.dir) throw new Error("working directory is required");
    this.sortMounts();
    let env = v.env;
    const ssh = (this.spec.ssh ?? []).map((s, i) => ({ ...s, target: s.target || `/run/buildkit/ssh_agent.${i}` }));
    if (ssh.length > 0 && env.get("SSH_AUTH_SOCK") === undefined) env = env.addOrReplace("SSH_AUTH_SOCK", ssh[0]!.target);
    if (ctx.constraints.caps) {
      if (!ctx.constraints.caps.has("exec.meta.setsdefaultpath")) {
        const os = ctx.constraints.platform?.os ?? c.platform?.os ?? "linux";
        if (os !== "windows") env = env.setDefault("PATH", DEFAULT_PATH);
      } else addCap(c, "exec.meta.setsdefaultpath");
    }
    if (v.validExitCodes) addCap(c, "exec.validexitcode");

    const meta: ExecOpProto["meta"] = { args, env: env.toArray(), cwd: v.dir, removeMountStubsRecursive: true };
    if (v.user) meta.user = v.user;
    if (v.hostname) meta.hostname = v.hostname;
    if (v.cgroupParent) meta.cgroupParent = v.cgroupParent;
    if (v.validExitCodes) meta.validExitCodes = v.validExitCodes;
    if (v.extraHosts.length > 0) meta.extraHosts = v.extraHosts.map((h) => ({ Host: h.host, IP: h.ip }));
    if (v.ulimits.length > 0) {
      addCap(c, "exec.meta.ulimit");
      meta.ulimit = v.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard }));
    }
    const exec: ExecOpProto = { meta };
    if (v.network !== 0) {
      exec.network = v.network;
      addCap(c, "exec.meta.network");
    }
    if (v.security === 1) {
      exec.security = 1;
      addCap(c, "exec.meta.security");
    }
    const p = this.spec.proxyEnv;
    if (p) {
      meta.proxy_env = {};
      if (p.httpProxy) meta.proxy_env.http_proxy = p.httpProxy;
      if (p.httpsProxy) meta.proxy_env.https_proxy = p.httpsProxy;
      if (p.ftpProxy) meta.proxy_env.ftp_proxy = p.ftpProxy;
      if (p.noProxy) meta.proxy_env.no_proxy = p.noProxy;
      if (p.allProxy) meta.proxy_env.all_proxy = p.allProxy;
      addCap(c, "exec.meta.proxyenv");
    }
    addCap(c, "exec.meta.base");
    for (const m of this.mounts) {
      if (m.options.selector) addCap(c, "exec.mount.selector");
      if (m.options.cache) {
        addCap(c, "exec.mount.cache");
        addCap(c, "exec.mount.cache.sharing");
      } else if (m.options.tmpfs) {
        addCap(c, "exec.mount.tmpfs");
        if (m.options.tmpfs.size > 0n) addCap(c, "exec.mount.tmpfs.size");
      } else if (m.source) addCap(c, "exec.mount.bind");
      if (m.options.contentCache) addCap(c, "exec.mount.contentcache");
    }
    const secrets = this.spec.secrets ?? [];
    if (secrets.length > 0) {
      addCap(c, "exec.mount.secret");
      if (secrets.some((s) => s.env !== undefined)) addCap(c, "exec.secretenv");
    }
    if (ssh.length > 0) addCap(c, "exec.mount.ssh");
    if (!c.platform && v.platform) c.platform = v.platform;

    const merged = mergeConstraints(ctx.constraints, c);
    const inputs: Input[] = [];
    const mounts: Mount[] = [];
    let outIndex = 0;
    for (const m of this.mounts) {
      let inputIndex = -1;
      if (m.source) {
        if (m.options.tmpfs) throw new Error("tmpfs mounts must use scratch");
        const inp = toInput(m.source, ctx);
        inputIndex = inputs.findIndex((x) => sameInput(x, inp));
        if (inputIndex === -1) {
          inputIndex = inputs.length;
          inputs.push(inp);
        }
      }
      let output = -1;
      if (!m.options.noOutput && !m.options.readonly && !m.options.cache && !m.options.tmpfs) output = outIndex++;
      const pm: Mount = { input: inputIndex, dest: m.dest, output };
      if (m.options.readonly) pm.readonly = true;
      if (m.options.selector) pm.selector = m.options.selector;
      if (m.options.cache) {
        pm.mountType = 3;
        pm.cacheOpt = { ID: m.options.cache.id, sharing: m.options.cache.sharing };
      }
      if (m.options.contentCache) pm.contentCache = m.options.contentCache;
      if (m.options.tmpfs) {
        pm.mountType = 4;
        pm.TmpfsOpt = { size: m.options.tmpfs.size };
      }
      mounts.push(pm);
    }
    exec.mounts = mounts;
    for (const s of secrets) {
      if (s.env !== undefined) (exec.secretenv ??= []).push({ ID: s.id, name: s.env, optional: s.optional });
      if (s.target !== undefined)
        mounts.push({ input: -1, dest: s.target, mountType: 1, secretOpt: { ID: s.id, uid: s.uid, gid: s.gid, optional: s.optional, mode: s.mode } });
    }
    for (const s of ssh) mounts.push({ input: -1, dest: s.target, mountType: 2, SSHOpt: { ID: s.id, uid: s.uid, gid: s.gid, mode: s.mode, optional: s.optional } });

    const op: Op = { platform: platformToProto(merged.platform), constraints: merged.workerConstraints.length ? { filter: merged.workerConstraints } : {}, op: { case: "exec", value: exec } };
    if (inputs.length > 0) op.inputs = inputs;
    return finishOp(op, merged.metadata, c.sourceLocations);
  }
}

/** The result of `State.run`: the new root state plus access to other mounts' outputs. */
export class ExecState {
  constructor(
    readonly exec: ExecVertex,
    readonly root: State,
  ) {}

  addMount(dest: string, source: State, options?: MountOptions): State {
    return source.withOutput(this.exec.addMount(dest, source.output, options));
  }

  getMount(dest: string): State {
    const m = this.exec.mounts.find((x) => x.dest === dest);
    return State.of(m?.output);
  }
}

export function run(base: State, spec: RunSpec): ExecState {
  const exec = new ExecVertex(base, spec);
  for (const m of spec.mounts ?? []) exec.addMount(m.dest, m.source.output, m.options);
  return new ExecState(exec, base.withOutput(exec.root));
}
