// Conversion behaviours beyond the golden set: SOURCE_DATE_EPOCH, RUN --device, daemon caps,
// source maps of empty results and of images only mounted, absolute WORKDIR paths, EXPOSE errors.
import { describe, expect, it } from "vitest";
import { decodeOp, opDigest, type Definition, type ExecOp, type FileOp, type Op } from "../../llb/index";
import { llbCapsForVersion } from "../../solver-client/protocol/caps";
import { allLlbCaps } from "./caps";
import { convertDockerfile, type ConvertOptions } from "./convert";
import { parseGoInt64 } from "./epoch";

const allCaps = () => allLlbCaps;

function ops(def: Definition): Op[] {
  return (def.def ?? []).map((b) => decodeOp(b));
}
function execs(def: Definition): ExecOp[] {
  return ops(def).flatMap((o) => (o.op?.case === "exec" ? [o.op.value] : []));
}
function fileOps(def: Definition): FileOp[] {
  return ops(def).flatMap((o) => (o.op?.case === "file" ? [o.op.value] : []));
}
function mkdirTimestamps(def: Definition): bigint[] {
  return fileOps(def).flatMap((f) => (f.actions ?? []).flatMap((a) => (a.action?.case === "mkdir" ? [a.action.value.timestamp ?? 0n] : [])));
}
function errorOf(text: string, options: Partial<ConvertOptions> = {}): { message: string; line: number } {
  try {
    convertDockerfile(text, options);
  } catch (e) {
    const err = e as { message: string; ranges?: { start: { line: number } }[] };
    return { message: err.message, line: err.ranges?.[0]?.start.line ?? 0 };
  }
  throw new Error("expected an error");
}

describe("SOURCE_DATE_EPOCH", () => {
  const text = "ARG SOURCE_DATE_EPOCH\nFROM alpine\nARG SOURCE_DATE_EPOCH\nWORKDIR /app\nRUN echo $SOURCE_DATE_EPOCH\n";

  it.each<[string, Partial<ConvertOptions>, bigint[], string | undefined]>([
    ["a build arg sets WORKDIR's mkdir time and the ARG value", { buildArgs: { SOURCE_DATE_EPOCH: "1700000000" } }, [1_700_000_000_000_000_000n], "1700000000"],
    ["the value is normalised like strconv.FormatInt", { buildArgs: { SOURCE_DATE_EPOCH: "+0042" } }, [42_000_000_000n], "42"],
    ["an empty value is no epoch", { buildArgs: { SOURCE_DATE_EPOCH: "" } }, [-1n], undefined],
    ["no build arg: no epoch", {}, [-1n], undefined],
  ])("%s", (_, options, timestamps, argValue) => {
    const def = convertDockerfile(text, options).definition;
    expect(mkdirTimestamps(def)).toEqual(timestamps);
    const env = execs(def)[0]!.meta!.env ?? [];
    const sde = env.find((e) => e.startsWith("SOURCE_DATE_EPOCH="));
    expect(sde).toBe(argValue === undefined ? undefined : `SOURCE_DATE_EPOCH=${argValue}`);
  });

  it("a global ARG default sets it too", () => {
    const def = convertDockerfile("ARG SOURCE_DATE_EPOCH=10\nFROM alpine\nWORKDIR /w\n").definition;
    expect(mkdirTimestamps(def)).toEqual([10_000_000_000n]);
  });

  it("a source stage is validated, then left unresolved offline (no epoch, ARG dropped)", () => {
    const def = convertDockerfile(
      "ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nARG V=1\nADD https://example.com/src-${V}.tar /\nFROM alpine\nARG SOURCE_DATE_EPOCH\nWORKDIR /w\nRUN true\n",
    ).definition;
    expect(mkdirTimestamps(def)).toEqual([-1n]);
    expect((execs(def)[0]!.meta!.env ?? []).some((e) => e.startsWith("SOURCE_DATE_EPOCH"))).toBe(false);
  });

  it.each<[string, string, Partial<ConvertOptions>, string, number]>([
    ["not a number nor a stage", "ARG SOURCE_DATE_EPOCH=nope\nFROM scratch\n", {}, "invalid SOURCE_DATE_EPOCH: nope", 0],
    ["a build arg naming no stage", "FROM scratch\n", { buildArgs: { SOURCE_DATE_EPOCH: "1.5" } }, "invalid SOURCE_DATE_EPOCH: 1.5", 0],
    [
      "a stage with COPY",
      "ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nCOPY a /a\nFROM scratch\n",
      {},
      "SOURCE_DATE_EPOCH stage does not meet source-only requirements: unsupported COPY instruction",
      2,
    ],
    ["a stage not from scratch", "ARG SOURCE_DATE_EPOCH=src\nFROM alpine AS src\nADD https://e.com/a /\nFROM scratch\n", {}, "SOURCE_DATE_EPOCH stage must use FROM scratch", 2],
    ["a stage without ADD", "ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nARG A=1\nFROM scratch\n", {}, "SOURCE_DATE_EPOCH stage must contain exactly one remote ADD", 2],
    [
      "a stage with two ADDs",
      "ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nADD https://e.com/a /\nADD https://e.com/b /\nFROM scratch\n",
      {},
      "SOURCE_DATE_EPOCH stage must contain exactly one remote ADD",
      2,
    ],
    [
      "an ADD of a local file",
      "ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nADD a.tar /\nFROM scratch\n",
      {},
      "SOURCE_DATE_EPOCH stage source must be a single HTTP(S) or Git ADD",
      2,
    ],
    [
      "an ADD with two sources",
      "ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nADD https://e.com/a https://e.com/b /\nFROM scratch\n",
      {},
      "SOURCE_DATE_EPOCH stage must contain exactly one remote ADD source",
      2,
    ],
  ])("error: %s", (_, text, options, message, line) => {
    expect(errorOf(text, options)).toEqual({ message, line });
  });

  it.each<[string, bigint | undefined]>([
    ["0", 0n],
    ["-5", -5n],
    ["+7", 7n],
    ["9223372036854775807", 9223372036854775807n],
    ["9223372036854775808", undefined],
    ["1e3", undefined],
    [" 1", undefined],
  ])("strconv.ParseInt(%j)", (v, want) => {
    expect(parseGoInt64(v)).toBe(want);
  });
});

