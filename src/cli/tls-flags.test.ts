import { describe, expect, it } from "vitest";
import { parseArgs } from "./args";
import { tlsFilesFromArgs, tlsFlagSpec } from "./tls-flags";

const parse = (argv: string[]) => tlsFilesFromArgs(parseArgs(argv, tlsFlagSpec, "build"));

describe("TLS flags", () => {
  it("none given: no TLS", () => {
    expect(parse([])).toBeUndefined();
  });
  it("--tlsdir names ca.pem, cert.pem and key.pem in it, as buildctl does; single flags win", () => {
    expect(parse(["--tlsdir", "/certs"])).toEqual({ caCert: "/certs/ca.pem", cert: "/certs/cert.pem", key: "/certs/key.pem" });
    expect(parse(["--tlsdir", "/certs", "--tlscacert", "/other/ca.pem", "--tlsservername", "bk"])).toEqual({
      caCert: "/other/ca.pem",
      cert: "/certs/cert.pem",
      key: "/certs/key.pem",
      serverName: "bk",
    });
  });
});
