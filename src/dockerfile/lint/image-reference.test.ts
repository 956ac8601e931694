import { describe, expect, it } from "vitest";
import { isValidImageReference } from "./image-reference";

describe("isValidImageReference", () => {
  it.each([
    { ref: "alpine", ok: true },
    { ref: "alpine:3.20", ok: true },
    { ref: "docker.io/library/golang:1.22-alpine", ok: true },
    { ref: "localhost:5000/team/app:v1", ok: true },
    { ref: "ghcr.io/Owner/app", ok: false },
    { ref: "Alpine", ok: false },
    { ref: "", ok: false },
    { ref: ":3.20", ok: false },
    { ref: "alpine:", ok: false },
    { ref: "a".repeat(64).replace(/a/g, "f"), ok: false },
    { ref: "alpine@sha256:" + "0".repeat(64), ok: true },
    { ref: "alpine@sha256:abc", ok: false },
    { ref: "my image", ok: false },
  ])("$ref -> $ok", ({ ref, ok }) => {
    expect(isValidImageReference(ref)).toBe(ok);
  });
});
