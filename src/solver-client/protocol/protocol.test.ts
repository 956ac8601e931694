import { describe, expect, it } from "vitest";
import { buildkitForDockerEngine, daemonCapsFor, llbCapsForVersion, parseBuildkitVersion } from "./caps";
import { isSolverError, isSolverErrorOfKind, solverError } from "./errors";
import { isServerMessage, parseClientFrame, parseClientMessage } from "./messages";
import { base64ToBytes, bytesToBase64, statusTimeFromParts, statusTimeToMillis } from "./status";

// shared/buildkit-protocol.md 7.3: the 42 caps of Docker 20.10's BuildKit (v0.8 branch).
const V0_8 = [
  "source.image", "source.image.resolvemode", "source.local", "source.local.unique", "source.local.sessionid",
  "source.local.includepatterns", "source.local.followpaths", "source.local.excludepatterns", "source.local.sharedkeyhint",
  "source.git", "source.git.keepgitdir", "source.git.fullurl", "source.git.httpauth", "source.git.knownsshhosts",
  "source.git.mountsshsock", "source.http", "source.http.checksum", "source.http.perm", "soruce.http.uidgid",
  "source.buildop.llbfilename", "exec.meta.base", "exec.meta.proxyenv", "exec.meta.network", "exec.meta.security",
  "exec.meta.setsdefaultpath", "exec.mount.bind", "exec.mount.bind.readwrite-nooutput", "exec.mount.cache",
  "exec.mount.cache.sharing", "exec.mount.selector", "exec.mount.tmpfs", "exec.mount.secret", "exec.mount.ssh",
  "exec.cgroup", "exec.meta.security.devices.v1", "file.base", "file.rm.wildcard", "constraints", "platform",
  "meta.ignorecache", "meta.description", "meta.exportcache",
];

describe("caps", () => {
  it("v0.8 gives exactly Docker 20.10's 42 caps", () => {
    expect(llbCapsForVersion([0, 8])).toEqual([...V0_8].sort());
  });

  it.each<[string, [number, number] | null]>([
    ["v0.8.3-34", [0, 8]],
    ["0.12.5", [0, 12]],
    ["v0.8.4-0.20221020190723-eeb7b65ab7d6", [0, 8]],
    ["v0.32.2", [0, 32]],
    ["garbage", null],
    ["v0.0.0+unknown", null],
  ])("parseBuildkitVersion(%s)", (v, want) => expect(parseBuildkitVersion(v)).toEqual(want));

  it.each<[string, [number, number] | null]>([
    ["20.10.24+dfsg1", [0, 8]],
    ["19.03.15", [0, 5]],
    ["24.0.7", [0, 11]],
    ["27.3.1", [0, 14]],
    ["29.2.1", [0, 27]],
    ["35.0.0", [0, 28]],
    ["17.06.0", null],
  ])("buildkitForDockerEngine(%s)", (v, want) => expect(buildkitForDockerEngine(v)).toEqual(want));

  it("newer daemons add caps the compiler must not use on v0.8", () => {
    const v10 = llbCapsForVersion([0, 10]);
    for (const c of ["mergeop", "diffop", "exec.mount.tmpfs.size", "exec.secretenv", "exec.meta.ulimit", "source.local.differ"]) {
      expect(v10).toContain(c);
      expect(V0_8).not.toContain(c);
    }
  });

  it("an unknown version falls back to the v0.8 floor", () => {
    expect(daemonCapsFor(null, "info")).toEqual({ buildkit: null, source: "unknown", llbCaps: [...V0_8].sort() });
  });
});

describe("status helpers", () => {
  it.each<[bigint, number, string]>([
    [1700000000n, 0, "2023-11-14T22:13:20Z"],
    [1700000000n, 5, "2023-11-14T22:13:20.000000005Z"],
    [1700000000n, 649968727, "2023-11-14T22:13:20.649968727Z"],
    [1700000000n, 120000000, "2023-11-14T22:13:20.12Z"],
  ])("formats %s s + %d ns like Go's RFC3339Nano", (s, ns, want) => expect(statusTimeFromParts(s, ns)).toBe(want));

  it("parses times with sub-millisecond digits", () => {
    expect(statusTimeToMillis("2023-11-14T22:13:20.649968727Z") - statusTimeToMillis("2023-11-14T22:13:20Z")).toBeCloseTo(649.968727, 3);
    expect(Number.isNaN(statusTimeToMillis("yesterday"))).toBe(true);
  });

  it.each(["", "f", "fo", "foo", "foob", "fooba", "foobar", "\u0000\u00ff\u0080"])("base64 round-trips %j", (s) => {
    const bytes = new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString("base64"));
    expect([...(base64ToBytes(b64) ?? [])]).toEqual([...bytes]);
  });

  it("rejects non-base64", () => expect(base64ToBytes("ab$d")).toBeNull());
});

