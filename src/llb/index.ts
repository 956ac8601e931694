// Public surface of the LLB layer: schema types, codec, digests, graph model, readers, writers and
// validation. Pure TypeScript: no DOM, no Node APIs.
export type {
  BuildOp,
  ChownOpt,
  Definition,
  DiffOp,
  ExecOp,
  FileAction,
  FileActionCopy,
  FileActionMkDir,
  FileActionMkFile,
  FileActionRm,
  FileActionSymlink,
  FileOp,
  HostIP,
  Input,
  MergeOp,
  Meta,
  Mount,
  Op,
  OpMetadata,
  PassthroughOp,
  Platform,
  ProgressGroup,
  SecretEnv,
  Source,
  SourceInfo,
  SourceOp,
  Ulimit,
  UserOpt,
  WorkerConstraints,
} from "./gen/ops_pb";
export { CacheSharingOpt, MountContentCache, MountType, NetMode, SecurityMode } from "./gen/ops_pb";
export { decodeDefinition, decodeOp, encodeDefinition, encodeOp, opDigest, useSha256, type Digest } from "./codec";
export { sha256Hex } from "./sha256";
export { isWireError, WireError } from "./wire";
export {
  inputRoles,
  opKind,
  opLabel,
  outputCount,
  sourceKind,
  type DigestCheck,
  type GraphInput,
  type InputFormat,
  type InputRole,
  type LlbGraph,
  type OpKind,
  type OpLocation,
  type OpNode,
  type ReadNote,
  type SourceFile,
  type SourceKind,
  type SourceRange,
} from "./graph";
export { isLlbReadError, readLlb, type LlbReadError, type ReadOptions, type ReadResult } from "./read";
export { goQuote, toDefinition, writeDefinition, writeDot, writeDumpJson } from "./write";
export { opJson } from "./dump-json";
export { findCycle, validateGraph, type ValidationIssue, type ValidationKind } from "./validate";
export * from "./analysis/index";
export * from "./state/index";
