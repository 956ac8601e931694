import { describe, expect, it } from "vitest";
import { candidateAddresses, formatDaemonAddress, parseDaemonAddress, parseDockerHost } from "./address";
import type { DaemonAddress } from "./address";

describe("parseDaemonAddress", () => {
  it.each<[string, DaemonAddress]>([
    ["unix:///run/buildkit/buildkitd.sock", { kind: "unix", path: "/run/buildkit/buildkitd.sock" }],
    ["/tmp/bk.sock", { kind: "unix", path: "/tmp/bk.sock" }],
    ["tcp://127.0.0.1:1234", { kind: "tcp", host: "127.0.0.1", port: 1234 }],
    ["tcp://buildkitd:1234/", { kind: "tcp", host: "buildkitd", port: 1234 }],
    ["tcp://[::1]:1234", { kind: "tcp", host: "::1", port: 1234 }],
    ["docker+unix:///tmp/d/docker.sock", { kind: "docker", socketPath: "/tmp/d/docker.sock" }],
    ["docker://", { kind: "docker", socketPath: "/var/run/docker.sock" }],
    ["docker", { kind: "docker", socketPath: "/var/run/docker.sock" }],
  ])("%s", (addr, want) => {
    expect(parseDaemonAddress(addr)).toEqual({ ok: true, address: want });
    expect(formatDaemonAddress(want)).toBe(
      addr === "/tmp/bk.sock" ? "unix:///tmp/bk.sock" : addr === "docker" || addr === "docker://" ? "docker+unix:///var/run/docker.sock" : addr.replace(/\/$/, ""),
    );
  });

  it("docker:// follows DOCKER_HOST", () => {
    expect(parseDaemonAddress("docker://", {}, { DOCKER_HOST: "unix:///tmp/x/docker.sock" })).toEqual({ ok: true, address: { kind: "docker", socketPath: "/tmp/x/docker.sock" } });
  });

  it("tcp with TLS files", () => {
    expect(parseDaemonAddress("tcp://h:1", { caCert: "/ca.pem", cert: "/c.pem", key: "/k.pem" })).toEqual({
      ok: true,
      address: { kind: "tcp", host: "h", port: 1, tls: { caCert: "/ca.pem", cert: "/c.pem", key: "/k.pem" } },
    });
  });

  it.each<[string, RegExp]>([
    ["docker-container://buildkitd", /unsupported scheme "docker-container:\/\/"/],
    ["ssh://me@host", /unsupported scheme "ssh:\/\/"/],
    ["unix://relative.sock", /absolute/],
    ["tcp://host", /tcp:\/\/host:port/],
    ["tcp://host:99999", /port out of range/],
    ["buildkitd.sock", /expected unix/],
  ])("rejects %s", (addr, why) => {
    const r = parseDaemonAddress(addr);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("bad-address");
      expect(r.error.message).toMatch(why);
    }
  });

  it("wants --tlscert and --tlskey together", () => {
    const r = parseDaemonAddress("tcp://h:1", { cert: "/c.pem" });
    expect(r.ok).toBe(false);
  });
});

describe("DOCKER_HOST", () => {
  it("unix sockets only", () => {
    expect(parseDockerHost(undefined)).toEqual({ ok: true, address: { kind: "docker", socketPath: "/var/run/docker.sock" } });
    const r = parseDockerHost("tcp://10.0.0.1:2376");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/only unix:\/\/ Docker hosts/);
  });
});

describe("candidateAddresses", () => {
  it("BUILDKIT_HOST alone when set", () => {
    expect(candidateAddresses({ BUILDKIT_HOST: "tcp://h:1", DOCKER_HOST: "unix:///d.sock" }).candidates).toEqual([
      { address: { kind: "tcp", host: "h", port: 1 }, origin: "BUILDKIT_HOST" },
    ]);
  });

  it("otherwise the usual places in order", () => {
    const { candidates, errors } = candidateAddresses({ DOCKER_HOST: "unix:///tmp/d.sock", XDG_RUNTIME_DIR: "/run/user/1000" });
    expect(errors).toEqual([]);
    expect(candidates.map((c) => [c.origin, formatDaemonAddress(c.address)])).toEqual([
      ["default buildkitd socket", "unix:///run/buildkit/buildkitd.sock"],
      ["rootless buildkitd socket", "unix:///run/user/1000/buildkit/buildkitd.sock"],
      ["DOCKER_HOST", "docker+unix:///tmp/d.sock"],
      ["default Docker socket", "docker+unix:///var/run/docker.sock"],
    ]);
  });

  it("reports an unusable DOCKER_HOST and still tries the default socket", () => {
    const { candidates, errors } = candidateAddresses({ DOCKER_HOST: "ssh://x" });
    expect(errors).toHaveLength(1);
    expect(candidates.at(-1)?.origin).toBe("default Docker socket");
  });
});
