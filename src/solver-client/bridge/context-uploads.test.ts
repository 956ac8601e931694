// Uploaded build contexts: the entry stream written into a private folder, whatever the chunking,
// bad streams refused with the entry they broke on, and every folder removed in the end.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeEntryHeader, type ContextEntryHeader } from "../protocol/context-upload";
import { ContextUploads } from "./context-uploads";

let root: string;
let uploads: ContextUploads;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "llbx-uploads-test-"));
  uploads = new ContextUploads({ tmpRoot: root });
});
afterEach(async () => {
  await uploads.closeAll();
  rmSync(root, { recursive: true, force: true });
});

type Entry = [ContextEntryHeader, Uint8Array?];
const enc = new TextEncoder();

function body(entries: Entry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [h, data] of entries) {
    parts.push(enc.encode(encodeEntryHeader(h)));
    if (data) parts.push(data);
  }
  return Buffer.concat(parts);
}

/** The bytes in chunks of `size` (1 splits every header and file mid-way). */
async function* chunks(b: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

const file = (path: string, text: string, extra: Partial<ContextEntryHeader> = {}): Entry => [{ path, type: "file", size: enc.encode(text).length, ...extra }, enc.encode(text)];

function tree(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const rel = prefix + name;
    if (statSync(p).isDirectory()) out.push(`${rel}/`, ...tree(p, `${rel}/`));
    else out.push(`${rel} ${readFileSync(p, "utf8").length}`);
  }
  return out;
}

