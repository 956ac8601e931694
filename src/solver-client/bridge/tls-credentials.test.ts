import { describe, expect, it } from "vitest";
import { tlsNames } from "./tls-credentials";

describe("tlsNames", () => {
  it("sends SNI for a DNS name and verifies against it", () => {
    expect(tlsNames("buildkitd.internal", undefined)).toEqual({ verifyAs: "buildkitd.internal", sni: "buildkitd.internal" });
  });
  it("sends no SNI for an IPv4 or IPv6 address but still verifies the IP", () => {
    expect(tlsNames("127.0.0.1", undefined)).toEqual({ verifyAs: "127.0.0.1", sni: undefined });
    expect(tlsNames("::1", undefined)).toEqual({ verifyAs: "::1", sni: undefined });
  });
  it("uses --tlsservername for both when given", () => {
    expect(tlsNames("10.0.0.5", "buildkitd")).toEqual({ verifyAs: "buildkitd", sni: "buildkitd" });
  });
});