describe("RUN --device", () => {
  it("is rejected by the stable frontend when the daemon supports CDI", () => {
    expect(errorOf("FROM alpine\nRUN --device=vendor.com/gpu=all nvidia-smi\n")).toEqual({
      message: "device feature is only supported in Dockerfile frontend 1.14.0-labs or later",
      line: 2,
    });
  });
  it("is ignored for a daemon without CDI (upstream only looks at devices when the cap is there)", () => {
    const caps = new Set(llbCapsForVersion([0, 12]));
    expect(caps.has("exec.meta.cdi")).toBe(false);
    const def = convertDockerfile("FROM alpine\nRUN --device=vendor.com/gpu=all nvidia-smi\n", { caps }).definition;
    expect(execs(def)).toHaveLength(1);
  });
});

describe("older daemons (ConvertOptions.caps)", () => {
  const text = "FROM alpine\nCOPY --link a /a\nRUN --mount=type=bind,target=/src,rw make\n";
  const v08 = new Set(llbCapsForVersion([0, 8]));

  it("BuildKit v0.8: no merge op for COPY --link, PATH in the env, only caps the daemon has", () => {
    const def = convertDockerfile(text, { caps: v08 }).definition;
    expect(ops(def).map((o) => o.op?.case)).not.toContain("merge");
    expect(ops(def).filter((o) => o.op?.case === "file")).toHaveLength(1);
    const exec = execs(def)[0]!;
    expect(exec.meta!.env).toContain("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    expect(exec.mounts!.find((m) => m.dest === "/src")!.output).toBe(-1);
    const caps = Object.values(def.metadata ?? {}).flatMap((m) => Object.keys(m.caps ?? {}));
    expect(caps).not.toContain("mergeop");
    for (const c of caps) expect(v08.has(c)).toBe(true);
  });

  it("without exec.mount.bind.readwrite-nooutput a read-write bind mount keeps its output", () => {
    const caps = new Set([...v08].filter((c) => c !== "exec.mount.bind.readwrite-nooutput"));
    const exec = execs(convertDockerfile(text, { caps }).definition)[0]!;
    expect(exec.mounts!.find((m) => m.dest === "/src")!.output ?? 0).toBeGreaterThanOrEqual(0);
  });

  it("without exec.meta.setsdefaultpath the cap is not requested", () => {
    const caps = new Set([...v08].filter((c) => c !== "exec.meta.setsdefaultpath"));
    const def = convertDockerfile("FROM scratch\nRUN true\n", { caps }).definition;
    expect(execs(def)[0]!.meta!.env).toEqual(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]);
    expect(Object.values(def.metadata ?? {}).flatMap((m) => Object.keys(m.caps ?? {}))).not.toContain("exec.meta.setsdefaultpath");
  });

  it("current daemons: merge op for --link, the daemon sets PATH, bind mounts without output", () => {
    const def = convertDockerfile(text).definition;
    expect(ops(def).map((o) => o.op?.case)).toContain("merge");
    const exec = execs(def)[0]!;
    const caps = Object.values(def.metadata ?? {}).flatMap((m) => Object.keys(m.caps ?? {}));
    expect(caps).toContain("exec.meta.setsdefaultpath");
    expect(exec.mounts!.find((m) => m.dest === "/src")!.output).toBe(-1);
  });
});

