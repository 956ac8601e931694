import { describe, expect, it } from "vitest";
import { formatLintWarning, Linter } from "../lint/linter";
import { isValidIP, parseExposePorts } from "./expose-ports";

const loc = [{ start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }];

describe("parseExposePorts", () => {
  it.each([
    { name: "default tcp", ports: ["80"], out: ["80/tcp"] },
    { name: "protocols lower-cased", ports: ["53/UDP", "9/sctp"], out: ["53/udp", "9/sctp"] },
    { name: "range", ports: ["8000-8002/tcp"], out: ["8000/tcp", "8001/tcp", "8002/tcp"] },
    { name: "host mapping accepted", ports: ["127.0.0.1:8080:80"], out: ["80/tcp"] },
  ])("$name", ({ ports, out }) => {
    expect(parseExposePorts(ports, loc)).toEqual(out);
  });

  it.each([
    { name: "bad proto", port: "80/foo", message: 'invalid port: "80/foo": invalid proto: foo' },
    { name: "no port", port: "/tcp", message: 'invalid port: "/tcp": no port specified' },
    { name: "bad number", port: "http", message: "invalid containerPort: http" },
    { name: "out of range", port: "70000", message: "invalid containerPort: 70000" },
    { name: "bad ip", port: "1.2.3:80:80", message: "invalid IP address: 1.2.3" },
    { name: "bad host port", port: "x:80", message: "invalid hostPort: x" },
    { name: "range mismatch", port: "1-3:10-11", message: "invalid ranges specified for container and host Ports: 10-11 and 1-3" },
  ])("$name", ({ port, message }) => {
    expect(() => parseExposePorts([port], loc)).toThrow(message);
  });

  it("lints protocol casing and host mappings", () => {
    const lint = Linter.create();
    parseExposePorts(["80/TCP", "8080:80"], loc, lint);
    expect(lint.warnings.map(formatLintWarning)).toEqual([
      "ExposeProtoCasing: Defined protocol '80/TCP' in EXPOSE instruction should be lowercase (line 4)",
      "ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80' (line 4)",
    ]);
  });

  it.each([
    ["10.0.0.1", true],
    ["::1", true],
    ["2001:db8::ff00:42:8329", true],
    ["::ffff:1.2.3.4", true],
    ["1.2.3.04", false],
    ["1:2:3:4:5:6:7:8:9", false],
    ["localhost", false],
  ] as const)("isValidIP(%s) = %s", (ip, ok) => {
    expect(isValidIP(ip)).toBe(ok);
  });
});
