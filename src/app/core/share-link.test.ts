import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLlb, writeDefinition } from "../../llb/index";
import { decodeShareFragment, encodeShareFragment, fromBase64Url, toBase64Url } from "./share-link";

const dir = join(import.meta.dirname, "../../llb/testdata/definitions");
const files = readdirSync(dir).filter((f) => f.endsWith(".fixtures.llb")).slice(0, 8);

describe("share links", () => {
  it.each(files)("round-trips %s", (file) => {
    const r = readLlb(new Uint8Array(readFileSync(join(dir, file))));
    if (!r.ok) throw new Error(r.error.message);
    const bytes = writeDefinition(r.graph);
    const fragment = encodeShareFragment(bytes);
    expect(fragment).toMatch(/^llb=[A-Za-z0-9_-]+$/);
    const back = decodeShareFragment(`#${fragment}`);
    expect(back).toEqual({ ok: true, bytes });
  });
  it.each([
    ["empty", "", null],
    ["other keys", "#foo=bar", null],
    ["damaged", "#llb=AAAA", "the share link is damaged"],
  ])("%s fragment", (_name, hash, message) => {
    const r = decodeShareFragment(hash);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message === null ? null : r.message.slice(0, 25)).toBe(message);
  });
  it.each([[new Uint8Array([])], [new Uint8Array([0xfb, 0xff, 0xfe, 0x00])], [new Uint8Array(70000).map((_, i) => i % 251)]])("base64url of %#", (bytes) => {
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
});