describe("build-wide RUN settings follow the daemon's caps", () => {
  const run: ConvertOptions["run"] = {
    hostname: "builder",
    extraHosts: [{ host: "db", ip: "10.0.0.2" }],
    shmSize: 67108864n,
    ulimits: [{ name: "nofile", soft: 1024n, hard: 2048n }],
    cgroupParent: "/kubepods",
  };
  const text = "FROM alpine\nRUN true\n";
  const without = (...drop: string[]) => new Set([...allCaps()].filter((c) => !drop.includes(c)));

  it("all caps: every setting is applied", () => {
    const exec = execs(convertDockerfile(text, { run }).definition)[0]!;
    expect(exec.meta!.hostname).toBe("builder");
    expect(exec.meta!.extraHosts).toEqual([{ Host: "db", IP: "10.0.0.2" }]);
    expect(exec.meta!.ulimit).toEqual([{ Name: "nofile", Soft: 1024n, Hard: 2048n }]);
    expect(exec.meta!.cgroupParent).toBe("/kubepods");
    expect(exec.mounts!.find((m) => m.dest === "/dev/shm")?.TmpfsOpt?.size).toBe(67108864n);
  });

  it.each<[string, string, (e: ExecOp) => unknown]>([
    ["ulimit", "exec.meta.ulimit", (e) => e.meta!.ulimit],
    ["shm size", "exec.mount.tmpfs.size", (e) => e.mounts!.find((m) => m.dest === "/dev/shm")],
    ["cgroup parent", "exec.meta.cgroup.parent", (e) => e.meta!.cgroupParent],
  ])("no %s without %s", (_, cap, pick) => {
    const exec = execs(convertDockerfile(text, { run, caps: without(cap) }).definition)[0]!;
    expect(pick(exec) || undefined).toBeUndefined();
  });
});

describe("multi-platform progress names", () => {
  const text = "FROM --platform=$BUILDPLATFORM golang AS build\nARG TARGETARCH\nRUN go build\nWORKDIR /src\nFROM alpine\nCOPY --from=build /out /out\n";
  const names = (options: Partial<ConvertOptions>) =>
    Object.values(convertDockerfile(text, { platform: { os: "linux", architecture: "arm64" }, ...options }).definition.metadata ?? {})
      .map((m) => m.description?.["llb.customname"])
      .filter((n): n is string => n !== undefined && !n.startsWith("[internal]"))
      .sort();

  it("prefix the platform, with ->arch when a stage cross-compiles", () => {
    expect(names({ multiPlatform: true })).toEqual([
      "[linux/amd64 build 1/3] FROM docker.io/library/golang:latest",
      "[linux/amd64->arm64 build 2/3] RUN go build",
      "[linux/amd64->arm64 build 3/3] WORKDIR /src",
      "[linux/arm64 stage-1 1/2] FROM docker.io/library/alpine:latest",
      "[linux/arm64 stage-1 2/2] COPY --from=build /out /out",
    ]);
  });

  it("stay plain for one platform", () => {
    expect(names({})).toContain("[build 2/3] RUN go build");
  });
});

