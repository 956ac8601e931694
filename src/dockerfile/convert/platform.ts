// Platform specifiers as containerd's `platforms` package parses, normalizes and formats them
// (`linux/arm64`, `arm64`, `linux/arm/v7`, `windows(10.0.17763)/amd64`).
import type { PlatformSpec } from "../../llb/index";

const KNOWN_OS = new Set([
  "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
]);
const KNOWN_ARCH = new Set([
  "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm",
]);
const COMPONENT = /^[A-Za-z0-9_.-]+$/;

/** The platform this frontend runs for when none is given (the reference builds ran on linux/amd64). */
export const defaultPlatform: PlatformSpec = { os: "linux", architecture: "amd64" };

export class PlatformError extends Error {
  override readonly name = "PlatformError";
}

function normalizeOS(os: string): string {
  const o = os.toLowerCase();
  return o === "macos" ? "darwin" : o;
}

function normalizeArch(arch: string, variant: string): [string, string] {
  arch = arch.toLowerCase();
  variant = variant.toLowerCase();
  switch (arch) {
    case "i386":
      return ["386", ""];
    case "x86_64":
    case "x86-64":
    case "amd64":
      return ["amd64", variant === "v1" ? "" : variant];
    case "aarch64":
    case "arm64":
      switch (variant) {
        case "8":
        case "v8":
        case "v8.0":
          return ["arm64", ""];
        case "9":
        case "9.0":
        case "v9.0":
          return ["arm64", "v9"];
        default:
          return ["arm64", /^\d/.test(variant) ? "v" + variant : variant];
      }
    case "armhf":
      return ["arm", "v7"];
    case "armel":
      return ["arm", "v6"];
    case "arm":
      switch (variant) {
        case "":
        case "7":
          return ["arm", "v7"];
        case "5":
        case "6":
        case "8":
          return ["arm", "v" + variant];
        default:
          return ["arm", variant];
      }
    default:
      return [arch, variant];
  }
}

/** containerd platforms.Parse. */
export function parsePlatform(specifier: string): PlatformSpec {
  if (specifier.includes("*")) throw new PlatformError(`"${specifier}": wildcards not yet supported: invalid argument`);
  const parts = splitN(specifier, "/", 4);
  let os = "";
  let osVersion = "";
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i]!;
    if (i === 0) {
      const m = /^([^(]*)\(([^)]*)\)$/.exec(part);
      if (m) {
        part = m[1]!;
        osVersion = m[2]!;
      }
      os = normalizeOS(part);
    }
    if (!COMPONENT.test(part))
      throw new PlatformError(`${goQ(part)} is an invalid component of ${goQ(specifier)}: platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument`);
  }
  const withVersion = (p: PlatformSpec): PlatformSpec => (osVersion ? { ...p, osVersion } : p);
  switch (parts.length) {
    case 1: {
      if (KNOWN_OS.has(os)) return withVersion({ os, architecture: defaultPlatform.architecture });
      let [arch, variant] = normalizeArch(parts[0]!, "");
      if (arch === "arm" && variant === "v7") variant = "";
      if (KNOWN_ARCH.has(arch)) return variant ? { os: defaultPlatform.os, architecture: arch, variant } : { os: defaultPlatform.os, architecture: arch };
      throw new PlatformError(`${goQ(specifier)}: unknown operating system or architecture: invalid argument`);
    }
    case 2: {
      let [arch, variant] = normalizeArch(parts[1]!, "");
      if (arch === "arm" && variant === "v7") variant = "";
      return withVersion(variant ? { os, architecture: arch, variant } : { os, architecture: arch });
    }
    case 3: {
      let [arch, variant] = normalizeArch(parts[1]!, parts[2]!);
      if (arch === "arm64" && variant === "") variant = "v8";
      return withVersion(variant ? { os, architecture: arch, variant } : { os, architecture: arch });
    }
    default:
      throw new PlatformError(`${goQ(specifier)}: cannot parse platform specifier: invalid argument`);
  }
}

export function normalizePlatform(p: PlatformSpec): PlatformSpec {
  const [architecture, variant] = normalizeArch(p.architecture, p.variant ?? "");
  const out: PlatformSpec = { os: normalizeOS(p.os), architecture };
  if (variant) out.variant = variant;
  if (p.osVersion) out.osVersion = p.osVersion;
  if (p.osFeatures) out.osFeatures = p.osFeatures;
  return out;
}

/** platforms.Format: os/arch[/variant]. */
export function formatPlatform(p: PlatformSpec): string {
  if (!p.os) return "unknown";
  return [p.os, p.architecture, p.variant ?? ""].filter((x) => x !== "").join("/");
}

/** platforms.FormatAll: like Format, with the OS version in parentheses. */
export function formatPlatformAll(p: PlatformSpec): string {
  if (!p.os) return "unknown";
  const os = p.osVersion ? `${p.os}(${p.osVersion})` : p.os;
  return [os, p.architecture, p.variant ?? ""].filter((x) => x !== "").join("/");
}

export function samePlatform(a: PlatformSpec | undefined, b: PlatformSpec | undefined): boolean {
  if (!a || !b) return a === b;
  return a.os === b.os && a.architecture === b.architecture && (a.variant ?? "") === (b.variant ?? "") && (a.osVersion ?? "") === (b.osVersion ?? "");
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i === -1) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

function goQ(s: string): string {
  return JSON.stringify(s);
}
