// The small part of the WebSocket API the client uses, so tests (and Node) can pass the `ws`
// package's WebSocket, and the browser its own. Nothing here imports DOM or Node types.

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketConstructor = new (url: string) => SocketLike;

/** WebSocket.OPEN in every implementation. */
export const SOCKET_OPEN = 1;

/** The browser's WebSocket, when there is one. */
export function defaultSocketImpl(): SocketConstructor | null {
  const g = globalThis as { WebSocket?: unknown };
  return typeof g.WebSocket === "function" ? (g.WebSocket as SocketConstructor) : null;
}
