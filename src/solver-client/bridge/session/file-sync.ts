// FileSync.DiffCopy, the sending side: the daemon calls it to pull a `local://NAME` source. We
// walk the directory registered for NAME, send a STAT packet per entry (then an empty STAT), and
// stream the content of each file the daemon REQuests as DATA packets of 32 KiB (then an empty
// DATA), at most 4 files at a time; the daemon's FIN is answered with FIN.
import { open } from "node:fs/promises";
import { walkDir, WalkError } from "./fs-walk";
import { isRequestable } from "./go-mode";
import { GrpcCode, GrpcStatusError, type CallMetadata, type StreamCall } from "./grpc-server";
import { decodePacket, encodePacket, PacketType, type Packet } from "./packet";
import { isPatternError } from "../../protocol/pattern-matcher";

export interface SyncedDir {
  dir: string;
  /**
   * Client-side exclude patterns (e.g. from .dockerignore). Like upstream's SyncedDir.Excludes they
   * replace the patterns the daemon sends, unless it sends `override-excludes: true`.
   */
  excludes?: string[];
}

export type FileSyncEvent =
  | { kind: "start"; name: string; dir: string }
  | { kind: "listed"; name: string; entries: number }
  | { kind: "request"; name: string; path: string }
  | { kind: "done"; name: string; files: number; bytes: number }
  | { kind: "error"; name: string; message: string };

const CHUNK = 32 * 1024;
const PARALLEL_FILES = 4;

/**
 * Values of a metadata key, URL-decoded when the daemon flagged them (`<key>-encoded`). Older
 * daemons send non-ASCII values as raw UTF-8, which Node hands over as latin1: re-decode those.
 */
