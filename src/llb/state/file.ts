// FileOp: a chain of file actions (mkdir, mkfile, rm, copy, symlink). Actions are flattened in
// creation order; each reads an op input, an earlier action's result, or scratch.
import type { ChownOpt as ChownProto, FileAction as FileActionProto, FileActionCopy, Input, Op, UserOpt as UserOptProto } from "../gen/ops_pb";
import { addCap, mergeConstraints, newConstraints, type Constraints, type ConstraintsOpt } from "./constraints";
import { cleanPath, finishOp, joinPath, sameInput, State, toInput, type MarshalContext, type Marshalled, type Output, type Vertex } from "./state";

export interface UserSpec {
  uid?: number;
  name?: string;
}

export interface ChownSpec {
  user?: UserSpec;
  group?: UserSpec;
}

/** `user[:group]` as Dockerfile --chown and USER write it: numbers (and "root") are ids, anything else a name. */
export function chownFrom(spec: string): ChownSpec {
  const [u, g] = splitOnce(spec, ":");
  const out: ChownSpec = { user: userSpec(u) };
  if (g !== undefined) out.group = userSpec(g);
  return out;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function userSpec(v: string): UserSpec {
  if (v === "root") return { uid: 0 };
  if (/^[+-]?\d+$/.test(v)) {
    const n = Number(v);
    if (n >= -2147483648 && n <= 2147483647) return { uid: n };
  }
  return { name: v };
}

export interface CopyInfo {
  mode?: { mode: number } | { modeStr: string };
  followSymlinks?: boolean;
  copyDirContentsOnly?: boolean;
  includePatterns?: string[];
  excludePatterns?: string[];
  requiredPaths?: string[];
  attemptUnpack?: boolean;
  createDestPath?: boolean;
  allowWildcard?: boolean;
  allowEmptyWildcard?: boolean;
  chown?: ChownSpec;
  createdTime?: bigint;
  alwaysReplaceExistingDestPaths?: boolean;
}

type ActionKind =
  | { kind: "mkdir"; path: string; mode: number; makeParents: boolean; chown?: ChownSpec; createdTime?: bigint }
  | { kind: "mkfile"; path: string; mode: number; data: Uint8Array; chown?: ChownSpec; createdTime?: bigint }
  | { kind: "rm"; path: string; allowNotFound: boolean; allowWildcard: boolean }
  | { kind: "symlink"; oldpath: string; newpath: string; chown?: ChownSpec; createdTime?: bigint }
  | { kind: "copy"; source: State | FileActionChain; src: string; dest: string; info: CopyInfo };

/** An immutable chain of file actions; `bind` attaches the chain to the state it runs on. */
export class FileActionChain {
  constructor(
    readonly action: ActionKind,
    readonly prev?: FileActionChain,
    readonly state?: State,
  ) {}

  static mkdir(path: string, mode: number, opts: { makeParents?: boolean; chown?: ChownSpec; createdTime?: bigint } = {}): FileActionChain {
    return new FileActionChain({ kind: "mkdir", path, mode, makeParents: opts.makeParents ?? false, ...opt("chown", opts.chown), ...opt("createdTime", opts.createdTime) });
  }

  static mkfile(path: string, mode: number, data: Uint8Array, opts: { chown?: ChownSpec; createdTime?: bigint } = {}): FileActionChain {
    return new FileActionChain({ kind: "mkfile", path, mode, data, ...opt("chown", opts.chown), ...opt("createdTime", opts.createdTime) });
  }

  static rm(path: string, opts: { allowNotFound?: boolean; allowWildcard?: boolean } = {}): FileActionChain {
    return new FileActionChain({ kind: "rm", path, allowNotFound: opts.allowNotFound ?? false, allowWildcard: opts.allowWildcard ?? false });
  }

  static symlink(oldpath: string, newpath: string, opts: { chown?: ChownSpec; createdTime?: bigint } = {}): FileActionChain {
    return new FileActionChain({ kind: "symlink", oldpath, newpath, ...opt("chown", opts.chown), ...opt("createdTime", opts.createdTime) });
  }

  static copy(source: State | FileActionChain, src: string, dest: string, info: CopyInfo = {}): FileActionChain {
    return new FileActionChain({ kind: "copy", source, src, dest, info });
  }

  /** Appends another action after this one. */
  then(next: FileActionChain): FileActionChain {
    return new FileActionChain(next.action, this);
  }

  bind(s: State): FileActionChain {
    return new FileActionChain(this.action, this.prev?.bind(s), s);
  }
}

function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: V };
}

