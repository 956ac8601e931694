// Loads our control.proto (+ the project's LLB ops.proto) with protobufjs and converts Control API
// messages to and from plain typed objects. The only file that touches protobufjs types.
import protobuf from "protobufjs";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlatformInfo, WorkerInfo, BuildkitVersionInfo } from "../protocol/messages";
import { bytesToBase64, statusTimeFromParts } from "../protocol/status";
import type { SolveStatus, StatusLog, StatusVertex, StatusVertexStatus, StatusWarning } from "../protocol/status";

export interface ProtoDirs {
  /** Folder holding control.proto and worker.proto. */
  controlDir: string;
  /** Folder holding the LLB ops.proto. */
  llbDir: string;
}

/**
 * Where the .proto files are. Defaults to the source tree next to this file; a bundled CLI sets
 * LLBX_PROTO_DIR (one folder holding control.proto, worker.proto and ops.proto) or passes dirs.
 */
export function defaultProtoDirs(): ProtoDirs {
  const env = process.env.LLBX_PROTO_DIR;
  if (env) return { controlDir: env, llbDir: env };
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The bundled CLI (dist/cli) ships every .proto in one folder beside it.
  const bundled = path.join(here, "proto");
  if (existsSync(path.join(bundled, "control.proto"))) return { controlDir: bundled, llbDir: bundled };
  return { controlDir: path.resolve(here, "../proto"), llbDir: path.resolve(here, "../../llb/proto") };
}

export interface ControlTypes {
  SolveRequest: protobuf.Type;
  SolveResponse: protobuf.Type;
  StatusRequest: protobuf.Type;
  StatusResponse: protobuf.Type;
  ListWorkersRequest: protobuf.Type;
  ListWorkersResponse: protobuf.Type;
  InfoRequest: protobuf.Type;
  InfoResponse: protobuf.Type;
  RpcStatus: protobuf.Type;
}

let cached: ControlTypes | null = null;

export function loadControlTypes(dirs: ProtoDirs = defaultProtoDirs()): ControlTypes {
  if (cached) return cached;
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string): string => {
    if (path.isAbsolute(target)) return target;
    const inControl = path.join(dirs.controlDir, target);
    if (existsSync(inControl)) return inControl;
    return path.join(dirs.llbDir, target);
  };
  root.loadSync(path.join(dirs.controlDir, "control.proto"), { keepCase: true });
  root.resolveAll();
  const t = (n: string) => root.lookupType(`moby.buildkit.v1.${n}`);
  cached = {
    SolveRequest: t("SolveRequest"),
    SolveResponse: t("SolveResponse"),
    StatusRequest: t("StatusRequest"),
    StatusResponse: t("StatusResponse"),
    ListWorkersRequest: t("ListWorkersRequest"),
    ListWorkersResponse: t("ListWorkersResponse"),
    InfoRequest: t("InfoRequest"),
    InfoResponse: t("InfoResponse"),
    RpcStatus: t("RpcStatus"),
  };
  return cached;
}

// ---- plain request types ----

export interface ExporterSpec {
  type: string;
  attrs?: Record<string, string>;
}

export interface SolveRequestFields {
  ref: string;
  /** Serialized pb.Definition, sent as is. */
  definition: Uint8Array;
  entitlements: string[];
  session?: string;
  /** The first exporter also fills the deprecated single-exporter fields (daemons < v0.13 read only those). */
  exporters?: ExporterSpec[];
  frontend?: string;
  frontendAttrs?: Record<string, string>;
}

export function encodeSolveRequest(ct: ControlTypes, f: SolveRequestFields): Uint8Array {
  const first = f.exporters?.[0];
  const obj = {
    Ref: f.ref,
    Definition: f.definition,
    ExporterDeprecated: first?.type ?? "",
    ExporterAttrsDeprecated: first?.attrs ?? {},
    Session: f.session ?? "",
    Frontend: f.frontend ?? "",
    FrontendAttrs: f.frontendAttrs ?? {},
    Entitlements: f.entitlements,
    Exporters: (f.exporters ?? []).map((e) => ({ Type: e.type, Attrs: e.attrs ?? {} })),
  };
  return ct.SolveRequest.encode(ct.SolveRequest.fromObject(obj)).finish();
}

