import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { statusTimeToMillis } from "../protocol/status";
import type { SolveStatus } from "../protocol/status";
import { parseRawJson } from "./progress-rawjson";
import { decodeListWorkersResponse, decodeRpcStatusDetails, decodeStatusResponse, encodeSolveRequest, loadControlTypes } from "./proto";

const ct = loadControlTypes();
const dir = fileURLToPath(new URL("./testdata/status/", import.meta.url));

/** rawjson SolveStatus -> the protobuf StatusResponse the daemon would have sent. */
function toWire(s: SolveStatus): Uint8Array {
  const ts = (t: string | undefined) => {
    if (!t) return undefined;
    const ms = statusTimeToMillis(t);
    const frac = /\.(\d+)Z$/.exec(t)?.[1] ?? "";
    return { seconds: Math.floor(ms / 1000), nanos: Number(frac.padEnd(9, "0")) };
  };
  const obj = {
    vertexes: (s.vertexes ?? []).map((v) => ({ ...v, started: ts(v.started), completed: ts(v.completed) })),
    statuses: (s.statuses ?? []).map((x) => ({ ID: x.id, vertex: x.vertex, name: x.name, current: x.current, total: x.total, timestamp: ts(x.timestamp), started: ts(x.started), completed: ts(x.completed) })),
    logs: (s.logs ?? []).map((l) => ({ vertex: l.vertex, stream: l.stream, msg: Buffer.from(l.data, "base64"), timestamp: ts(l.timestamp) })),
    warnings: (s.warnings ?? []).map((w) => ({ vertex: w.vertex, level: w.level, short: Buffer.from(w.short ?? "", "base64"), detail: (w.detail ?? []).map((d) => Buffer.from(d, "base64")), url: w.url, info: w.sourceInfo, ranges: w.range })),
  };
  return ct.StatusResponse.encode(ct.StatusResponse.fromObject(obj)).finish();
}

describe("StatusResponse decoding", () => {
  it.each(["build-a.frontend", "multistage", "ctx-a", "ctx-c.arm64"])("%s: wire -> plain object equals buildctl's rawjson", (name) => {
    const statuses = parseRawJson(readFileSync(`${dir}${name}.rawjson.txt`, "utf8"));
    for (const s of statuses) {
      const decoded = decodeStatusResponse(ct, toWire(s));
      // sourceInfo/range are compared loosely: rawjson prints the whole pb.SourceInfo, we keep filename+language.
      const strip = (x: SolveStatus) => JSON.parse(JSON.stringify({ ...x, warnings: x.warnings?.map(({ sourceInfo: _s, range: _r, ...w }) => w) })) as unknown;
      expect(strip(decoded)).toEqual(strip(s));
      expect(JSON.stringify(decoded.vertexes ?? [])).toBe(JSON.stringify(s.vertexes ?? []));
    }
  });
});

describe("SolveRequest", () => {
  it("carries the Definition bytes untouched, and fills the legacy exporter fields", () => {
    // Deliberately non-canonical bytes (a map entry before def): re-encoding would change them.
    const def = Uint8Array.from([0x12, 0x03, 0x0a, 0x01, 0x78, 0x0a, 0x02, 0x0a, 0x00]);
    const bytes = encodeSolveRequest(ct, { ref: "r1", definition: def, entitlements: ["network.host"], exporters: [{ type: "moby", attrs: { name: "x:y" } }] });
    const hex = Buffer.from(bytes).toString("hex");
    expect(hex).toContain(`12${def.length.toString(16).padStart(2, "0")}${Buffer.from(def).toString("hex")}`);
    const back = ct.SolveRequest.toObject(ct.SolveRequest.decode(bytes)) as Record<string, unknown>;
    expect(back.Ref).toBe("r1");
    expect(back.ExporterDeprecated).toBe("moby");
    expect(back.ExporterAttrsDeprecated).toEqual({ name: "x:y" });
    expect(back.Entitlements).toEqual(["network.host"]);
  });
});

describe("other messages", () => {
  it("decodes worker records", () => {
    const buf = ct.ListWorkersResponse.encode(
      ct.ListWorkersResponse.fromObject({ record: [{ ID: "w1", Labels: { "org.mobyproject.buildkit.worker.executor": "oci" }, platforms: [{ OS: "linux", Architecture: "arm64", Variant: "v8" }], BuildkitVersion: { version: "v0.12.5", package: "github.com/moby/buildkit", revision: "abc" } }] }),
    ).finish();
    expect(decodeListWorkersResponse(ct, buf)).toEqual([
      {
        id: "w1",
        labels: { "org.mobyproject.buildkit.worker.executor": "oci" },
        platforms: [{ os: "linux", architecture: "arm64", variant: "v8" }],
        buildkitVersion: { package: "github.com/moby/buildkit", version: "v0.12.5", revision: "abc" },
      },
    ]);
  });

  it("decodes BuildKit's JSON error details", () => {
    const buf = ct.RpcStatus.encode(
      ct.RpcStatus.fromObject({
        code: 2,
        message: "exit code: 3",
        details: [
          { type_url: "github.com/moby/buildkit/errdefs.Vertex+json", value: Buffer.from('{"digest":"sha256:ab"}') },
          { type_url: "type.googleapis.com/other", value: Buffer.from([1, 2]) },
        ],
      }),
    ).finish();
    expect(decodeRpcStatusDetails(ct, buf)).toEqual({
      code: 2,
      message: "exit code: 3",
      details: [{ typeUrl: "github.com/moby/buildkit/errdefs.Vertex+json", json: { digest: "sha256:ab" } }, { typeUrl: "type.googleapis.com/other" }],
    });
  });
});