describe("source maps", () => {
  it("an empty result has neither ops nor a Source", () => {
    const def = convertDockerfile("FROM scratch AS a\nFROM scratch AS b\n").definition;
    expect(def.def).toEqual([]);
    expect(def.Source).toBeUndefined();
  });

  it("an image only used by RUN --mount has an empty location, by COPY --from its line", () => {
    const def = convertDockerfile("FROM alpine\nRUN --mount=from=busybox,target=/b true\nCOPY --from=debian /x /x\n").definition;
    const digestOf = (id: string) => {
      const i = ops(def).findIndex((o) => o.op?.case === "source" && o.op.value.identifier === id);
      return opDigest(def.def![i]!);
    };
    const busybox = def.Source!.locations![digestOf("docker-image://docker.io/library/busybox:latest")!]!;
    const debian = def.Source!.locations![digestOf("docker-image://docker.io/library/debian:latest")!]!;
    expect(busybox.locations).toHaveLength(1);
    expect(busybox.locations![0]!.ranges ?? []).toEqual([]);
    expect(debian.locations?.[0]?.ranges?.[0]?.start?.line).toBe(3);
  });
});

describe("WORKDIR", () => {
  it("keeps an absolute path as written (only relative ones are joined and cleaned)", () => {
    const def = convertDockerfile("FROM alpine\nWORKDIR /app/\nRUN pwd\nWORKDIR sub/../x\nRUN pwd\n").definition;
    expect(execs(def).map((e) => e.meta!.cwd)).toEqual(["/app/", "/app/x"]);
  });
});

describe("STOPSIGNAL", () => {
  it.each(["SIGTERM", "term", "9", "-1", "SIGRTMIN+3", "RTMAX-14"])("accepts %s", (sig) => {
    expect(() => convertDockerfile(`FROM alpine\nSTOPSIGNAL ${sig}\n`)).not.toThrow();
  });
  it.each(["0", "SIGFOO", "RTMIN+16", "99999999999999999999"])("rejects %s", (sig) => {
    expect(errorOf(`FROM alpine\nARG S=${sig}\nSTOPSIGNAL $S\n`)).toEqual({ message: `invalid signal: ${sig}`, line: 3 });
  });
});

describe("EXPOSE errors", () => {
  it.each<[string, string, string]>([
    ["a bad port", "FROM alpine\nEXPOSE 80a\n", "invalid containerPort: 80a"],
    ["a bad protocol", "FROM alpine\nEXPOSE 80/xyz\n", 'invalid port: "80/xyz": invalid proto: xyz'],
  ])("%s", (_, text, message) => {
    expect(errorOf(text)).toEqual({ message, line: 2 });
  });
});

describe("the context's .dockerignore (contextExcludes)", () => {
  const contextSource = (def: Definition) => {
    const op = ops(def).find((o) => o.op?.case === "source" && o.op.value.identifier === "local://context");
    if (op?.op?.case !== "source") throw new Error("no context source");
    return { attrs: op.op.value.attrs ?? {}, digest: opDigest(encodeContextOp(def)) };
  };
  const encodeContextOp = (def: Definition) => (def.def ?? []).find((b) => decodeOp(b).op?.case === "source" && JSON.stringify(decodeOp(b)).includes("local://context"))!;
  const text = "FROM alpine\nCOPY . /src\n";

  it("puts the patterns on the context source as upstream's dockerui does, with the cap", () => {
    const def = convertDockerfile(text, { contextExcludes: ["node_modules", "*.md", "!README.md", "a<b"] }).definition;
    const ctx = contextSource(def);
    // Go's json.Marshal escapes <, > and & (goJsonArray).
    expect(ctx.attrs["local.excludepatterns"]).toBe('["node_modules","*.md","!README.md","a\\u003cb"]');
    const caps = Object.values(def.metadata ?? {}).flatMap((m) => Object.keys(m.caps ?? {}));
    expect(caps).toContain("source.local.excludepatterns");
  });

  it("no patterns, or an empty .dockerignore, leave the op as without one", () => {
    const plain = contextSource(convertDockerfile(text).definition);
    expect(plain.attrs["local.excludepatterns"]).toBeUndefined();
    expect(contextSource(convertDockerfile(text, { contextExcludes: [] }).definition).digest).toBe(plain.digest);
    expect(contextSource(convertDockerfile(text, { contextExcludes: ["x"] }).definition).digest).not.toBe(plain.digest);
  });
});
