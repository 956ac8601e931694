// Page <-> bridge protocol: message types, validators, status stream shape, errors, LLB caps.
// Types and pure functions only; safe for browser and Node.
export {
  ENTITLEMENTS,
  isServerMessage,
  parseClientFrame,
  parseClientMessage,
  type AuthMessage,
  type BuildDoneMessage,
  type BuildFailedMessage,
  type BuildkitVersionInfo,
  type BuildMessage,
  type BuildStartedMessage,
  type CancelMessage,
  type ClientMessage,
  type ConnectInfoMessage,
  type ConnectInfoReply,
  type DaemonInfo,
  type Entitlement,
  type ErrorMessage,
  type ParseResult,
  type PlatformInfo,
  type ReadyMessage,
  type ServerMessage,
  type StatusMessage,
  type WorkerInfo,
} from "./messages";
export {
  base64ToBytes,
  bytesToBase64,
  statusTimeFromParts,
  statusTimeToMillis,
  type ProgressGroup,
  type SolveStatus,
  type StatusLog,
  type StatusRange,
  type StatusTime,
  type StatusVertex,
  type StatusVertexStatus,
  type StatusWarning,
} from "./status";
export {
  isSolverError,
  isSolverErrorOfKind,
  isSolverFailure,
  solverError,
  SolverFailure,
  type FailedVertex,
  type SolverError,
  type SolverErrorKind,
} from "./errors";
export {
  buildkitForDockerEngine,
  compareMinor,
  daemonCapsFor,
  LLB_CAP_SINCE,
  llbCapsForVersion,
  parseBuildkitVersion,
  type BuildkitMinor,
  type DaemonCaps,
} from "./caps";
export { describeSessionNeeds, missingSessionNeeds, namedSessionId, readsBuildContext, sessionNeeds, type ProvidedSession, type SessionNeed } from "./session-needs";
export { formatBytes, goFixed } from "./go-format";
export { compilePatterns, isPatternError, PatternError, readIgnoreFile, type ParentMatches, type Pattern, type PatternMatcher } from "./pattern-matcher";
