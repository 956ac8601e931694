// Docker image references as distribution/reference normalizes them: `alpine` →
// `docker.io/library/alpine`, `alpine:3.20` → `docker.io/library/alpine:3.20`, with `:latest` added
// when there is neither tag nor digest (TagNameOnly).

export interface ImageReference {
  domain: string;
  path: string;
  tag?: string;
  digest?: string;
}

export class ReferenceError extends Error {
  override readonly name = "ReferenceError";
}

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_ID = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/** reference.ParseNormalizedNamed. Throws ReferenceError with upstream's messages. */
export function parseNormalizedNamed(s: string): ImageReference {
  if (ANCHORED_ID.test(s)) throw new ReferenceError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  const { domain, remainder } = splitDockerDomain(s);
  const tagSep = remainder.indexOf(":");
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) throw new ReferenceError(`invalid reference format: repository name (${remoteName}) must be lowercase`);
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!m) {
    if (s === "") throw new ReferenceError("repository name must have at least one component");
    throw new ReferenceError("invalid reference format");
  }
  const name = m[1]!;
  if (name.length > NAME_TOTAL_LENGTH_MAX) throw new ReferenceError(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  const slash = name.indexOf("/");
  const ref: ImageReference = { domain: name.slice(0, slash), path: name.slice(slash + 1) };
  if (m[2]) ref.tag = m[2];
  if (m[3]) ref.digest = m[3];
  return ref;
}

function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf("/");
  let domain: string;
  let remainder: string;
  if (i === -1 || (!/[.:]/.test(name.slice(0, i)) && name.slice(0, i) !== "localhost" && name.slice(0, i).toLowerCase() === name.slice(0, i))) {
    domain = "docker.io";
    remainder = name;
  } else {
    domain = name.slice(0, i);
    remainder = name.slice(i + 1);
  }
  if (domain === "index.docker.io") domain = "docker.io";
  if (domain === "docker.io" && !remainder.includes("/")) remainder = "library/" + remainder;
  return { domain, remainder };
}

/** TagNameOnly: adds `latest` when the reference has neither tag nor digest. */
export function tagNameOnly(r: ImageReference): ImageReference {
  return r.tag === undefined && r.digest === undefined ? { ...r, tag: "latest" } : r;
}

export function formatReference(r: ImageReference): string {
  return `${r.domain}/${r.path}${r.tag !== undefined ? ":" + r.tag : ""}${r.digest !== undefined ? "@" + r.digest : ""}`;
}

/** The normalized name without tag or digest (the key image configs are looked up by, with a tag). */
export function referenceName(r: ImageReference): string {
  return `${r.domain}/${r.path}`;
}
