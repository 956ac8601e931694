// `--local NAME=DIR` and `--secret id=ID,src=FILE|env=VAR` as buildctl parses them, turned into
// the session spec the bridge serves. Secret values are read here, kept in memory for the build
// and never printed.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readIgnoreFile, type SessionSpec } from "../solver-client/bridge/index";
import { CliError } from "./cli-error";

/** BuildKit's limit on one secret. */
const MAX_SECRET_SIZE = 500 * 1024;

/** `NAME=DIR` pairs (buildctl's --local); the directory must exist. */
export function parseLocals(values: readonly string[], command: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    if (eq <= 0 || eq === v.length - 1) throw new CliError(`${command}: --local ${JSON.stringify(v)}: expected NAME=DIR`, 2);
    const name = v.slice(0, eq);
    const dir = resolve(v.slice(eq + 1));
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new CliError(`${command}: --local ${name}=${v.slice(eq + 1)}: not a directory`, 2);
    out[name] = dir;
  }
  return out;
}

/** Splits buildctl's CSV-ish `k=v,k=v` (double quotes may wrap a field). */
function csvFields(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') {
      if (quoted && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * `id=ID[,src=FILE|source=FILE][,env=VAR][,type=file|env]` (buildctl's --secret). Without src
 * and env, the environment variable named ID is used when set, else the file named ID.
 */
export function parseSecrets(values: readonly string[], command: string, env: NodeJS.ProcessEnv = process.env): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const v of values) {
    let id = "";
    let src = "";
    let envName = "";
    let type = "";
    for (const field of csvFields(v)) {
      const eq = field.indexOf("=");
      if (eq < 0) throw new CliError(`${command}: --secret: invalid field '${field}' must be a key=value pair`, 2);
      const key = field.slice(0, eq).toLowerCase();
      const value = field.slice(eq + 1);
      if (key === "type") {
        if (value !== "file" && value !== "env") throw new CliError(`${command}: --secret: unsupported secret type ${JSON.stringify(value)}`, 2);
        type = value;
      } else if (key === "id") id = value;
      else if (key === "src" || key === "source") src = value;
      else if (key === "env") envName = value;
      else throw new CliError(`${command}: --secret: unexpected key '${key}' in '${field}'`, 2);
    }
    if (type === "env" && envName === "") {
      envName = src;
      src = "";
    }
    if (id === "") throw new CliError(`${command}: --secret: secret missing ID`, 2);
    if (envName === "" && src === "") {
      if (env[id] !== undefined) envName = id;
      else src = id;
    }
    let value: Uint8Array;
    if (envName !== "") {
      const e = env[envName];
      if (e === undefined) throw new CliError(`${command}: --secret id=${id}: environment variable ${envName} is not set`, 2);
      value = new TextEncoder().encode(e);
    } else {
      try {
        if (statSync(src).size > MAX_SECRET_SIZE) throw new CliError(`${command}: --secret id=${id}: ${src} is too big (max 500 KiB)`, 2);
        value = readFileSync(src);
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`${command}: --secret id=${id}: cannot read ${src}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`, 2);
      }
    }
    out[id] = value;
  }
  return out;
}

/**
 * The exclude patterns for a Dockerfile's context, as the Dockerfile frontend picks them:
 * `<Dockerfile>.dockerignore` next to the Dockerfile first, else `.dockerignore` in the context.
 */
export function dockerignoreFor(dockerfilePath: string | null, contextDir: string): { file: string; patterns: string[] } | null {
  const candidates = [...(dockerfilePath ? [`${dockerfilePath}.dockerignore`] : []), join(contextDir, ".dockerignore")];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    return { file, patterns: readIgnoreFile(readFileSync(file, "utf8")) };
  }
  return null;
}

export interface SessionFlags {
  locals: Record<string, string>;
  secrets: Record<string, Uint8Array>;
}

/**
 * The session spec for a build. For a Dockerfile read from a file, `context` and `dockerfile`
 * default to the Dockerfile's directory (unless given with --local) and the context gets the
 * .dockerignore patterns.
 */
export function sessionSpecFor(flags: SessionFlags, dockerfilePath: string | null): SessionSpec {
  const locals: SessionSpec["locals"] = { ...flags.locals };
  if (dockerfilePath) {
    const dir = dirname(resolve(dockerfilePath));
    locals.context ??= dir;
    locals.dockerfile ??= dir;
    const ctx = typeof locals.context === "string" ? locals.context : locals.context.dir;
    const ignore = dockerignoreFor(resolve(dockerfilePath), ctx);
    if (ignore && ignore.patterns.length > 0) locals.context = { dir: ctx, excludes: ignore.patterns };
  }
  return { locals, secrets: { ...flags.secrets } };
}
