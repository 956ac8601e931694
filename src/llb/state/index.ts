// The LLB State builder: immutable states, op vertices, and marshalling to a Definition.
export { EnvList } from "./env-list";
export {
  addCap,
  ignoreCache,
  linuxAmd64,
  newConstraints,
  withCaps,
  withCustomName,
  withDescription,
  withLocation,
  withPlatform,
  withProgressGroup,
  type Constraints,
  type ConstraintsOpt,
  type PlatformSpec,
  type SourceLocation,
  type SourceMapFile,
} from "./constraints";
export { cleanPath, joinPath, State, type HostIP, type Output, type StateValues, type UlimitSpec, type Vertex } from "./state";
export { CacheSharing, ExecState, MountTypes, run, type MountOptions, type ProxyEnvSpec, type RunSpec, type SecretSpec, type SSHSpec } from "./exec";
export { chownFrom, file, FileActionChain, normalizePath, type ChownSpec, type CopyInfo, type UserSpec } from "./file";
export { http, image, local, merge, source, type HttpOptions, type ImageOptions, type LocalOptions } from "./source";