export function encodeStatusRequest(ct: ControlTypes, ref: string): Uint8Array {
  return ct.StatusRequest.encode(ct.StatusRequest.fromObject({ Ref: ref })).finish();
}

export function encodeEmpty(ct: ControlTypes, which: "InfoRequest" | "ListWorkersRequest"): Uint8Array {
  return ct[which].encode(ct[which].create({})).finish();
}

// ---- decoding into plain objects ----

type Obj = Record<string, unknown>;

function toPlain(type: protobuf.Type, bytes: Uint8Array): Obj {
  const msg = type.decode(bytes);
  // longs as decimal strings (exact), bytes kept as Uint8Array, no defaults filled in.
  return type.toObject(msg, { longs: String, arrays: false, defaults: false }) as Obj;
}

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}
function str(o: Obj, k: string): string | undefined {
  const v = o[k];
  return typeof v === "string" && v !== "" ? v : undefined;
}
function int(o: Obj, k: string): number | undefined {
  const v = o[k];
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}
function bool(o: Obj, k: string): boolean | undefined {
  return o[k] === true ? true : undefined;
}
function arr(o: Obj, k: string): unknown[] {
  const v = o[k];
  return Array.isArray(v) ? v : [];
}
function objs(o: Obj, k: string): Obj[] {
  return arr(o, k).filter(isObj);
}
function strs(o: Obj, k: string): string[] {
  return arr(o, k).filter((x): x is string => typeof x === "string");
}
function bytes(o: Obj, k: string): Uint8Array | undefined {
  const v = o[k];
  return v instanceof Uint8Array ? v : undefined;
}
function strMap(o: Obj, k: string): Record<string, string> {
  const v = o[k];
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [kk, vv] of Object.entries(v)) if (typeof vv === "string") out[kk] = vv;
  return out;
}
function time(o: Obj, k: string): string | undefined {
  const v = o[k];
  if (!isObj(v)) return undefined;
  const s = v.seconds;
  const seconds = typeof s === "string" && /^-?\d+$/.test(s) ? BigInt(s) : typeof s === "number" ? BigInt(s) : 0n;
  const nanos = typeof v.nanos === "number" ? v.nanos : 0;
  return statusTimeFromParts(seconds, nanos);
}

/** Puts keys in the given order and drops undefined values (JSON output matches Go's field order). */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function decodeStatusResponse(ct: ControlTypes, buf: Uint8Array): SolveStatus {
  const o = toPlain(ct.StatusResponse, buf);
  const out: SolveStatus = {};
  const vertexes = objs(o, "vertexes").map(
    (v): StatusVertex => {
      const pg = isObj(v.progressGroup) ? v.progressGroup : undefined;
      const inputs = strs(v, "inputs");
      return compact({
        digest: str(v, "digest") ?? "",
        inputs: inputs.length ? inputs : undefined,
        name: str(v, "name"),
        started: time(v, "started"),
        completed: time(v, "completed"),
        cached: bool(v, "cached"),
        error: str(v, "error"),
        progressGroup: pg ? compact({ id: str(pg, "id") ?? "", name: str(pg, "name"), weak: bool(pg, "weak") }) : undefined,
      });
    },
  );
  if (vertexes.length) out.vertexes = vertexes;
  const statuses = objs(o, "statuses").map(
    (s): StatusVertexStatus =>
      compact({
        id: str(s, "ID") ?? "",
        vertex: str(s, "vertex"),
        name: str(s, "name"),
        total: int(s, "total") || undefined,
        current: int(s, "current") ?? 0,
        timestamp: time(s, "timestamp") ?? "0001-01-01T00:00:00Z",
        started: time(s, "started"),
        completed: time(s, "completed"),
      }),
  );
  if (statuses.length) out.statuses = statuses;
  const logs = objs(o, "logs").map(
    (l): StatusLog =>
      compact({
        vertex: str(l, "vertex"),
        stream: int(l, "stream") || undefined,
        data: bytesToBase64(bytes(l, "msg") ?? new Uint8Array()),
        timestamp: time(l, "timestamp") ?? "0001-01-01T00:00:00Z",
      }),
  );
  if (logs.length) out.logs = logs;
  const warnings = objs(o, "warnings").map((w): StatusWarning => {
    const info = isObj(w.info) ? w.info : undefined;
    const detail = arr(w, "detail").filter((d): d is Uint8Array => d instanceof Uint8Array);
    const ranges = objs(w, "ranges").map((r) => {
      const pos = (p: unknown) => (isObj(p) ? compact({ line: int(p, "line"), character: int(p, "character") }) : undefined);
      return compact({ start: pos(r.start), end: pos(r.end) });
    });
    const short = bytes(w, "short");
    return compact({
      vertex: str(w, "vertex"),
      level: int(w, "level") || undefined,
      short: short && short.length ? bytesToBase64(short) : undefined,
      detail: detail.length ? detail.map(bytesToBase64) : undefined,
      url: str(w, "url"),
      sourceInfo: info ? compact({ filename: str(info, "filename"), language: str(info, "language") }) : undefined,
      range: ranges.length ? ranges : undefined,
    });
  });
  if (warnings.length) out.warnings = warnings;
  return out;
}