interface ActionState {
  fa: FileActionChain;
  base: number;
  input: number;
  inputRelative?: ActionState;
  input2: number;
  input2Relative?: ActionState;
  target: number;
}

export class FileVertex implements Vertex {
  readonly constraints: Constraints;
  readonly output: Output;

  constructor(
    readonly action: FileActionChain,
    opts: ConstraintsOpt[],
  ) {
    this.constraints = newConstraints(opts);
    this.output = { vertex: this, index: () => 0 };
  }

  inputs(): Output[] {
    const seen = new Set<Output>();
    const out: Output[] = [];
    const add = (o: Output | undefined) => {
      if (o && !seen.has(o)) {
        seen.add(o);
        out.push(o);
      }
    };
    // Walk from the last action back, as client/llb's allOutputs does: it decides `def` order.
    const walk = (fa: FileActionChain | undefined): void => {
      if (!fa) return;
      add(fa.state?.output);
      if (fa.action.kind === "copy") {
        const s = fa.action.source;
        if (s instanceof State) add(s.output);
        else walk(s);
      }
      walk(fa.prev);
    };
    walk(this.action);
    return out;
  }

  marshal(ctx: MarshalContext): Marshalled {
    const c = this.constraints;
    addCap(c, "file.base");
    if (!c.platform && this.action.state?.values.platform) c.platform = this.action.state.values.platform;
    const merged = mergeConstraints(ctx.constraints, c);

    const inputs: Input[] = [];
    const actions: ActionState[] = [];
    const visited = new Map<FileActionChain, ActionState>();
    const addInput = (o: Output): number => {
      const inp = toInput(o, ctx);
      const i = inputs.findIndex((x) => sameInput(x, inp));
      if (i !== -1) return i;
      inputs.push(inp);
      return inputs.length - 1;
    };
    const add = (fa: FileActionChain): ActionState => {
      const done = visited.get(fa);
      if (done) return done;
      const prev = fa.prev ? add(fa.prev) : undefined;
      const st: ActionState = { fa, base: -1, input: -1, input2: -1, target: 0 };
      const out = fa.state?.output;
      if (out) st.base = addInput(out);
      if (!fa.prev) st.input = st.base;
      else st.inputRelative = prev!;
      if (fa.action.kind === "copy") {
        const s = fa.action.source;
        if (s instanceof State) {
          if (s.output) st.input2 = addInput(s.output);
        } else st.input2Relative = add(s);
      }
      st.target = actions.length;
      visited.set(fa, st);
      actions.push(st);
      return st;
    };
    add(this.action);

    const index = (abs: number, rel: ActionState | undefined) => (rel ? inputs.length + rel.target : abs);
    const protoActions: FileActionProto[] = actions.map((st, i) => {
      const parent = st.fa.state?.values.dir ?? "";
      return {
        input: index(st.input, st.inputRelative),
        secondaryInput: index(st.input2, st.input2Relative),
        output: i + 1 === actions.length ? 0 : -1,
        action: protoAction(st.fa.action, parent, st.base),
      };
    });
    const op: Op = { constraints: merged.workerConstraints.length ? { filter: merged.workerConstraints } : {}, op: { case: "file", value: { actions: protoActions } } };
    if (inputs.length > 0) op.inputs = inputs;
    return finishOp(op, merged.metadata, c.sourceLocations);
  }
}

