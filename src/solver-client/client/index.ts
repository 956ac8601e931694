// Browser client for the Node bridge: connection with reconnect/backoff, connect-info, builds.
// No Node or bridge imports; safe for the page.
export { createBridgeClient, backoffDelay, CLOSE_UNAUTHORIZED } from "./bridge-client";
export { bridgeLocationFromPage, withToken, BRIDGE_PATH, type BridgeLocation } from "./bridge-url";
export { contextUploadBody, contextUploadUrl, uploadContext, type ContextEntry, type UploadOptions, type UploadProgress, type UploadResult } from "./context-upload";
export type { SocketConstructor, SocketLike } from "./socket";
export type { Unsubscribe } from "./listeners";
export type {
  BackoffOptions,
  BridgeClient,
  BridgeClientOptions,
  BuildEvent,
  BuildExtras,
  BuildOutcome,
  ClientBuild,
  ConnectInfoResult,
  ConnectionState,
  ConnectionStatus,
} from "./types";
