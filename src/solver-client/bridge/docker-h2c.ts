// Docker Engine's embedded BuildKit: `POST /grpc` with `Upgrade: h2c` on the Engine API socket,
// then HTTP/2 (gRPC) with prior knowledge on the same socket - what buildx's docker driver does
// (DialHijack(ctx, "/grpc", "h2c", nil)).
//
// grpc-js has no public hook for a pre-upgraded socket, but it lets channel credentials wrap the
// freshly connected socket (that is how it adds TLS). DockerH2cCredentials uses that hook to do
// the HTTP/1.1 upgrade instead, so grpc-js dials the Docker socket itself (reconnects included)
// and runs HTTP/2 over the upgraded connection.
import * as grpc from "@grpc/grpc-js";
import type { ChannelOptions } from "@grpc/grpc-js";
import type { SecureConnector, SecureConnectResult } from "@grpc/grpc-js/build/src/channel-credentials";
import type { GrpcUri } from "@grpc/grpc-js/build/src/uri-parser";
import * as http from "node:http";
import type { Socket } from "node:net";

const MAX_HEAD = 64 * 1024;

/** An HTTP upgrade the Engine refused or that broke. */
export class UpgradeError extends Error {
  override readonly name = "UpgradeError";
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

export function isUpgradeError(e: unknown): e is UpgradeError {
  return e instanceof Error && e.name === "UpgradeError";
}

/**
 * Sends `POST <path>` with `Connection: Upgrade`, `Upgrade: h2c` on a connected socket and waits
 * for `101 Switching Protocols`. Bytes that arrived after the response head are pushed back into
 * the socket, so the next reader (the HTTP/2 session) sees them first.
 */
export function upgradeToH2c(socket: Socket, path = "/grpc", headers: Record<string, string | string[]> = {}, timeoutMs = 10_000): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    let head = Buffer.alloc(0);
    let settled = false;
    const timer = setTimeout(() => finish(new UpgradeError(`no answer to POST ${path} upgrade within ${timeoutMs} ms`)), timeoutMs);
    const finish = (err: Error | null, rest?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeListener("data", onData);
      socket.removeListener("error", onError);
      socket.removeListener("close", onClose);
      if (err) {
        reject(err);
        return;
      }
      socket.pause();
      if (rest && rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    const onError = (e: Error) => finish(new UpgradeError(`upgrade of POST ${path} failed: ${e.message}`));
    const onClose = () => finish(new UpgradeError(`connection closed during upgrade of POST ${path}`));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (head.length > MAX_HEAD) finish(new UpgradeError(`response to POST ${path} has an oversized header`));
        return;
      }
      const text = head.subarray(0, end).toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const code = status ? Number(status[1]) : 0;
      if (code !== 101) {
        const body = head.subarray(end + 4).toString("utf8").trim();
        const reason = text.split("\r\n")[0] ?? "";
        finish(new UpgradeError(`unable to upgrade to h2c, received ${code || "a non-HTTP answer"} (${reason}${body ? `: ${body.slice(0, 200)}` : ""})`, code || undefined));
        return;
      }
      finish(null, head.subarray(end + 4));
    };
    socket.on("data", onData);
    socket.once("error", onError);
    socket.once("close", onClose);
    const lines = [`POST ${path} HTTP/1.1`, "Host: docker", "User-Agent: llbx", "Content-Length: 0", "Connection: Upgrade", "Upgrade: h2c"];
    for (const [k, v] of Object.entries(headers)) {
      for (const one of Array.isArray(v) ? v : [v]) {
        if (/[\r\n]/.test(k) || /[\r\n]/.test(one)) {
          finish(new UpgradeError(`header ${JSON.stringify(k)} contains a line break`));
          return;
        }
        lines.push(`${k}: ${one}`);
      }
    }
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

/** Insecure channel credentials whose connector performs the Docker `/grpc` h2c upgrade. */
export class DockerH2cCredentials extends grpc.ChannelCredentials {
  constructor(
    private readonly path = "/grpc",
    private readonly headers: Record<string, string | string[]> = {},
  ) {
    super();
  }

  override compose(): grpc.ChannelCredentials {
    throw new Error("DockerH2cCredentials cannot be composed with call credentials");
  }

  _isSecure(): boolean {
    return false;
  }

  _equals(other: grpc.ChannelCredentials): boolean {
    return other === this;
  }

  _createSecureConnector(_target: GrpcUri, _options: ChannelOptions, callCredentials?: grpc.CallCredentials): SecureConnector {
    const creds = callCredentials ?? grpc.credentials.createEmpty();
    const { path, headers } = this;
    return {
      async connect(socket: Socket): Promise<SecureConnectResult> {
        const upgraded = await upgradeToH2c(socket, path, headers);
        return { socket: upgraded, secure: false };
      },
      waitForReady: () => Promise.resolve(),
      getCallCredentials: () => creds,
      destroy() {},
    };
  }
}

export interface DockerVersion {
  version: string;
  apiVersion: string;
  /** Engine components as /version lists them (e.g. "Engine", "containerd", "runc"). */
  components: { name: string; version: string }[];
}

/** GET /version on the Engine API socket. */
export function dockerEngineVersion(socketPath: string, timeoutMs = 5_000): Promise<DockerVersion> {
  return new Promise<DockerVersion>((resolve, reject) => {
    const req = http.request({ socketPath, path: "/version", method: "GET", headers: { Host: "docker" }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        try {
          if (res.statusCode !== 200) throw new Error(`GET /version answered ${res.statusCode}`);
          const v: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          if (typeof v !== "object" || v === null) throw new Error("GET /version: not a JSON object");
          const o = v as { Version?: unknown; ApiVersion?: unknown; Components?: unknown };
          const components: DockerVersion["components"] = [];
          if (Array.isArray(o.Components)) {
            for (const c of o.Components as unknown[]) {
              if (typeof c === "object" && c !== null) {
                const cc = c as { Name?: unknown; Version?: unknown };
                if (typeof cc.Name === "string" && typeof cc.Version === "string") components.push({ name: cc.Name, version: cc.Version });
              }
            }
          }
          resolve({ version: typeof o.Version === "string" ? o.Version : "", apiVersion: typeof o.ApiVersion === "string" ? o.ApiVersion : "", components });
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET /version timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}
