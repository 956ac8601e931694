// The session's gRPC services end to end over a local HTTP/2 connection, with this test playing
// the daemon's part (HTTP/2 client; fsutil receiver for DiffCopy). No BuildKit needed.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as http2 from "node:http2";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRequestable } from "./go-mode";
import { serveGrpc } from "./grpc-server";
import { decodePacket, encodePacket, PacketType, type FileStat } from "./packet";
import { loadSessionTypes } from "./session-proto";
import { FILESYNC_DIFFCOPY, HEALTH_CHECK, SECRETS_GETSECRET, sessionHandlers, type SessionEvent, type SessionSpec } from "./session";

const types = loadSessionTypes();
const ctx = mkdtempSync(join(tmpdir(), "llbx-sess-"));
const big = Buffer.alloc(20 * 1024 * 1024 + 5);
for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) & 0xff;
mkdirSync(join(ctx, "dir"));
writeFileSync(join(ctx, "dir/small.txt"), "small\n");
writeFileSync(join(ctx, "big.bin"), big);
writeFileSync(join(ctx, "skip.log"), "no\n");
mkdirSync(join(ctx, "gone"));
writeFileSync(join(ctx, "gone/file"), "x");

const events: SessionEvent[] = [];
const spec: SessionSpec = { locals: { context: { dir: ctx, excludes: ["*.log"] } }, secrets: { tok: "value-1" } };
let server: Server;
let sockPath: string;
let client: http2.ClientHttp2Session;

beforeAll(async () => {
  sockPath = join(mkdtempSync(join(tmpdir(), "llbx-sock-")), "s.sock");
  server = createServer((socket) => {
    const h2 = http2.performServerHandshake(socket);
    serveGrpc(h2, sessionHandlers(spec, types, (e) => events.push(e)));
  });
  await new Promise<void>((r) => server.listen(sockPath, r));
  client = http2.connect("http://localhost", { createConnection: () => connect(sockPath) });
});

afterAll(() => {
  client?.close();
  server?.close();
  rmSync(ctx, { recursive: true, force: true });
  rmSync(join(sockPath, ".."), { recursive: true, force: true });
});

function frame(msg: Uint8Array): Buffer {
  const b = Buffer.alloc(5 + msg.length);
  b.writeUInt32BE(msg.length, 1);
  b.set(msg, 5);
  return b;
}

interface Call {
  stream: http2.ClientHttp2Stream;
  messages: AsyncGenerator<Uint8Array>;
  status: Promise<{ code: number; message: string }>;
}

function call(method: string, headers: Record<string, string | string[]> = {}): Call {
  const stream = client.request({ ":method": "POST", ":path": method, "content-type": "application/grpc", te: "trailers", ...headers });
  const status = new Promise<{ code: number; message: string }>((resolve) => {
    let code = -1;
    let message = "";
    const take = (h: http2.IncomingHttpHeaders) => {
      if (h["grpc-status"] !== undefined) {
        code = Number(h["grpc-status"]);
        message = decodeURIComponent(String(h["grpc-message"] ?? ""));
      }
    };
    stream.on("response", take);
    stream.on("trailers", take);
    stream.on("close", () => resolve({ code, message }));
  });
  async function* messages(): AsyncGenerator<Uint8Array> {
    let buf = Buffer.alloc(0);
    for await (const chunk of stream) {
      buf = Buffer.concat([buf, chunk as Buffer]);
      while (buf.length >= 5 && buf.length >= 5 + buf.readUInt32BE(1)) {
        const n = buf.readUInt32BE(1);
        yield buf.subarray(5, 5 + n);
        buf = buf.subarray(5 + n);
      }
    }
  }
  return { stream, messages: messages(), status };
}

async function unary(method: string, req: Uint8Array) {
  const c = call(method);
  c.stream.end(frame(req));
  const out: Uint8Array[] = [];
  for await (const m of c.messages) out.push(m);
  return { messages: out, ...(await c.status) };
}