export function decodeSolveResponse(ct: ControlTypes, buf: Uint8Array): Record<string, string> {
  return strMap(toPlain(ct.SolveResponse, buf), "ExporterResponse");
}

function decodeVersion(o: Obj | undefined): BuildkitVersionInfo | undefined {
  if (!o) return undefined;
  const version = str(o, "version");
  if (!version) return undefined;
  return { package: str(o, "package") ?? "", version, revision: str(o, "revision") ?? "" };
}

export interface DecodedWorker extends WorkerInfo {
  buildkitVersion?: BuildkitVersionInfo;
}

export function decodeListWorkersResponse(ct: ControlTypes, buf: Uint8Array): DecodedWorker[] {
  const o = toPlain(ct.ListWorkersResponse, buf);
  return objs(o, "record").map((r) => {
    const platforms = objs(r, "platforms").map(
      (p): PlatformInfo => compact({ os: str(p, "OS") ?? "", architecture: str(p, "Architecture") ?? "", variant: str(p, "Variant") }),
    );
    const bv = decodeVersion(isObj(r.BuildkitVersion) ? r.BuildkitVersion : undefined);
    return compact({ id: str(r, "ID") ?? "", labels: strMap(r, "Labels"), platforms, buildkitVersion: bv });
  });
}

export function decodeInfoResponse(ct: ControlTypes, buf: Uint8Array): BuildkitVersionInfo | undefined {
  const o = toPlain(ct.InfoResponse, buf);
  return decodeVersion(isObj(o.buildkitVersion) ? o.buildkitVersion : undefined);
}

export interface RpcStatusDetail {
  typeUrl: string;
  /** BuildKit's details are JSON documents; parsed when they are. */
  json?: unknown;
}

/** Decodes the grpc-status-details-bin trailer (google.rpc.Status). */
export function decodeRpcStatusDetails(ct: ControlTypes, buf: Uint8Array): { code: number; message: string; details: RpcStatusDetail[] } {
  const o = toPlain(ct.RpcStatus, buf);
  const details = objs(o, "details").map((d): RpcStatusDetail => {
    const typeUrl = str(d, "type_url") ?? "";
    const value = bytes(d, "value");
    let json: unknown;
    if (value && typeUrl.endsWith("+json")) {
      try {
        json = JSON.parse(new TextDecoder().decode(value));
      } catch {
        json = undefined;
      }
    }
    return json === undefined ? { typeUrl } : { typeUrl, json };
  });
  return { code: int(o, "code") ?? 0, message: str(o, "message") ?? "", details };
}
