// The byte stream of `Control.Session` as a Duplex: each received BytesMessage's data is read as
// stream bytes, each write goes out as one BytesMessage. Message boundaries carry no meaning.
import * as grpc from "@grpc/grpc-js";
import { Duplex } from "node:stream";
import { decodeBytesMessage, encodeBytesMessage, type SessionTypes } from "./session-proto";

const identity = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const raw = (b: Buffer): Buffer => b;

/** Largest chunk per BytesMessage (well under the daemon's 16 MiB limit). */
const MAX_CHUNK = 1024 * 1024;

export function openSessionTunnel(client: grpc.Client, metadata: grpc.Metadata, types: SessionTypes): Duplex {
  const call = client.makeBidiStreamRequest("/moby.buildkit.v1.Control/Session", identity, raw, metadata, {});
  const duplex = new Duplex({
    read() {
      call.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      let ok = true;
      for (let o = 0; o < chunk.length; o += MAX_CHUNK) ok = call.write(encodeBytesMessage(types, chunk.subarray(o, o + MAX_CHUNK)));
      if (ok) cb();
      else call.once("drain", () => cb());
    },
    final(cb) {
      call.end();
      cb();
    },
    destroy(err, cb) {
      call.cancel();
      cb(err);
    },
  });
  call.on("data", (buf: Buffer) => {
    let data: Uint8Array;
    try {
      data = decodeBytesMessage(types, buf);
    } catch (e) {
      duplex.destroy(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (data.length && !duplex.push(Buffer.from(data))) call.pause();
  });
  call.on("end", () => duplex.push(null));
  call.on("error", (e: Error) => {
    const code = (e as Partial<grpc.ServiceError>).code;
    if (code === grpc.status.CANCELLED) duplex.push(null);
    else duplex.destroy(e);
  });
  return duplex;
}