function protoAction(a: ActionKind, parent: string, base: number): FileActionProto["action"] {
  switch (a.kind) {
    case "mkdir":
      return {
        case: "mkdir",
        value: { path: normalizePath(parent, a.path, false), mode: a.mode & 0o777, makeParents: a.makeParents, ...ownerOf(a.chown, base), timestamp: a.createdTime ?? -1n },
      };
    case "mkfile":
      return { case: "mkfile", value: { path: normalizePath(parent, a.path, false), mode: a.mode & 0o777, data: a.data, ...ownerOf(a.chown, base), timestamp: a.createdTime ?? -1n } };
    case "rm":
      return { case: "rm", value: { path: normalizePath(parent, a.path, false), allowNotFound: a.allowNotFound, allowWildcard: a.allowWildcard } };
    case "symlink":
      return { case: "symlink", value: { oldpath: a.oldpath, newpath: a.newpath, ...ownerOf(a.chown, base), timestamp: a.createdTime ?? -1n } };
    case "copy": {
      const i = a.info;
      const c: FileActionCopy = {
        src: copySourcePath(a.source, a.src),
        dest: normalizePath(parent, a.dest, true),
        ...ownerOf(i.chown, base),
        followSymlink: i.followSymlinks ?? false,
        dirCopyContents: i.copyDirContentsOnly ?? false,
        attemptUnpackDockerCompatibility: i.attemptUnpack ?? false,
        createDestPath: i.createDestPath ?? false,
        allowWildcard: i.allowWildcard ?? false,
        allowEmptyWildcard: i.allowEmptyWildcard ?? false,
        timestamp: i.createdTime ?? -1n,
        alwaysReplaceExistingDestPaths: i.alwaysReplaceExistingDestPaths ?? false,
      };
      if (i.includePatterns?.length) c.include_patterns = i.includePatterns;
      if (i.excludePatterns?.length) c.exclude_patterns = i.excludePatterns;
      if (i.requiredPaths?.length) c.required_paths = i.requiredPaths;
      if (!i.mode) c.mode = -1;
      else if ("modeStr" in i.mode) c.modeStr = i.mode.modeStr;
      else c.mode = i.mode.mode;
      return { case: "copy", value: c };
    }
  }
}

function ownerOf(chown: ChownSpec | undefined, base: number): { owner?: ChownProto } {
  if (!chown) return {};
  const owner: ChownProto = {};
  const u = userOpt(chown.user, base);
  const g = userOpt(chown.group, base);
  if (u) owner.user = u;
  if (g) owner.group = g;
  return { owner };
}

function userOpt(u: UserSpec | undefined, base: number): UserOptProto | undefined {
  if (!u) return undefined;
  if (u.name) return { user: { case: "byName", value: { name: u.name, input: base } } };
  return { user: { case: "byID", value: (u.uid ?? 0) >>> 0 } };
}

function copySourcePath(source: State | FileActionChain, src: string): string {
  const p = cleanPath(src);
  let dir = "/";
  if (!p.startsWith("/")) dir = (source instanceof State ? source.values.dir : source.state?.values.dir) ?? "/";
  return joinPath(dir, p);
}

/** client/llb normalizePath: clean, make absolute against `parent`, keep a trailing `/` or `/.` for destinations. */
export function normalizePath(parent: string, p: string, keepSlash: boolean): string {
  const orig = p;
  p = cleanPath(p);
  if (!p.startsWith("/")) p = joinPath("/", parent, p);
  if (keepSlash) {
    if (orig.endsWith("/") && !p.endsWith("/")) p += "/";
    else if (orig.endsWith("/.")) {
      if (p !== "/") p += "/";
      p += ".";
    }
  }
  return p;
}

/** `state.File(action, opts…)`: a new state whose filesystem is the file op's result. */
export function file(s: State, action: FileActionChain, opts: ConstraintsOpt[] = []): State {
  const v = new FileVertex(action.bind(s), opts);
  return s.withOutput(v.output);
}
