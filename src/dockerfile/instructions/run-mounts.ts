/**
 * `RUN --mount=...` and `RUN --device=...` option parsing. At instruction
 * time only the CSV shape and `from=` are checked (upstream defers the rest);
 * the converter calls `parseRunMount` with an expander for the real parse.
 */
import { DockerfileError } from "../errors";
import { goQuote } from "../go-text";
import { withSuggestion } from "../suggest";
import { CsvError, csvFields } from "./csv-fields";
import { parseGoBool, parseGoUint, parseRamInBytes } from "./go-parse";

/** A `--mount` / `--device` option error (message as upstream, no location). */
export class MountError extends DockerfileError {
  constructor(message: string) {
    super("mount", message);
  }
}

export type MountType = "bind" | "cache" | "tmpfs" | "secret" | "ssh";
export type ShareMode = "shared" | "private" | "locked";

const MOUNT_TYPES: readonly MountType[] = ["bind", "cache", "tmpfs", "secret", "ssh"];
const SHARE_MODES: readonly ShareMode[] = ["shared", "private", "locked"];
const ALL_KEYS = [
  "type",
  "from",
  "source",
  "target",
  "readonly",
  "id",
  "sharing",
  "required",
  "size",
  "mode",
  "uid",
  "gid",
  "src",
  "dst",
  "destination",
  "ro",
  "rw",
  "readwrite",
  "env",
];

/** A parsed `--mount` (upstream `instructions.Mount`). */
export interface RunMountSpec {
  type: MountType;
  from: string;
  source: string;
  target: string;
  readOnly: boolean;
  /** tmpfs `size=` in bytes (0 = unset). */
  sizeLimit: number;
  /** `id=` (cache id, or secret id). */
  cacheId: string;
  cacheSharing: ShareMode | "";
  required: boolean;
  /** secret `env=`; undefined when absent. */
  env: string | undefined;
  /** `mode=` (octal), undefined when absent. */
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
}

export interface RunDevice {
  name: string;
  required: boolean;
}

function fields(value: string, what: string): string[] {
  try {
    return csvFields(value);
  } catch (e) {
    if (e instanceof CsvError) throw new MountError(`failed to parse csv ${what}: ${e.message}`);
    throw e;
  }
}

/**
 * Parses one `--mount` value. With `expand` (the converter's word expander)
 * every value is expanded and fully validated; without it, only `from=`
 * (which must not use variables) is looked at, like upstream's parse-time pass.
 * Throws MountError with upstream's message.
 */
