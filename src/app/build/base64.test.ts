import { describe, expect, it } from "vitest";
import { bytesToBase64 } from "../../solver-client/protocol/index";
import { decodeBase64 } from "./base64";

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);

describe("decodeBase64", () => {
  it.each([0, 1, 2, 3, 4, 5, 255, 4096])("round-trips %i bytes", (n) => {
    expect([...decodeBase64(bytesToBase64(bytes(n)))]).toEqual([...bytes(n)]);
  });

  it.each([
    ["no padding", "aGk", "hi"],
    ["URL-safe alphabet", "-_8", "\u00fb\u00ff"],
    ["a stray character mid-string is skipped", "aG\nVsbG8=", "hello"],
  ])("%s", (_n, input, want) => {
    expect(String.fromCharCode(...decodeBase64(input))).toBe(want);
  });
});