/** Receives a DiffCopy as fsutil's receiver does: all STATs, REQ every file, then FIN. */
async function receive(dirName: string, headers: Record<string, string | string[]> = {}, onStats?: (stats: FileStat[]) => void) {
  const c = call(FILESYNC_DIFFCOPY, { "dir-name": dirName, ...headers });
  const stats: FileStat[] = [];
  const content = new Map<number, Buffer[]>();
  const done = new Set<number>();
  let listed = false;
  let gotFin = false;
  let err = "";
  const send = (p: Parameters<typeof encodePacket>[0]) => c.stream.write(frame(encodePacket(p)));
  const requestable = () => stats.map((s, i) => (isRequestable(s.mode) ? i : -1)).filter((i) => i >= 0);
  const maybeFin = () => {
    if (listed && requestable().every((i) => done.has(i))) send({ type: PacketType.FIN, id: 0, data: new Uint8Array() });
  };
  for await (const m of c.messages) {
    const p = decodePacket(m);
    if (p.type === PacketType.STAT) {
      if (p.stat) stats.push(p.stat);
      else {
        listed = true;
        onStats?.(stats);
        for (const i of requestable()) send({ type: PacketType.REQ, id: i, data: new Uint8Array() });
        maybeFin();
      }
    } else if (p.type === PacketType.DATA) {
      if (p.data.length === 0) {
        done.add(p.id);
        maybeFin();
      } else {
        const list = content.get(p.id) ?? [];
        list.push(Buffer.from(p.data));
        content.set(p.id, list);
      }
    } else if (p.type === PacketType.FIN) {
      gotFin = true;
      c.stream.end();
    } else if (p.type === PacketType.ERR) {
      err = new TextDecoder().decode(p.data);
      c.stream.end();
    }
  }
  if (!c.stream.writableEnded) c.stream.end();
  const files = new Map<string, Buffer>();
  for (const [id, chunks] of content) files.set(stats[id]!.path, Buffer.concat(chunks));
  return { stats, files, gotFin, err, ...(await c.status) };
}

describe("session services over HTTP/2 (the test plays the daemon)", () => {
  it("answers Health/Check with SERVING", async () => {
    const r = await unary(HEALTH_CHECK, new Uint8Array());
    expect(r.code).toBe(0);
    expect([...r.messages[0]!]).toEqual([0x08, 0x01]);
  });

  it("serves a known secret and NOT_FOUND for others", async () => {
    const req = (id: string) => types.GetSecretRequest.encode(types.GetSecretRequest.fromObject({ ID: id })).finish();
    const ok = await unary(SECRETS_GETSECRET, req("tok"));
    expect(ok.code).toBe(0);
    expect(Buffer.from((types.GetSecretResponse.decode(ok.messages[0]!) as unknown as { data: Uint8Array }).data).toString()).toBe("value-1");
    const missing = await unary(SECRETS_GETSECRET, req("nope"));
    expect(missing.code).toBe(5);
    expect(missing.message).toContain("nope");
    expect(JSON.stringify(events)).not.toContain("value-1");
  });

  it("answers UNIMPLEMENTED for methods it does not serve", async () => {
    const r = await unary("/moby.filesync.v1.Auth/Credentials", new Uint8Array());
    expect(r.code).toBe(12);
  });

  it("streams a directory with DiffCopy: listing, 20 MB in chunks, client-side excludes, FIN", async () => {
    const r = await receive("context");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.gotFin).toBe(true);
    expect(r.stats.map((s) => s.path)).toEqual(["big.bin", "dir", "dir/small.txt", "gone", "gone/file"]);
    expect(createHash("sha256").update(r.files.get("big.bin")!).digest("hex")).toBe(createHash("sha256").update(big).digest("hex"));
    expect(r.files.get("dir/small.txt")!.toString()).toBe("small\n");
  });

  it("lets the daemon's patterns through when it overrides the client's excludes", async () => {
    const r = await receive("context", { "override-excludes": "true", "exclude-patterns": ["big.bin", "gone"], "include-patterns": ["*"] });
    expect(r.stats.map((s) => s.path)).toEqual(["dir", "dir/small.txt", "skip.log"]);
  });

  it("decodes URL-encoded patterns (non-ASCII names)", async () => {
    const r = await receive("context", { "override-excludes": "true", "exclude-patterns": [encodeURIComponent("ü*"), "big.bin", "gone", "skip.log"], "exclude-patterns-encoded": "1" });
    expect(r.stats.map((s) => s.path)).toEqual(["dir", "dir/small.txt"]);
  });

  it("reads raw UTF-8 pattern headers (older daemons do not encode them)", async () => {
    writeFileSync(join(ctx, "über.txt"), "u");
    const raw = Buffer.from("über.txt", "utf8").toString("latin1");
    const r = await receive("context", { "override-excludes": "true", "exclude-patterns": [raw, "big.bin", "gone", "skip.log"] });
    rmSync(join(ctx, "über.txt"));
    expect(r.stats.map((s) => s.path)).toEqual(["dir", "dir/small.txt"]);
  });

  it("answers NOT_FOUND for a name it does not serve", async () => {
    const r = await receive("elsewhere");
    expect(r.code).toBe(5);
    expect(r.message).toContain('no access allowed to dir "elsewhere"');
  });

  it("sends ERR and fails the call when a listed folder disappears before its files are read", async () => {
    const r = await receive("context", {}, () => rmSync(join(ctx, "gone"), { recursive: true }));
    expect(r.err).toMatch(/gone\/file was removed from .* during the transfer/);
    expect(r.code).toBe(2);
    expect(events.some((e) => e.kind === "error")).toBe(true);
  });
});
