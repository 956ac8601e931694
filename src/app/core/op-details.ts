// Every field of an op as rows of (name, value) in BuildKit's field names, for the inspector.
// Empty/default fields are left out unless `always` says otherwise. Pure: no React.
import type { ChownOpt, ExecOp, FileAction, Mount, OpMetadata, Op, SourceOp, BuildOp, UserOpt, WorkerConstraints } from "../../llb/index";
import { MountType } from "../../llb/index";
import { bytesAsText, cacheSharingName, formatBytes, hexPreview, mountTypeName, netModeName, octal, securityModeName } from "./format";

export interface Row {
  key: string;
  value: string;
  /** Shown as a block of preformatted text (env lists, file data). */
  block?: boolean;
}

function push(rows: Row[], key: string, value: string | number | bigint | boolean | undefined | null, block = false): void {
  if (value === undefined || value === null || value === "" || value === false) return;
  rows.push(block ? { key, value: String(value), block } : { key, value: String(value) });
}

function quoteArgs(args: readonly string[]): string {
  return JSON.stringify(args);
}

export function execRows(exec: ExecOp): Row[] {
  const m = exec.meta ?? {};
  const rows: Row[] = [];
  push(rows, "args", m.args && m.args.length > 0 ? quoteArgs(m.args) : "", true);
  push(rows, "env", (m.env ?? []).join("\n"), true);
  push(rows, "cwd", m.cwd);
  push(rows, "user", m.user);
  push(rows, "hostname", m.hostname);
  push(rows, "extraHosts", (m.extraHosts ?? []).map((h) => `${h.Host ?? ""}=${h.IP ?? ""}`).join("\n"), true);
  push(rows, "ulimit", (m.ulimit ?? []).map((u) => `${u.Name ?? ""}=${u.Soft ?? 0n}:${u.Hard ?? 0n}`).join("\n"));
  rows.push({ key: "network", value: netModeName(exec.network) });
  rows.push({ key: "security", value: securityModeName(exec.security) });
  push(rows, "validExitCodes", (m.validExitCodes ?? []).join(", "));
  push(rows, "cgroupParent", m.cgroupParent);
  push(rows, "removeMountStubsRecursive", m.removeMountStubsRecursive ? "true" : "");
  const p = m.proxy_env;
  if (p) {
    const proxies = Object.entries(p)
      .filter(([k, v]) => k !== "$unknown" && typeof v === "string" && v !== "")
      .map(([k, v]) => `${k}=${String(v)}`);
    push(rows, "proxy_env", proxies.join("\n"), true);
  }
  push(rows, "secretenv", (exec.secretenv ?? []).map((s) => `${s.name ?? ""} ← secret ${s.ID ?? ""}${s.optional ? " (optional)" : ""}`).join("\n"), true);
  push(rows, "cdiDevices", (exec.cdiDevices ?? []).map((d) => `${d.name ?? ""}${d.optional ? " (optional)" : ""}`).join("\n"));
  return rows;
}

function idMode(o: { ID?: string; uid?: number; gid?: number; mode?: number; optional?: boolean }): string {
  return [`id=${o.ID ?? ""}`, `uid=${o.uid ?? 0}`, `gid=${o.gid ?? 0}`, `mode=${octal(o.mode)}`, o.optional ? "optional" : "required"].join(" ");
}

export function mountRows(mount: Mount, inputLabel: string): Row[] {
  const rows: Row[] = [];
  rows.push({ key: "type", value: mountTypeName(mount.mountType) });
  rows.push({ key: "dest", value: mount.dest ?? "" });
  rows.push({ key: "input", value: (mount.input ?? 0) < 0 ? "scratch (-1)" : inputLabel });
  push(rows, "selector", mount.selector);
  rows.push({ key: "output", value: (mount.output ?? 0) < 0 ? "none (-1)" : String(mount.output ?? 0) });
  push(rows, "readonly", mount.readonly ? "true" : "");
  if (mount.cacheOpt || mount.mountType === MountType.CACHE) rows.push({ key: "cacheOpt", value: `id=${mount.cacheOpt?.ID ?? ""} sharing=${cacheSharingName(mount.cacheOpt?.sharing)}` });
  if (mount.secretOpt) rows.push({ key: "secretOpt", value: idMode(mount.secretOpt) });
  if (mount.SSHOpt) rows.push({ key: "SSHOpt", value: idMode(mount.SSHOpt) });
  if (mount.TmpfsOpt) rows.push({ key: "TmpfsOpt", value: `size=${mount.TmpfsOpt.size ? formatBytes(mount.TmpfsOpt.size) : "default"}` });
  push(rows, "resultID", mount.resultID);
  if (mount.contentCache) rows.push({ key: "contentCache", value: ["default", "on", "off"][mount.contentCache] ?? String(mount.contentCache) });
  return rows;
}

function userOpt(u: UserOpt | undefined): string {
  const x = u?.user;
  if (!x) return "";
  return x.case === "byID" ? String(x.value) : `${x.value.name ?? ""}${x.value.input !== undefined && x.value.input >= 0 ? ` (from input ${x.value.input})` : ""}`;
}

function owner(o: ChownOpt | undefined): string {
  if (!o) return "";
  const u = userOpt(o.user);
  const g = userOpt(o.group);
  return g ? `${u || "0"}:${g}` : u;
}

