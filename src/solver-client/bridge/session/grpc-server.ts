// A small gRPC server over an HTTP/2 session we did not listen for: in a BuildKit session the
// daemon dials *us* through a connection we opened (Docker's `POST /session` upgrade, or the
// Control.Session byte tunnel), so grpc-js's Server (which only binds ports) cannot serve it.
// Unary and bidi-streaming handlers, length-prefixed messages, grpc-status trailers, no
// compression (we never advertise any, and the daemon sends none).
import * as http2 from "node:http2";

/** gRPC status codes used here. */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

export class GrpcStatusError extends Error {
  override readonly name = "GrpcStatusError";
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function isGrpcStatusError(e: unknown): e is GrpcStatusError {
  return e instanceof Error && e.name === "GrpcStatusError" && typeof (e as { code?: unknown }).code === "number";
}

/** Request metadata: lowercase keys, every value of repeated keys. */
export type CallMetadata = ReadonlyMap<string, readonly string[]>;

export interface CallContext {
  method: string;
  metadata: CallMetadata;
  /** Aborted when the caller cancels or the connection drops. */
  signal: AbortSignal;
}

export interface StreamCall extends CallContext {
  /** Incoming messages; ends when the caller half-closes. */
  messages(): AsyncIterableIterator<Uint8Array>;
  /** Sends one message, waiting while HTTP/2 flow control holds data back. */
  send(message: Uint8Array): Promise<void>;
}

export type Handler =
  | { kind: "unary"; handle(request: Uint8Array, ctx: CallContext): Promise<Uint8Array> }
  | { kind: "bidi"; handle(call: StreamCall): Promise<void> };

/** The daemon's limit on session messages. */
const MAX_MESSAGE = 16 * 1024 * 1024;

/** grpc-message is percent-encoded (RFC: every byte outside 0x20..0x7E, and '%'). */
function encodeGrpcMessage(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) out += b < 0x20 || b > 0x7e || b === 0x25 ? `%${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b);
  return out;
}

function frame(message: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

function readMetadata(headers: http2.IncomingHttpHeaders, rawHeaders: string[]): Map<string, string[]> {
  const md = new Map<string, string[]>();
  // rawHeaders keeps every value of a repeated key (the parsed object joins some with ", ").
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const k = rawHeaders[i]!.toLowerCase();
    if (k.startsWith(":")) continue;
    const list = md.get(k) ?? [];
    list.push(rawHeaders[i + 1]!);
    md.set(k, list);
  }
  if (md.size === 0) {
    for (const [k, v] of Object.entries(headers)) {
      if (k.startsWith(":") || v === undefined) continue;
      md.set(k, Array.isArray(v) ? v : [String(v)]);
    }
  }
  return md;
}

/** Splits the gRPC byte stream of one call into messages. */
class MessageReader {
  private buf: Buffer = Buffer.alloc(0);
  private queue: Uint8Array[] = [];
  private waiting: ((r: IteratorResult<Uint8Array>) => void) | null = null;
  private failWaiting: ((e: Error) => void) | null = null;
  private ended = false;
  private error: Error | null = null;

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 5) {
      if (this.buf[0] !== 0) return this.fail(new GrpcStatusError(GrpcCode.UNIMPLEMENTED, "compressed messages are not supported"));
      const n = this.buf.readUInt32BE(1);
      if (n > MAX_MESSAGE) return this.fail(new GrpcStatusError(GrpcCode.RESOURCE_EXHAUSTED, `message of ${n} bytes exceeds ${MAX_MESSAGE}`));
      if (this.buf.length < 5 + n) return;
      const msg = this.buf.subarray(5, 5 + n);
      this.buf = this.buf.subarray(5 + n);
      this.deliver(msg);
    }
  }

  private deliver(msg: Uint8Array): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      this.failWaiting = null;
      w({ value: msg, done: false });
    } else this.queue.push(msg);
  }

  end(): void {
    this.ended = true;
    if (this.waiting && this.queue.length === 0) {
      const w = this.waiting;
      this.waiting = null;
      this.failWaiting = null;
      w({ value: undefined, done: true });
    }
  }

  fail(e: Error): void {
    if (this.error) return;
    this.error = e;
    if (this.failWaiting) {
      const f = this.failWaiting;
      this.waiting = null;
      this.failWaiting = null;
      f(e);
    }
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    const m = this.queue.shift();
    if (m) return Promise.resolve({ value: m, done: false });
    if (this.error) return Promise.reject(this.error);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }
}

export interface GrpcServer {
  /** Resolves when the HTTP/2 session is closed. */
  closed: Promise<void>;
  close(): void;
}

/**
 * Serves `handlers` (keyed by full method path, `/pkg.Service/Method`) on an HTTP/2 server
 * session. Unknown methods answer UNIMPLEMENTED.
 */
export function serveGrpc(session: http2.ServerHttp2Session, handlers: ReadonlyMap<string, Handler>, onCallError?: (method: string, e: unknown) => void): GrpcServer {
  const closed = new Promise<void>((resolve) => {
    session.once("close", () => resolve());
  });
  session.on("error", () => {
    // A dropped connection ends the session; callers see it through `closed`.
  });
  session.on("stream", (stream, headers, _flags, rawHeaders) => {
    const method = String(headers[":path"] ?? "");
    const metadata = readMetadata(headers, rawHeaders);
    const abort = new AbortController();
    const reader = new MessageReader();
    let responded = false;
    let finished = false;
    stream.on("data", (c: Buffer) => reader.push(c));
    stream.on("end", () => reader.end());
    const onGone = () => {
      reader.fail(new GrpcStatusError(GrpcCode.CANCELLED, "call canceled by the caller"));
      if (!abort.signal.aborted) abort.abort(new GrpcStatusError(GrpcCode.CANCELLED, "call canceled by the caller"));
    };
    stream.on("aborted", onGone);
    stream.on("close", () => {
      if (!finished) onGone();
    });
    stream.on("error", () => onGone());

    const respondHeaders = () => {
      if (responded || stream.destroyed) return;
      responded = true;
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    };
    const finish = (code: number, message: string) => {
      if (finished) return;
      finished = true;
      if (stream.destroyed || stream.closed) return;
      const trailers: http2.OutgoingHttpHeaders = { "grpc-status": String(code) };
      if (message) trailers["grpc-message"] = encodeGrpcMessage(message);
      if (!responded) {
        // Trailers-only response.
        responded = true;
        stream.respond({ ":status": 200, "content-type": "application/grpc", ...trailers }, { endStream: true });
        return;
      }
      stream.once("wantTrailers", () => stream.sendTrailers(trailers));
      stream.end();
    };
    const send = (message: Uint8Array): Promise<void> => {
      if (finished || stream.destroyed) return Promise.reject(new GrpcStatusError(GrpcCode.CANCELLED, "call is over"));
      respondHeaders();
      const ok = stream.write(frame(message));
      if (ok) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("close", gone);
          resolve();
        };
        const gone = () => {
          stream.off("drain", done);
          stream.off("close", gone);
          reject(new GrpcStatusError(GrpcCode.CANCELLED, "call canceled by the caller"));
        };
        stream.on("drain", done);
        stream.on("close", gone);
      });
    };
    const fail = (e: unknown) => {
      if (!isGrpcStatusError(e) || e.code !== GrpcCode.CANCELLED) onCallError?.(method, e);
      if (isGrpcStatusError(e)) finish(e.code, e.message);
      else finish(GrpcCode.UNKNOWN, e instanceof Error ? e.message : String(e));
    };

    const handler = handlers.get(method);
    if (!handler) {
      finish(GrpcCode.UNIMPLEMENTED, `unknown method ${method}`);
      return;
    }
    const ctx: CallContext = { method, metadata, signal: abort.signal };
    if (handler.kind === "unary") {
      (async () => {
        const first = await reader.next();
        if (first.done) throw new GrpcStatusError(GrpcCode.INTERNAL, "no request message");
        const res = await handler.handle(first.value, ctx);
        await send(res);
        finish(GrpcCode.OK, "");
      })().catch(fail);
      return;
    }
    const call: StreamCall = {
      ...ctx,
      messages: () => ({
        next: () => reader.next(),
        [Symbol.asyncIterator]() {
          return this;
        },
      }),
      send,
    };
    handler
      .handle(call)
      .then(() => finish(GrpcCode.OK, ""))
      .catch(fail);
  });
  return {
    closed,
    close() {
      if (!session.destroyed) session.destroy();
    },
  };
}