describe("errors", () => {
  it("guards plain-data errors", () => {
    const e = solverError("solve-failed", "boom", { vertex: { digest: "sha256:x" } });
    expect(isSolverError(e)).toBe(true);
    expect(isSolverError(JSON.parse(JSON.stringify(e)))).toBe(true);
    expect(isSolverErrorOfKind(e, "solve-failed")).toBe(true);
    expect(isSolverErrorOfKind(e, "canceled")).toBe(false);
    expect(isSolverError({ kind: "nope", message: "x" })).toBe(false);
    expect(isSolverError(new Error("x"))).toBe(false);
  });
});

describe("client messages", () => {
  it.each<[string, unknown]>([
    ["auth", { type: "auth", token: "t" }],
    ["connect-info", { type: "connect-info" }],
    ["build", { type: "build", buildId: "b-1.x_y", definition: "CgA=", entitlements: [] }],
    ["build with entitlements", { type: "build", buildId: "b", definition: "CgA=", entitlements: ["network.host", "security.insecure"] }],
    ["cancel", { type: "cancel", buildId: "b" }],
  ])("accepts %s", (_n, m) => expect(parseClientMessage(m)).toEqual({ ok: true, value: m }));

  it("defaults missing entitlements to none", () => {
    expect(parseClientMessage({ type: "build", buildId: "b", definition: "CgA=" })).toEqual({
      ok: true,
      value: { type: "build", buildId: "b", definition: "CgA=", entitlements: [] },
    });
  });

  it.each<[string, unknown, RegExp]>([
    ["null", null, /JSON object/],
    ["array", [], /JSON object/],
    ["no type", {}, /type must be a string/],
    ["unknown type", { type: "shell" }, /unknown message type "shell"/],
    ["extra field", { type: "cancel", buildId: "b", force: true }, /unexpected field "force"/],
    ["empty token", { type: "auth", token: "" }, /token/],
    ["long build id", { type: "build", buildId: "x".repeat(65), definition: "CgA=", entitlements: [] }, /buildId/],
    ["padding in the middle", { type: "build", buildId: "b", definition: "Cg=A", entitlements: [] }, /base64/],
    ["empty definition", { type: "build", buildId: "b", definition: "", entitlements: [] }, /base64/],
    ["device entitlement", { type: "build", buildId: "b", definition: "CgA=", entitlements: ["device"] }, /unknown entitlement "device"/],
    ["number entitlement", { type: "build", buildId: "b", definition: "CgA=", entitlements: [1] }, /unknown entitlement 1/],
  ])("rejects %s", (_n, m, why) => {
    const r = parseClientMessage(m);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });

  it("rejects frames that are not JSON", () => expect(parseClientFrame("{")).toEqual({ ok: false, message: "message is not valid JSON" }));
});

describe("isServerMessage", () => {
  it.each<[string, unknown, boolean]>([
    ["a batch of statuses", { type: "statuses", buildId: "b", statuses: [{ logs: [] }, { vertexes: [] }] }, true],
    ["an empty batch", { type: "statuses", buildId: "b", statuses: [] }, true],
    ["statuses that are not objects", { type: "statuses", buildId: "b", statuses: [1] }, false],
    ["statuses not an array", { type: "statuses", buildId: "b", statuses: {} }, false],
    ["a batch without build ID", { type: "statuses", statuses: [] }, false],
    ["the old single-status shape", { type: "status", buildId: "b", status: {} }, false],
    ["build-done", { type: "build-done", buildId: "b", exporterResponse: {} }, true],
  ])("%s", (_n, m, ok) => expect(isServerMessage(m)).toBe(ok));
});
