/**
 * Docker image reference validation (distribution/reference
 * `ParseNormalizedNamed` success/failure), used by InvalidDefaultArgInFrom.
 */

const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = "\\[(?:[a-fA-F0-9:]+)\\]";
const domainAndPort = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const tag = "[\\w][\\w.-]{0,127}";
const digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
const REFERENCE = new RegExp(`^((?:${domainAndPort}/)?${remoteName})(?::(${tag}))?(?:@(${digest}))?$`);
const ANCHORED_ID = /^[a-f0-9]{64}$/;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Splits off the registry the way `splitDockerDomain` does; returns the remote name. */
function remoteNameOf(name: string): string {
  const slash = name.indexOf("/");
  if (slash < 0) return name;
  const first = name.slice(0, slash);
  if (!first.includes(".") && !first.includes(":") && first !== "localhost" && first.toLowerCase() === first) {
    return name;
  }
  return name.slice(slash + 1);
}

/** True when `ref` parses as a normalized image reference (e.g. `alpine:3.20`, `ghcr.io/a/b@sha256:...`). */
export function isValidImageReference(ref: string): boolean {
  if (ANCHORED_ID.test(ref)) return false;
  const at = ref.indexOf("@");
  const nameAndTag = at < 0 ? ref : ref.slice(0, at);
  const colon = nameAndTag.lastIndexOf(":");
  const name = colon > nameAndTag.lastIndexOf("/") ? nameAndTag.slice(0, colon) : nameAndTag;
  const remote = remoteNameOf(name);
  if (remote.toLowerCase() !== remote) return false;
  const m = REFERENCE.exec(ref);
  if (!m) return false;
  if ((m[1] ?? "").length > 255) return false;
  const dg = m[3];
  if (dg) {
    const [alg = "", hex = ""] = dg.split(":");
    const want = DIGEST_LENGTHS[alg];
    if (want === undefined || hex.length !== want || !/^[a-f0-9]+$/.test(hex)) return false;
  }
  return true;
}