export function metadataValues(md: CallMetadata, key: string): string[] {
  const v = [...(md.get(key) ?? [])];
  const enc = md.get(`${key}-encoded`)?.[0];
  if (enc === "1" || enc === "true") return v.map((s) => decodeURIComponent(s.replace(/\+/g, " ")));
  return v.map((s) => (/[\u0080-\u00ff]/.test(s) && !/[^\u0000-\u00ff]/.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s));
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The DiffCopy handler for a set of named directories. */
export function diffCopyHandler(dirs: ReadonlyMap<string, SyncedDir>, onEvent?: (e: FileSyncEvent) => void): (call: StreamCall) => Promise<void> {
  return async (call) => {
    const md = call.metadata;
    const name = metadataValues(md, "dir-name")[0] ?? "";
    const synced = dirs.get(name);
    if (!synced) throw new GrpcStatusError(GrpcCode.NOT_FOUND, `no access allowed to dir "${name}"`);
    let excludes = metadataValues(md, "exclude-patterns");
    if (synced.excludes?.length && md.get("override-excludes")?.[0] !== "true") excludes = synced.excludes;
    const includes = metadataValues(md, "include-patterns");
    const followPaths = metadataValues(md, "followpaths");
    onEvent?.({ kind: "start", name, dir: synced.dir });

    const send = (p: Packet) => call.send(encodePacket(p));
    const files = new Map<number, string>();
    const queue: { id: number; path: string; rel: string }[] = [];
    let active = 0;
    let sentFiles = 0;
    let sentBytes = 0;
    let failure: Error | null = null;
    let finished = false;
    let wakeMain: (() => void) | null = null;

    const failWith = (e: Error) => {
      if (!failure) failure = e;
      wakeMain?.();
    };

    const sendFile = async (id: number, abs: string, rel: string): Promise<void> => {
      let fh;
      try {
        fh = await open(abs, "r");
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "ENOENT" || code === "ENOTDIR") throw new Error(`${rel} was removed from ${synced.dir} during the transfer`);
        // Unreadable special files (a socket looks like a regular file to fsutil): empty, as upstream.
        if (code === "ENXIO" || code === "EOPNOTSUPP") {
          await send({ type: PacketType.DATA, id, data: new Uint8Array() });
          return;
        }
        throw new Error(`cannot open ${rel} in ${synced.dir}: ${describe(e)}`);
      }
      try {
        for (;;) {
          if (failure || call.signal.aborted) return;
          const buf = Buffer.allocUnsafe(CHUNK);
          const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
          if (bytesRead === 0) break;
          sentBytes += bytesRead;
          await send({ type: PacketType.DATA, id, data: buf.subarray(0, bytesRead) });
        }
      } catch (e) {
        throw new Error(`cannot read ${rel} in ${synced.dir}: ${describe(e)}`);
      } finally {
        await fh.close();
      }
      sentFiles++;
      await send({ type: PacketType.DATA, id, data: new Uint8Array() });
    };

    const pump = () => {
      while (active < PARALLEL_FILES && queue.length > 0 && !failure) {
        const job = queue.shift()!;
        active++;
        sendFile(job.id, job.path, job.rel)
          .catch((e: unknown) => failWith(e instanceof Error ? e : new Error(String(e))))
          .finally(() => {
            active--;
            pump();
            wakeMain?.();
          });
      }
    };

    const relOf = new Map<number, string>();
    const walking = (async () => {
      let id = 0;
      try {
        for await (const entry of walkDir(synced.dir, { includePatterns: includes, excludePatterns: excludes, followPaths }, call.signal)) {
          if (failure || finished) return;
          if (isRequestable(entry.stat.mode)) {
            files.set(id, entry.absPath);
            relOf.set(id, entry.stat.path);
          }
          id++;
          await send({ type: PacketType.STAT, stat: entry.stat, id: 0, data: new Uint8Array() });
        }
        await send({ type: PacketType.STAT, id: 0, data: new Uint8Array() });
        onEvent?.({ kind: "listed", name, entries: id });
      } catch (e) {
        const msg = e instanceof WalkError || isPatternError(e) ? e.message : `cannot list ${synced.dir}: ${describe(e)}`;
        failWith(new Error(msg));
      }
    })();

    // The receiving loop: REQ, FIN, ERR from the daemon.
    const receiving = (async () => {
      for await (const buf of call.messages()) {
        let p: Packet;
        try {
          p = decodePacket(buf);
        } catch (e) {
          throw new GrpcStatusError(GrpcCode.INVALID_ARGUMENT, `bad packet from the daemon: ${describe(e)}`);
        }
        if (p.type === PacketType.REQ) {
          const abs = files.get(p.id);
          if (abs === undefined) throw new GrpcStatusError(GrpcCode.INVALID_ARGUMENT, `invalid file id ${p.id}`);
          files.delete(p.id);
          const rel = relOf.get(p.id) ?? abs;
          relOf.delete(p.id);
          onEvent?.({ kind: "request", name, path: rel });
          queue.push({ id: p.id, path: abs, rel });
          pump();
        } else if (p.type === PacketType.FIN) {
          return "fin" as const;
        } else if (p.type === PacketType.ERR) {
          throw new GrpcStatusError(GrpcCode.ABORTED, `error from receiver: ${new TextDecoder().decode(p.data)}`);
        }
        if (failure) return "failed" as const;
      }
      return "eof" as const;
    })();

    const failed = new Promise<"failed">((resolve) => {
      if (failure) resolve("failed");
      wakeMain = () => {
        if (failure) resolve("failed");
      };
    });

    let outcome: "fin" | "eof" | "failed";
    try {
      outcome = await Promise.race([receiving, failed]);
    } catch (e) {
      finished = true;
      onEvent?.({ kind: "error", name, message: describe(e) });
      throw e;
    }
    if (outcome === "failed" || failure) {
      finished = true;
      const err = failure ?? new Error("transfer failed");
      onEvent?.({ kind: "error", name, message: err.message });
      // Tell the receiver why, as fsutil does, then end the call with an error.
      await send({ type: PacketType.ERR, id: 0, data: new TextEncoder().encode(err.message) }).catch(() => {});
      receiving.catch(() => {});
      throw new GrpcStatusError(GrpcCode.UNKNOWN, err.message);
    }
    finished = true;
    if (outcome === "eof") {
      await walking;
      throw new GrpcStatusError(GrpcCode.CANCELLED, "the daemon closed the transfer without FIN");
    }
    await walking;
    await send({ type: PacketType.FIN, id: 0, data: new Uint8Array() });
    onEvent?.({ kind: "done", name, files: sentFiles, bytes: sentBytes });
  };
}
