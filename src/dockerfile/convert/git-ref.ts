// Git sources in ADD, as BuildKit's dfgitutil recognises them: `https://host/repo.git#ref:subdir`,
// `git://…`, `ssh://…`, `git@host:repo`, `github.com/org/repo`, with query options (?ref=, ?tag=,
// ?branch=, ?subdir=, ?checksum=, ?keep-git-dir, ?submodules, ?fetch-by-commit).

export interface GitRef {
  /** Remote URL without fragment or query. */
  remote: string;
  ref: string;
  subDir: string;
  checksum: string;
  keepGitDir?: boolean;
  submodules?: boolean;
  fetchByCommit: boolean;
  indistinguishableFromLocal: boolean;
}

export class GitRefError extends Error {
  override readonly name = "GitRefError";
}

export interface GitURL {
  scheme: string;
  host: string;
  path: string;
  /** Remote without fragment and query. */
  remote: string;
  fragment: string;
  query: [string, string][];
}

const SUPPORTED = new Set(["http", "https", "ssh", "git"]);
const SCP = /^(?:([^@/]+)@)?([^:/]+):(?!\/\/)(.*)$/;

/** gitutil.ParseURL; undefined for strings that are not git URLs at all. */
export function parseGitUrl(remote: string): GitURL | undefined {
  const proto = /^([a-zA-Z0-9]+):\/\//.exec(remote);
  if (proto) {
    const scheme = proto[1]!.toLowerCase();
    if (!SUPPORTED.has(scheme)) return undefined;
    let u: URL;
    try {
      u = new URL(remote);
    } catch {
      return undefined;
    }
    const hashIdx = remote.indexOf("#");
    const fragment = hashIdx === -1 ? "" : decodeURIComponent(remote.slice(hashIdx + 1));
    const noFrag = hashIdx === -1 ? remote : remote.slice(0, hashIdx);
    const q = noFrag.indexOf("?");
    const withoutOpts = q === -1 ? noFrag : noFrag.slice(0, q);
    const query: [string, string][] = [...u.searchParams.entries()];
    return { scheme, host: u.host, path: decodeURIComponent(u.pathname), remote: withoutOpts, fragment, query };
  }
  const m = SCP.exec(remote);
  if (m && m[1]) {
    const [pathPart, fragment = ""] = splitOnce(m[3]!, "#");
    return { scheme: "ssh", host: m[2]!, path: pathPart, remote: `${m[1]}@${m[2]}:${pathPart}`, fragment, query: [] };
  }
  return undefined;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** dfgitutil.ParseGitRef: a GitRef, or undefined when `ref` is not a git source. */
export function parseGitRef(ref: string): GitRef | undefined {
  if (ref.startsWith("./") || ref.startsWith("../")) return undefined;
  let u: GitURL | undefined;
  let indistinguishable = false;
  if (ref.startsWith("github.com/")) {
    indistinguishable = true;
    u = parseGitUrl("https://" + ref);
  } else {
    u = parseGitUrl(ref);
    if (!u) return undefined;
    if ((u.scheme === "http" || u.scheme === "https") && !u.path.endsWith(".git")) return undefined;
  }
  if (!u) return undefined;
  let remote = u.remote;
  if (indistinguishable) remote = remote.slice(remote.indexOf("://") + 3);
  const [r, subdir = ""] = splitOnce(u.fragment, ":");
  const res: GitRef = { remote, ref: u.fragment ? r : "", subDir: u.fragment ? subdir : "", checksum: "", fetchByCommit: false, indistinguishableFromLocal: indistinguishable };
  loadQuery(res, u.query);
  return res;
}

function parseBoolValue(v: string | undefined, what: string): boolean {
  if (v === undefined) return true;
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  throw new GitRefError(`invalid ${what} value: "${v}"`);
}

function loadQuery(g: GitRef, query: [string, string][]): void {
  let tag = "";
  let branch = "";
  const seen = new Set<string>();
  for (const [k, raw] of query) {
    if (seen.has(k)) throw new GitRefError(`query "${k}" has multiple values`);
    seen.add(k);
    let v: string | undefined = raw;
    if (raw === "") {
      if (k === "submodules" || k === "keep-git-dir" || k === "fetch-by-commit") v = undefined;
      else throw new GitRefError(`query "${k}" has no value`);
    }
    switch (k) {
      case "ref":
        if (g.ref !== "" && g.ref !== v) throw new GitRefError(`ref conflicts: "${g.ref}" vs "${v}"`);
        g.ref = v!;
        break;
      case "tag":
        tag = v!;
        break;
      case "branch":
        branch = v!;
        break;
      case "subdir":
        if (g.subDir !== "" && g.subDir !== v) throw new GitRefError(`subdir conflicts: "${g.subDir}" vs "${v}"`);
        g.subDir = v!;
        break;
      case "checksum":
      case "commit":
        g.checksum = v!;
        break;
      case "keep-git-dir":
        g.keepGitDir = parseBoolValue(v, "keep-git-dir");
        break;
      case "submodules":
        g.submodules = parseBoolValue(v, "submodules");
        break;
      case "fetch-by-commit":
        g.fetchByCommit = parseBoolValue(v, "fetch-by-commit");
        break;
      case "mtime":
        throw new GitRefError(`unsupported query "mtime"`);
      default:
        throw new GitRefError(`unexpected query "${k}"`);
    }
  }
  if (tag !== "") {
    if (!tag.startsWith("refs/tags/")) tag = "refs/tags/" + tag;
    if (g.ref !== "" && g.ref !== tag) throw new GitRefError(`ref conflicts: "${g.ref}" vs "${tag}"`);
    g.ref = tag;
  }
  if (branch !== "") {
    if (tag !== "") throw new GitRefError("branch conflicts with tag");
    if (!branch.startsWith("refs/heads/")) branch = "refs/heads/" + branch;
    if (g.ref !== "" && g.ref !== branch) throw new GitRefError(`ref conflicts: "${g.ref}" vs "${branch}"`);
    g.ref = branch;
  }
}