export function parseRunMount(value: string, expand?: (word: string) => string): RunMountSpec {
  const m: RunMountSpec = {
    type: "bind",
    from: "",
    source: "",
    target: "",
    readOnly: false,
    sizeLimit: 0,
    cacheId: "",
    cacheSharing: "",
    required: false,
    env: undefined,
    mode: undefined,
    uid: undefined,
    gid: undefined,
  };
  let roAuto = true;
  for (const field of fields(value, "mounts")) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    let val = eq < 0 ? "" : field.slice(eq + 1);
    if (eq < 0) {
      if (!expand) continue;
      switch (key) {
        case "readonly":
        case "ro":
          m.readOnly = true;
          roAuto = false;
          continue;
        case "readwrite":
        case "rw":
          m.readOnly = false;
          roAuto = false;
          continue;
        case "required":
          if (m.type === "secret" || m.type === "ssh") {
            m.required = true;
            continue;
          }
          throw new MountError(`unexpected key '${key}' for mount type '${m.type}'`);
        default:
          throw new MountError(`invalid field '${field}' must be a key=value pair`);
      }
    }
    if (expand) {
      val = expand(val);
    } else if (key === "from") {
      const idx = val.indexOf("$");
      if (idx !== -1 && idx !== val.length - 1) {
        throw new MountError(`'${key}' doesn't support variable expansion, define alias stage instead`);
      }
    } else {
      continue;
    }
    switch (key) {
      case "type": {
        const t = val.toLowerCase();
        if (!(MOUNT_TYPES as readonly string[]).includes(t)) {
          throw new MountError(withSuggestion(`unsupported mount type ${goQuote(val)}`, val, MOUNT_TYPES, true));
        }
        m.type = t as MountType;
        break;
      }
      case "from":
        m.from = val;
        break;
      case "source":
      case "src":
        m.source = val;
        break;
      case "target":
      case "dst":
      case "destination":
        m.target = val;
        break;
      case "readonly":
      case "ro": {
        const b = parseGoBool(val);
        if (b === null) throw new MountError(`invalid value for ${key}: ${val}`);
        m.readOnly = b;
        roAuto = false;
        break;
      }
      case "readwrite":
      case "rw": {
        const b = parseGoBool(val);
        if (b === null) throw new MountError(`invalid value for ${key}: ${val}`);
        m.readOnly = !b;
        roAuto = false;
        break;
      }
      case "required":
        if (m.type === "secret" || m.type === "ssh") {
          const b = parseGoBool(val);
          if (b === null) throw new MountError(`invalid value for ${key}: ${val}`);
          m.required = b;
        } else {
          throw new MountError(`unexpected key '${key}' for mount type '${m.type}'`);
        }
        break;
      case "size":
        if (m.type === "tmpfs") {
          const n = parseRamInBytes(val);
          if (n === null) throw new MountError(`invalid value for ${key}: ${val}`);
          m.sizeLimit = n;
        } else {
          throw new MountError(`unexpected key '${key}' for mount type '${m.type}'`);
        }
        break;
      case "id":
        m.cacheId = val;
        break;
      case "sharing": {
        const s = val.toLowerCase();
        if (!(SHARE_MODES as readonly string[]).includes(s)) {
          throw new MountError(withSuggestion(`unsupported sharing value ${goQuote(val)}`, val, SHARE_MODES, true));
        }
        m.cacheSharing = s as ShareMode;
        break;
      }
      case "mode": {
        const n = parseGoUint(val, 8, 32);
        if (n === null) throw new MountError(`invalid value ${val} for mode`);
        m.mode = Number(n);
        break;
      }
      case "uid": {
        const n = parseGoUint(val, 10, 32);
        if (n === null) throw new MountError(`invalid value ${val} for uid`);
        m.uid = Number(n);
        break;
      }
      case "gid": {
        const n = parseGoUint(val, 10, 32);
        if (n === null) throw new MountError(`invalid value ${val} for gid`);
        m.gid = Number(n);
        break;
      }
      case "env":
        m.env = val;
        break;
      default:
        throw new MountError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, ALL_KEYS, true));
    }
  }
  const fileInfoAllowed = m.type === "secret" || m.type === "ssh" || m.type === "cache";
  if (!fileInfoAllowed) {
    if (m.mode !== undefined) throw new MountError(`mode not allowed for "${m.type}" type mounts`);
    if (m.uid !== undefined) throw new MountError(`uid not allowed for "${m.type}" type mounts`);
    if (m.gid !== undefined) throw new MountError(`gid not allowed for "${m.type}" type mounts`);
  }
  if (roAuto) m.readOnly = !(m.type === "cache" || m.type === "tmpfs");
  if (m.type === "secret") {
    if (m.from !== "") throw new MountError("secret mount should not have a from");
    if (m.cacheSharing !== "") throw new MountError("secret mount should not define sharing");
    if (m.source === "" && m.target === "" && m.cacheId === "") {
      throw new MountError("invalid secret mount. one of source, target required");
    }
    if (m.source !== "" && m.cacheId !== "") throw new MountError("both source and id can't be set");
  }
  if (m.cacheSharing !== "" && m.type !== "cache") {
    throw new MountError(`invalid cache sharing set for ${m.type} mount`);
  }
  return m;
}

/** Parses one `--device` value (upstream `ParseDevice`). */
export function parseRunDevice(value: string): RunDevice {
  const d: RunDevice = { name: "", required: false };
  for (const field of fields(value, "devices")) {
    const eq = field.indexOf("=");
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? "" : field.slice(eq + 1);
    if (eq < 0) {
      if (key === "required") {
        d.required = true;
        continue;
      }
      if (d.name === "") {
        d.name = field;
        continue;
      }
      throw new MountError(`invalid field '${field}' must be a key=value pair`);
    }
    switch (key) {
      case "name":
        if (d.name !== "") throw new MountError(`device name already set to ${d.name}`);
        d.name = val;
        break;
      case "required": {
        const b = parseGoBool(val);
        if (b === null) throw new MountError(`invalid value for ${key}: ${val}`);
        d.required = b;
        break;
      }
      default:
        if (d.name === "") {
          d.name = field;
          continue;
        }
        throw new MountError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, ["name", "required"], true));
    }
  }
  return d;
}
