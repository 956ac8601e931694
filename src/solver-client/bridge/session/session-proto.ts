// The session's small messages (health, secrets, the Control.Session byte chunks), loaded with
// protobufjs from our own .proto files (../../proto/{health,secrets,control}.proto). fsutil
// packets are encoded by hand in packet.ts.
import protobuf from "protobufjs";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { defaultProtoDirs } from "../proto";

export interface SessionTypes {
  HealthCheckRequest: protobuf.Type;
  HealthCheckResponse: protobuf.Type;
  GetSecretRequest: protobuf.Type;
  GetSecretResponse: protobuf.Type;
  BytesMessage: protobuf.Type;
}

let cached: SessionTypes | null = null;

export function loadSessionTypes(dir: string = defaultProtoDirs().controlDir): SessionTypes {
  if (cached) return cached;
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string): string => {
    if (path.isAbsolute(target)) return target;
    const here = path.join(dir, target);
    return existsSync(here) ? here : path.join(defaultProtoDirs().llbDir, target);
  };
  root.loadSync([path.join(dir, "health.proto"), path.join(dir, "secrets.proto"), path.join(dir, "control.proto")], { keepCase: true });
  root.resolveAll();
  cached = {
    HealthCheckRequest: root.lookupType("grpc.health.v1.HealthCheckRequest"),
    HealthCheckResponse: root.lookupType("grpc.health.v1.HealthCheckResponse"),
    GetSecretRequest: root.lookupType("moby.buildkit.secrets.v1.GetSecretRequest"),
    GetSecretResponse: root.lookupType("moby.buildkit.secrets.v1.GetSecretResponse"),
    BytesMessage: root.lookupType("moby.buildkit.v1.BytesMessage"),
  };
  return cached;
}

/** HealthCheckResponse{status: SERVING}. */
export function encodeServing(t: SessionTypes): Uint8Array {
  return t.HealthCheckResponse.encode(t.HealthCheckResponse.fromObject({ status: 1 })).finish();
}

export function decodeSecretRequest(t: SessionTypes, buf: Uint8Array): { id: string; annotations: Record<string, string> } {
  const o = t.GetSecretRequest.toObject(t.GetSecretRequest.decode(buf), { defaults: true }) as { ID?: unknown; annotations?: unknown };
  const annotations: Record<string, string> = {};
  if (typeof o.annotations === "object" && o.annotations !== null) {
    for (const [k, v] of Object.entries(o.annotations as Record<string, unknown>)) if (typeof v === "string") annotations[k] = v;
  }
  return { id: typeof o.ID === "string" ? o.ID : "", annotations };
}

export function encodeSecretResponse(t: SessionTypes, data: Uint8Array): Uint8Array {
  return t.GetSecretResponse.encode(t.GetSecretResponse.create({ data })).finish();
}

export function encodeBytesMessage(t: SessionTypes, data: Uint8Array): Uint8Array {
  return t.BytesMessage.encode(t.BytesMessage.create({ data })).finish();
}

export function decodeBytesMessage(t: SessionTypes, buf: Uint8Array): Uint8Array {
  const o = t.BytesMessage.decode(buf) as unknown as { data?: Uint8Array };
  return o.data ?? new Uint8Array();
}