describe("ContextUploads.receive", () => {
  const big = "x".repeat(3 * 1024 * 1024 + 17);
  const entries: Entry[] = [
    file("Dockerfile", "FROM scratch\nCOPY . /\n"),
    [{ path: "empty-dir", type: "dir" }],
    file("src/app/main.go", "package main\n", { mode: 0o600, mtimeMs: Date.UTC(2024, 0, 2) }),
    file("src/app/empty.txt", ""),
    file("données/naïve ☃.txt", "unicode\n"),
    file("big.bin", big),
  ];
  const want = ["Dockerfile 22", "big.bin 3145745", "données/", "données/naïve ☃.txt 8", "empty-dir/", "src/", "src/app/", "src/app/empty.txt 0", "src/app/main.go 13"];

  it.each([1, 7, 4096, 1 << 20])("writes every entry whatever the chunking (chunks of %i bytes)", async (size) => {
    const small = size < 4096; // byte-sized chunks of 3 MiB would only make the test slow
    const b = body(small ? entries.filter(([h]) => h.path !== "big.bin") : entries);
    const r = await uploads.receive(chunks(b, size));
    expect(r.uploadId).toMatch(/^u-/);
    const dir = uploads.claim(r.uploadId)!;
    expect(dir.startsWith(root)).toBe(true);
    expect(tree(dir)).toEqual(small ? want.filter((w) => !w.startsWith("big.bin")) : want);
    expect(r).toMatchObject({ files: small ? 4 : 5, dirs: 1, bytes: small ? 43 : 43 + big.length });
    const main = statSync(join(dir, "src/app/main.go"));
    expect(main.mode & 0o777).toBe(0o600);
    expect(main.mtimeMs).toBe(Date.UTC(2024, 0, 2));
    expect(statSync(join(dir, "Dockerfile")).mode & 0o777).toBe(0o644);
  });

  it.each<[string, Uint8Array, RegExp]>([
    ["a path that climbs out", body([file("../escape", "x")]), /"\.\.\/escape": path has a "\.\." segment/],
    ["an absolute path", body([file("/etc/passwd", "x")]), /path is absolute/],
    ["a file given twice", body([file("a", "1"), file("a", "2")]), /cannot write "a": given twice/],
    ["a file below a file", body([file("a", "1"), file("a/b", "2")]), /cannot write "a\/b": a file is in the way/],
    ["a stream cut inside a file", body([file("ok", "fine"), file("cut", "0123456789")]).subarray(0, -4), /ended inside "cut" \(4 of 10 bytes missing\)/],
    ["a stream cut inside a header", enc.encode('{"path":"a","ty'), /ended inside an entry header/],
    ["a header that is not JSON", enc.encode("hello\n"), /entry header is not valid JSON/],
    ["an unknown header field", enc.encode('{"path":"a","type":"file","size":0,"owner":"root"}\n'), /unexpected field "owner"/],
    ["a header without newline for 16 KiB", enc.encode(`{"path":"${"a".repeat(20000)}"`), /entry header is longer than 16384 bytes/],
  ])("refuses %s and removes the partial folder", async (_n, b, why) => {
    await expect(uploads.receive(chunks(b, 5))).rejects.toThrow(why);
    expect(readdirSync(root)).toEqual([]);
  });

  it("refuses uploads over the size limit", async () => {
    const small = new ContextUploads({ tmpRoot: root, maxBytes: 10 });
    await expect(small.receive(chunks(body([file("a", "123456"), file("b", "123456")]), 64))).rejects.toThrow(/larger than 10 bytes/);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe("ContextUploads lifecycle", () => {
  it("an upload is claimed once and removed on release", async () => {
    const r = await uploads.receive(chunks(body([file("a", "1")]), 64));
    const dir = uploads.claim(r.uploadId);
    expect(dir && existsSync(join(dir, "a"))).toBe(true);
    expect(uploads.claim(r.uploadId)).toBeNull();
    await uploads.release(r.uploadId);
    expect(existsSync(dir!)).toBe(false);
    expect(uploads.claim(r.uploadId)).toBeNull();
  });

  it("an upload nobody claims is removed after its time to live", async () => {
    const short = new ContextUploads({ tmpRoot: root, ttlMs: 30 });
    const r = await short.receive(chunks(body([file("a", "1")]), 64));
    expect(short.folders()).toHaveLength(1);
    const dir = short.folders()[0]!;
    await new Promise((ok) => setTimeout(ok, 120));
    expect(existsSync(dir)).toBe(false);
    expect(short.claim(r.uploadId)).toBeNull();
  });

  it("closeAll removes every folder and refuses new uploads", async () => {
    await uploads.receive(chunks(body([file("a", "1")]), 64));
    await uploads.receive(chunks(body([file("b", "2")]), 64));
    expect(readdirSync(root)).toHaveLength(2);
    await uploads.closeAll();
    expect(readdirSync(root)).toEqual([]);
    await expect(uploads.receive(chunks(body([file("c", "3")]), 64))).rejects.toThrow(/closing/);
  });
});

describe("the page's upload body (client/context-upload.ts) read by the bridge", () => {
  it("round-trips files, folders and times through contextUploadBody", async () => {
    const { contextUploadBody, contextUploadUrl } = await import("../client/context-upload");
    const blob = contextUploadBody([
      { kind: "dir", path: "empty" },
      { kind: "file", path: "a/b.txt", blob: new Blob(["hello ", "world"]), lastModified: Date.UTC(2025, 5, 6) },
      { kind: "file", path: "z", blob: new Blob([]) },
    ]);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const r = await uploads.receive(chunks(bytes, 3));
    expect(r).toMatchObject({ files: 2, dirs: 1, bytes: 11 });
    const dir = uploads.claim(r.uploadId)!;
    expect(tree(dir)).toEqual(["a/", "a/b.txt 11", "empty/", "z 0"]);
    expect(statSync(join(dir, "a/b.txt")).mtimeMs).toBe(Date.UTC(2025, 5, 6));
    expect(contextUploadUrl({ url: "ws://127.0.0.1:8585/bridge", token: "t" })).toBe("http://127.0.0.1:8585/bridge/context");
    expect(contextUploadUrl({ url: "wss://h/bridge", token: "t" })).toBe("https://h/bridge/context");
  });
});

describe("ContextUploads.discard", () => {
  it("drops an unclaimed upload but never one a build holds", async () => {
    const a = await uploads.receive(chunks(body([file("a", "1")]), 64));
    const b = await uploads.receive(chunks(body([file("b", "2")]), 64));
    const held = uploads.claim(b.uploadId)!;
    await uploads.discard(a.uploadId);
    await uploads.discard(b.uploadId);
    expect(uploads.claim(a.uploadId)).toBeNull();
    expect(existsSync(join(held, "b"))).toBe(true);
  });
});
