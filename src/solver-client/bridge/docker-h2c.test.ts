// The Docker `/grpc` upgrade path against a stand-in Engine on a unix socket: it checks the
// upgrade request as Docker's router does, answers 101, then serves gRPC over HTTP/2 on the same
// socket. (The real Engine is covered by the *.daemon.test.ts files.)
import { mkdtempSync, rmSync } from "node:fs";
import * as http2 from "node:http2";
import * as net from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSolverFailure } from "../protocol/errors";
import { openConnection } from "./connect";
import { upgradeToH2c, isUpgradeError } from "./docker-h2c";
import { loadControlTypes } from "./proto";
import { createSolver } from "./solver";

const ct = loadControlTypes();
let dir: string;
let sock: string;
let server: net.Server;
const requests: string[] = [];
let mode: "ok" | "refuse" = "ok";
const sockets = new Set<net.Socket>();

function grpcFrame(body: Uint8Array): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, Buffer.from(body)]);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "llbx-h2c-"));
  sock = path.join(dir, "docker.sock");
  const h2 = http2.createServer();
  h2.on("stream", (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => {
    const p = String(headers[":path"]);
    stream.on("data", () => {});
    stream.on("end", () => {
      if (p === "/moby.buildkit.v1.Control/ListWorkers") {
        const body = ct.ListWorkersResponse.encode(ct.ListWorkersResponse.fromObject({ record: [{ ID: "fake", platforms: [{ OS: "linux", Architecture: "amd64" }] }] })).finish();
        stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
        stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
        stream.end(grpcFrame(body));
      } else {
        stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12", "grpc-message": "unknown method" }, { endStream: true });
      }
    });
  });
  server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onData);
      const req = head.subarray(0, end).toString("latin1");
      requests.push(req);
      if (mode === "refuse" || !/^upgrade: h2c$/im.test(req) || !/^POST \/grpc HTTP\/1\.1/.test(req)) {
        socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 42\r\n\r\n{"message":"no upgrade proto in request"}\n');
        return;
      }
      socket.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n");
      const rest = head.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      h2.emit("connection", socket);
    };
    socket.on("data", onData);
  });
  await new Promise<void>((r) => server.listen(sock, r));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe("Docker /grpc h2c upgrade", () => {
  it("sends the upgrade like buildx's DialHijack and runs gRPC over the upgraded socket", async () => {
    mode = "ok";
    const r = openConnection({ kind: "docker", socketPath: sock });
    if (!r.ok) throw new Error(r.error.message);
    const solver = createSolver(r.connection);
    try {
      const workers = await solver.listWorkers();
      expect(workers).toEqual([{ id: "fake", labels: {}, platforms: [{ os: "linux", architecture: "amd64" }] }]);
      const req = requests.at(-1) ?? "";
      expect(req).toMatch(/^POST \/grpc HTTP\/1\.1\r\n/);
      expect(req).toMatch(/\r\nConnection: Upgrade(\r\n|$)/);
      expect(req).toMatch(/\r\nUpgrade: h2c(\r\n|$)/);
      // Info is not implemented by this engine (like Docker 20.10): null, not an error.
      expect(await solver.info()).toBeNull();
    } finally {
      solver.close();
    }
  });

  it("reports a refused upgrade as an unreachable daemon", async () => {
    mode = "refuse";
    const r = openConnection({ kind: "docker", socketPath: sock });
    if (!r.ok) throw new Error(r.error.message);
    const solver = createSolver(r.connection);
    try {
      const err = await solver.listWorkers().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isSolverFailure(err)).toBe(true);
      if (isSolverFailure(err)) {
        expect(err.error.kind).toBe("unreachable");
        expect(err.error.message).toMatch(/unable to upgrade to h2c, received 400/);
      }
    } finally {
      solver.close();
      mode = "ok";
    }
  });

  it("keeps bytes that arrive right after the 101 head", async () => {
    const fake = net.createServer((s) => {
      s.once("data", () => s.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\nEARLY"));
    });
    const p = path.join(dir, "early.sock");
    await new Promise<void>((r) => fake.listen(p, r));
    const socket = net.connect(p);
    await new Promise<void>((r) => socket.once("connect", () => r()));
    const up = await upgradeToH2c(socket);
    // Paused, with the early bytes back in its buffer (node's http2 session reads them from there).
    expect(up.isPaused()).toBe(true);
    expect(up.readableLength).toBe(5);
    const first = await new Promise<Buffer>((r) => {
      up.once("data", (d: Buffer) => r(d));
      up.resume();
    });
    expect(first.toString()).toBe("EARLY");
    up.destroy();
    await new Promise<void>((r) => fake.close(() => r()));
  });

  it("rejects header values with line breaks", async () => {
    const socket = new net.Socket();
    const err = await upgradeToH2c(socket, "/grpc", { "X-Evil": "a\r\nInjected: 1" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUpgradeError(err)).toBe(true);
    socket.destroy();
  });
});
