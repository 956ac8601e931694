import { describe, expect, it } from "vitest";
import { MountError, parseRunDevice, parseRunMount } from "./run-mounts";

const vars: Record<string, string> = { CACHE: "/root/.cache", MODE: "0700" };
const expand = (w: string) => w.replace(/\$(\w+)/g, (_, n: string) => vars[n] ?? "");

const okCases: { name: string; input: string; expected: Record<string, unknown> }[] = [
  { name: "bind defaults to read-only", input: "target=/src", expected: { type: "bind", target: "/src", readOnly: true } },
  { name: "bind rw", input: "type=bind,source=x,target=/src,rw", expected: { readOnly: false, source: "x" } },
  {
    name: "cache with expansion",
    input: "type=cache,target=$CACHE,id=go,sharing=locked,mode=$MODE,uid=1000,gid=1000",
    expected: { type: "cache", target: "/root/.cache", cacheId: "go", cacheSharing: "locked", mode: 0o700, uid: 1000, gid: 1000, readOnly: false },
  },
  { name: "tmpfs size", input: "type=tmpfs,target=/t,size=64m", expected: { type: "tmpfs", sizeLimit: 64 * 1024 * 1024, readOnly: false } },
  {
    name: "secret",
    input: "type=secret,id=token,env=TOKEN,required",
    expected: { type: "secret", cacheId: "token", env: "TOKEN", required: true, readOnly: true },
  },
  { name: "ssh", input: "type=ssh,required=true", expected: { type: "ssh", required: true } },
  { name: "aliases and case", input: "TYPE=Bind,src=a,dst=/b,ro=false", expected: { type: "bind", source: "a", target: "/b", readOnly: false } },
  { name: "quoted csv field", input: '"type=bind","target=/a,b"', expected: { type: "bind", target: "/a,b" } },
];

describe("parseRunMount", () => {
  it.each(okCases)("$name", ({ input, expected }) => {
    expect(parseRunMount(input, expand)).toMatchObject(expected);
  });
});

const errorCases: { name: string; input: string; message: string }[] = [
  { name: "key typo", input: "typ=tmpfs,target=/x", message: "unexpected key 'typ' in 'typ=tmpfs' (did you mean type?)" },
  { name: "unknown type", input: "type=bnd", message: 'unsupported mount type "bnd" (did you mean bind?)' },
  { name: "bad sharing", input: "type=cache,target=/a,sharing=lockd", message: 'unsupported sharing value "lockd" (did you mean locked?)' },
  { name: "size on bind", input: "target=/a,size=1m", message: "unexpected key 'size' for mount type 'bind'" },
  { name: "mode on bind", input: "target=/a,mode=0600", message: 'mode not allowed for "bind" type mounts' },
  { name: "bad uid", input: "type=cache,target=/a,uid=x", message: "invalid value x for uid" },
  { name: "bad mode", input: "type=cache,target=/a,mode=9", message: "invalid value 9 for mode" },
  { name: "bad readonly", input: "target=/a,readonly=maybe", message: "invalid value for readonly: maybe" },
  { name: "required on bind", input: "target=/a,required", message: "unexpected key 'required' for mount type 'bind'" },
  { name: "field without value", input: "target=/a,foo", message: "invalid field 'foo' must be a key=value pair" },
  { name: "secret with from", input: "type=secret,id=a,from=b", message: "secret mount should not have a from" },
  { name: "secret without target", input: "type=secret", message: "invalid secret mount. one of source, target required" },
  { name: "secret source and id", input: "type=secret,id=a,source=b", message: "both source and id can't be set" },
  { name: "sharing on tmpfs", input: "type=tmpfs,target=/a,sharing=shared", message: "invalid cache sharing set for tmpfs mount" },
  { name: "bad quotes", input: '"type=bind', message: "failed to parse csv mounts: parse error on line 1, column 2: extraneous or missing \" in quoted-field" },
];

describe("parseRunMount errors", () => {
  it.each(errorCases)("$name", ({ input, message }) => {
    expect(() => parseRunMount(input, expand)).toThrow(MountError);
    expect(() => parseRunMount(input, expand)).toThrow(message);
  });

  it("without an expander only from= is checked", () => {
    expect(parseRunMount("typ=x,size=zz,target=/a")).toMatchObject({ type: "bind", target: "" });
    expect(() => parseRunMount("from=${X}")).toThrow("'from' doesn't support variable expansion, define alias stage instead");
    expect(parseRunMount("from=stage$")).toMatchObject({ from: "stage$" });
  });
});

describe("parseRunDevice", () => {
  it.each([
    { name: "bare name", input: "nvidia.com/gpu=all", expected: { name: "nvidia.com/gpu=all", required: false } },
    { name: "name and required", input: "name=vendor.com/dev,required", expected: { name: "vendor.com/dev", required: true } },
  ])("$name", ({ input, expected }) => {
    expect(parseRunDevice(input)).toEqual(expected);
  });
});

describe("tmpfs size values (go-units RAMInBytes)", () => {
  it.each([
    { size: "1024", bytes: 1024 },
    { size: "1k", bytes: 1024 },
    { size: "1.5KiB", bytes: 1536 },
    { size: "2 MB", bytes: 2 * 1024 * 1024 },
    { size: "1g", bytes: 1024 ** 3 },
    { size: "10b", bytes: 10 },
  ])("$size", ({ size, bytes }) => {
    expect(parseRunMount(`type=tmpfs,target=/t,size=${size}`, (w) => w).sizeLimit).toBe(bytes);
  });

  it.each(["", "abc", "1x", "1kbb", "-1", "1bb"])("rejects %j", (size) => {
    expect(() => parseRunMount(`type=tmpfs,target=/t,size=${size}`, (w) => w)).toThrow(`invalid value for size: ${size}`);
  });

  it("reports byte columns for CSV errors", () => {
    expect(() => parseRunMount('src=é"x', (w) => w)).toThrow("parse error on line 1, column 7: bare \" in non-quoted-field");
  });
});
