import { describe, expect, it } from "vitest";
import { MAX_DOCKERFILE_BYTES, parseImageFixtures, readDockerfile } from "./open-text";

describe("opening files", () => {
  it.each([
    ["valid", '{"docker.io/library/alpine:3.20":{"digest":"sha256:aa","config":{"os":"linux","architecture":"amd64","config":{}}}}', true, ""],
    ["not JSON", "{", false, "x.json is not JSON"],
    ["wrong shape", '{"a": 1}', false, "x.json is not an image-config file"],
  ])("image configs: %s", (_name, text, ok, message) => {
    const result = parseImageFixtures(text, "x.json");
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.message.startsWith(message)).toBe(true);
  });

  it("reads a Dockerfile, refuses huge files", async () => {
    const small = Object.assign(new Blob(["FROM alpine\n"]), { name: "Dockerfile" });
    expect(await readDockerfile(small)).toEqual({ ok: true, value: "FROM alpine\n", name: "Dockerfile" });
    const big = Object.assign(new Blob([new Uint8Array(MAX_DOCKERFILE_BYTES + 1)]), { name: "big" });
    expect((await readDockerfile(big)).ok).toBe(false);
  });
});
