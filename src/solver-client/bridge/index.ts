// Node bridge to BuildKit: addresses, connections (buildkitd, Docker /grpc), Solve/Status,
// progress printers, the page-facing WebSocket server, and the client session (local dirs,
// secrets) builds attach. Node only; never import from browser code.
export {
  candidateAddresses,
  DEFAULT_BUILDKITD_SOCKET,
  DEFAULT_DOCKER_SOCKET,
  formatDaemonAddress,
  parseDaemonAddress,
  parseDockerHost,
  type Candidate,
  type DaemonAddress,
  type DetectEnv,
  type TlsFiles,
} from "./address";
export { connectTo, detectDaemon, openConnection, type Connection, type ConnectResult, type DetectResult, type ProbeReport } from "./connect";
export { openSolver, type OpenedSolver, type OpenSolverOptions } from "./open-solver";
export { createSolver, newBuildRef, type BuildHandle, type SolveOptions, type SolveResult, type Solver } from "./solver";
export type { DecodedWorker, ExporterSpec } from "./proto";
export { dockerEngineVersion, type DockerVersion } from "./docker-h2c";
export { PlainPrinter, renderPlain, type PlainPrinterOptions } from "./progress-plain";
export { formatRawJson, goJson, parseRawJson } from "./progress-rawjson";
export { createProgressSink, type ProgressMode, type ProgressSink } from "./progress-sink";
export {
  attachBridge,
  BRIDGE_PATH,
  CLOSE_UNAUTHORIZED,
  newBridgeToken,
  startBridge,
  type AttachedBridge,
  type BridgeOptions,
  type RunningBridge,
  type StartBridgeOptions,
} from "./server";
export {
  attachSession,
  isSessionError,
  newSessionId,
  type AttachedSession,
  type LocalDirSpec,
  type SessionEvent,
  type SessionOptions,
  type SessionSpec,
  type SessionTransport,
} from "./session/session";
export { cleanPath, compilePatterns, isPatternError, readIgnoreFile, type PatternMatcher } from "../protocol/pattern-matcher";
export type { FileSyncEvent } from "./session/file-sync";
