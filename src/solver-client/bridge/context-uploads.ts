// Build contexts uploaded by the page (protocol/context-upload.ts): each upload is written,
// streaming, into a fresh private temporary folder, served to one build as `local://context`, and
// removed when that build ends, when nobody claimed it in time, or when the bridge closes. The
// bridge writes nothing anywhere else.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, open, rm, utimes, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { MAX_ENTRY_HEADER, parseEntryHeader, type ContextEntryHeader, type ContextUploadReply } from "../protocol/context-upload";

export interface ContextUploadsOptions {
  /** Largest upload in bytes of file content. Default 8 GiB. */
  maxBytes: number;
  /** Most entries in one upload. Default 500,000. */
  maxEntries: number;
  /** An upload no build claimed is removed after this long. Default 10 minutes. */
  ttlMs: number;
  /** Where the per-upload folders are made. Default os.tmpdir(). */
  tmpRoot: string;
}

export class ContextUploadError extends Error {
  override readonly name = "ContextUploadError";
}

export function isContextUploadError(e: unknown): e is ContextUploadError {
  return e instanceof Error && e.name === "ContextUploadError";
}

interface OpenFile {
  h: ContextEntryHeader;
  fd: FileHandle;
  left: number;
}

interface Upload {
  dir: string;
  claimed: boolean;
  timer: ReturnType<typeof setTimeout>;
}

const errnoText = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "EEXIST") return "given twice";
  if (err.code === "ENOTDIR") return "a parent of it is a file";
  if (err.code === "EISDIR") return "it is also a folder";
  return err.message ?? String(e);
};

/** Writes the entries of one upload body into `root`; returns what was written. */
async function writeEntries(body: AsyncIterable<Uint8Array>, root: string, limits: Pick<ContextUploadsOptions, "maxBytes" | "maxEntries">): Promise<Omit<ContextUploadReply, "uploadId">> {
  let files = 0;
  let dirs = 0;
  let bytes = 0;
  let header: Buffer[] = [];
  let headerLen = 0;
  // A holder, not a `let`: the helpers below replace the open file from inside closures.
  const st: { current: OpenFile | null } = { current: null };
  const madeDirs = new Set<string>();
  const ensureDir = async (d: string, entry: string) => {
    if (d === root || madeDirs.has(d)) return;
    try {
      await mkdir(d, { recursive: true, mode: 0o755 });
    } catch (e) {
      // mkdir -p over an existing file says EEXIST: the problem is the file in the way.
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new ContextUploadError(`cannot write ${JSON.stringify(entry)}: a file is in the way`);
      throw e;
    }
    madeDirs.add(d);
  };
  const finishFile = async () => {
    if (!st.current) return;
    const { h, fd } = st.current;
    st.current = null;
    await fd.close();
    if (h.mtimeMs !== undefined) await utimes(join(root, h.path), h.mtimeMs / 1000, h.mtimeMs / 1000);
  };
  const startEntry = async (line: string) => {
    const parsed = parseEntryHeader(line);
    if (!parsed.ok) throw new ContextUploadError(parsed.message);
    const h = parsed.value;
    if (files + dirs >= limits.maxEntries) throw new ContextUploadError(`more than ${limits.maxEntries} entries`);
    const target = join(root, h.path);
    try {
      if (h.type === "dir") {
        await ensureDir(target, h.path);
        dirs += 1;
        return;
      }
      if (bytes + (h.size ?? 0) > limits.maxBytes) throw new ContextUploadError(`the context is larger than ${limits.maxBytes} bytes`);
      await ensureDir(dirname(target), h.path);
      const fd = await open(target, "wx", h.mode ?? 0o644);
      files += 1;
      st.current = { h, fd, left: h.size ?? 0 };
      if (st.current.left === 0) await finishFile();
    } catch (e) {
      if (isContextUploadError(e)) throw e;
      throw new ContextUploadError(`cannot write ${JSON.stringify(h.path)}: ${errnoText(e)}`);
    }
  };

  try {
    for await (const raw of body) {
      let chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      while (chunk.length > 0) {
        const cur = st.current;
        if (cur) {
          const part = chunk.subarray(0, Math.min(cur.left, chunk.length));
          await cur.fd.write(part);
          cur.left -= part.length;
          bytes += part.length;
          chunk = chunk.subarray(part.length);
          if (cur.left === 0) await finishFile();
          continue;
        }
        const nl = chunk.indexOf(0x0a);
        const take = nl === -1 ? chunk : chunk.subarray(0, nl);
        headerLen += take.length;
        if (headerLen > MAX_ENTRY_HEADER) throw new ContextUploadError(`an entry header is longer than ${MAX_ENTRY_HEADER} bytes`);
        header.push(take);
        if (nl === -1) break;
        chunk = chunk.subarray(nl + 1);
        const line = Buffer.concat(header).toString("utf8");
        header = [];
        headerLen = 0;
        await startEntry(line);
      }
    }
    const unfinished = st.current;
    if (unfinished) throw new ContextUploadError(`the upload ended inside ${JSON.stringify(unfinished.h.path)} (${unfinished.left} of ${unfinished.h.size} bytes missing)`);
    if (headerLen > 0) throw new ContextUploadError("the upload ended inside an entry header");
    return { files, dirs, bytes };
  } finally {
    await st.current?.fd.close().catch(() => {});
  }
}

export class ContextUploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly opts: ContextUploadsOptions;
  private closed = false;

  constructor(options: Partial<ContextUploadsOptions> = {}) {
    this.opts = { maxBytes: 8 * 1024 ** 3, maxEntries: 500_000, ttlMs: 10 * 60_000, tmpRoot: tmpdir(), ...options };
  }

  /** Reads one upload body; on any problem the partial folder is removed and the error thrown. */
  async receive(body: AsyncIterable<Uint8Array>): Promise<ContextUploadReply> {
    if (this.closed) throw new ContextUploadError("the bridge is closing");
    const dir = await mkdtemp(join(this.opts.tmpRoot, "llbx-context-"));
    try {
      const counts = await writeEntries(body, dir, this.opts);
      if (this.closed) throw new ContextUploadError("the bridge is closing");
      const uploadId = `u-${randomBytes(18).toString("base64url")}`;
      const timer = setTimeout(() => void this.release(uploadId), this.opts.ttlMs);
      timer.unref?.();
      this.uploads.set(uploadId, { dir, claimed: false, timer });
      return { uploadId, ...counts };
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  /** The folder of an upload, for one build: a second claim gets null. */
  claim(uploadId: string): string | null {
    const u = this.uploads.get(uploadId);
    if (!u || u.claimed) return null;
    u.claimed = true;
    clearTimeout(u.timer);
    return u.dir;
  }

  /** Removes an upload nobody claimed (a claimed one belongs to its build). */
  async discard(uploadId: string): Promise<void> {
    if (this.uploads.get(uploadId)?.claimed === false) await this.release(uploadId);
  }

  /** Removes an upload's folder. */
  async release(uploadId: string): Promise<void> {
    const u = this.uploads.get(uploadId);
    if (!u) return;
    this.uploads.delete(uploadId);
    clearTimeout(u.timer);
    await rm(u.dir, { recursive: true, force: true });
  }

  /** Folders still on disk (tests). */
  folders(): string[] {
    return [...this.uploads.values()].map((u) => u.dir);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.uploads.keys()].map((id) => this.release(id)));
  }
}