function ts(t: bigint | undefined): string {
  if (t === undefined || t === -1n) return "";
  return `${new Date(Number(t / 1_000_000n)).toISOString()} (${t})`;
}

export interface FileActionDetail {
  action: string;
  rows: Row[];
}

export function fileActionDetail(a: FileAction, inputName: (index: number) => string): FileActionDetail {
  const rows: Row[] = [];
  const x = a.action;
  rows.push({ key: "input", value: inputName(a.input ?? 0) });
  if (x?.case === "copy") rows.push({ key: "secondaryInput", value: inputName(a.secondaryInput ?? 0) });
  rows.push({ key: "output", value: (a.output ?? 0) < 0 ? "none (-1)" : String(a.output) });
  switch (x?.case) {
    case "copy": {
      const c = x.value;
      push(rows, "src", c.src);
      push(rows, "dest", c.dest);
      push(rows, "owner", owner(c.owner));
      push(rows, "mode", c.modeStr || octal(c.mode));
      for (const k of ["followSymlink", "dirCopyContents", "attemptUnpackDockerCompatibility", "createDestPath", "allowWildcard", "allowEmptyWildcard", "alwaysReplaceExistingDestPaths"] as const) push(rows, k, c[k] ? "true" : "");
      push(rows, "timestamp", ts(c.timestamp));
      push(rows, "include_patterns", (c.include_patterns ?? []).join("\n"), true);
      push(rows, "exclude_patterns", (c.exclude_patterns ?? []).join("\n"), true);
      push(rows, "required_paths", (c.required_paths ?? []).join("\n"), true);
      break;
    }
    case "mkfile": {
      const f = x.value;
      push(rows, "path", f.path);
      push(rows, "mode", octal(f.mode));
      push(rows, "owner", owner(f.owner));
      push(rows, "timestamp", ts(f.timestamp));
      const data = f.data ?? new Uint8Array();
      const text = bytesAsText(data);
      rows.push({ key: `data (${data.length} B${text === undefined ? ", binary" : ""})`, value: text ?? hexPreview(data, 256), block: true });
      break;
    }
    case "mkdir": {
      const d = x.value;
      push(rows, "path", d.path);
      push(rows, "mode", octal(d.mode));
      push(rows, "makeParents", d.makeParents ? "true" : "");
      push(rows, "owner", owner(d.owner));
      push(rows, "timestamp", ts(d.timestamp));
      break;
    }
    case "rm": {
      const r = x.value;
      push(rows, "path", r.path);
      push(rows, "allowNotFound", r.allowNotFound ? "true" : "");
      push(rows, "allowWildcard", r.allowWildcard ? "true" : "");
      break;
    }
    case "symlink": {
      const s = x.value;
      push(rows, "oldpath", s.oldpath);
      push(rows, "newpath", s.newpath);
      push(rows, "owner", owner(s.owner));
      push(rows, "timestamp", ts(s.timestamp));
      break;
    }
  }
  return { action: x?.case ?? "unknown", rows };
}

export function sourceRows(s: SourceOp): Row[] {
  const rows: Row[] = [{ key: "identifier", value: s.identifier ?? "" }];
  for (const [k, v] of Object.entries(s.attrs ?? {}).sort(([a], [b]) => a.localeCompare(b))) rows.push({ key: k, value: v, block: v.includes("\n") });
  return rows;
}

export function buildRows(b: BuildOp, inputName: (index: number) => string): Row[] {
  const rows: Row[] = [{ key: "builder", value: inputName(b.builder ?? 0) }];
  for (const [k, v] of Object.entries(b.inputs ?? {})) rows.push({ key: `inputs[${k}]`, value: inputName(v.input ?? 0) });
  for (const [k, v] of Object.entries(b.attrs ?? {})) rows.push({ key: k, value: v });
  if (b.def) rows.push({ key: "def", value: `${b.def.def?.length ?? 0} ops` });
  return rows;
}

export function constraintRows(op: Op): Row[] {
  const rows: Row[] = [];
  const c: WorkerConstraints | undefined = op.constraints;
  push(rows, "constraints.filter", (c?.filter ?? []).join("\n"), true);
  return rows;
}

export function metadataRows(m: OpMetadata): Row[] {
  const rows: Row[] = [];
  for (const [k, v] of Object.entries(m.description ?? {}).sort(([a], [b]) => a.localeCompare(b))) rows.push({ key: `description[${k}]`, value: v, block: v.length > 60 });
  push(rows, "ignore_cache", m.ignore_cache ? "true" : "");
  if (m.export_cache) rows.push({ key: "export_cache", value: String(m.export_cache.Value ?? false) });
  const caps = Object.entries(m.caps ?? {}).filter(([, on]) => on).map(([k]) => k).sort();
  push(rows, "caps", caps.join("\n"), true);
  const g = m.progress_group;
  if (g) rows.push({ key: "progress_group", value: `id=${g.id ?? ""} name=${g.name ?? ""}${g.weak ? " weak" : ""}` });
  const r = m.linux_resources;
  if (r) {
    const parts = Object.entries(r).filter(([k, v]) => k !== "$unknown" && v !== undefined && v !== "" && v !== 0n).map(([k, v]) => `${k}=${String(v)}`);
    push(rows, "linux_resources", parts.join("\n"), true);
  }
  return rows;
}
