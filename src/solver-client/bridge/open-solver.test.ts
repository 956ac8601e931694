import { describe, expect, it } from "vitest";
import { openSolver } from "./open-solver";

describe("openSolver with TLS options", () => {
  it("applies them to BUILDKIT_HOST when no address is given, as buildctl does", async () => {
    await expect(openSolver({ tls: { caCert: "/nonexistent/ca.pem" }, env: { BUILDKIT_HOST: "tcp://127.0.0.1:1234" }, probe: false })).rejects.toMatchObject({
      error: { kind: "bad-address", message: expect.stringContaining("cannot read --tlscacert /nonexistent/ca.pem") },
    });
  });
  it("refuses them when there is no tcp:// address to apply them to", async () => {
    await expect(openSolver({ tls: { caCert: "/nonexistent/ca.pem" }, env: {}, probe: false })).rejects.toMatchObject({
      error: { kind: "bad-address", message: expect.stringMatching(/TLS options need a tcp:\/\/ daemon address/) },
    });
  });
});
