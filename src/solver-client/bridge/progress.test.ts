import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bytesToBase64 } from "../protocol/status";
import type { SolveStatus } from "../protocol/status";
import { formatBytes, goFixed, mergeIntervals, renderPlain } from "./progress-plain";
import { formatRawJson, goJson, parseRawJson } from "./progress-rawjson";

const dir = fileURLToPath(new URL("./testdata/status/", import.meta.url));
const read = (f: string) => readFileSync(`${dir}${f}`, "utf8");
const SAMPLES = ["build-a.frontend", "multistage", "ctx-a", "ctx-c.arm64"];

describe("rawjson", () => {
  it.each(SAMPLES)("%s: re-printing every line gives the same bytes as buildctl", (name) => {
    const text = read(`${name}.rawjson.txt`);
    const out = parseRawJson(text).map(formatRawJson).join("");
    expect(out).toBe(text.endsWith("\n") ? text : `${text}\n`);
  });

  it("escapes like Go's encoding/json", () => {
    expect(goJson({ name: "a && b > c < d\u2028" })).toBe('{"name":"a \\u0026\\u0026 b \\u003e c \\u003c d\\u2028"}');
  });

  it("names the malformed line", () => {
    expect(() => parseRawJson('{"vertexes":[]}\n{oops\n')).toThrow(/rawjson line 2/);
  });
});

describe("plain printer on real streams", () => {
  it.each(SAMPLES)("%s renders as recorded", (name) => {
    expect(renderPlain(parseRawJson(read(`${name}.rawjson.txt`)))).toBe(read(`${name}.expected-plain.txt`));
  });

  it("matches buildctl's own transcript of the same Dockerfile for the RUN and COPY steps", () => {
    // build-a.plain.txt is buildctl --progress=plain of another run of the same build (the FROM
    // step was pulled there and cached here), so compare step by step without the timings.
    const steps = (text: string) => {
      const byNum = new Map<string, { name: string; lines: string[] }>();
      for (const line of text.split("\n")) {
        const m = /^#(\d+) (.*)$/.exec(line);
        if (!m) continue;
        const [, n = "", rest = ""] = m;
        const s = byNum.get(n);
        if (!s) byNum.set(n, { name: rest, lines: [] });
        else if (rest !== s.name) s.lines.push(rest.replace(/^\d+\.\d+ /, "T ").replace(/DONE \d+\.\d+s/, "DONE"));
      }
      const out = new Map<string, string[]>();
      for (const s of byNum.values()) if (/ (RUN|COPY) /.test(s.name)) out.set(s.name, s.lines);
      return out;
    };
    const upstream = steps(read("build-a.plain.txt"));
    const ours = steps(renderPlain(parseRawJson(read("build-a.frontend.rawjson.txt"))));
    expect(upstream.size).toBe(6);
    expect(ours).toEqual(upstream);
  });
});

const vtx = "sha256:aaaa";
const vtx2 = "sha256:bbbb";
const T = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
const log = (digest: string, ms: number, text: string, stream = 1): SolveStatus => ({
  logs: [{ vertex: digest, stream, data: bytesToBase64(new TextEncoder().encode(text)), timestamp: T(ms) }],
});
const v = (digest: string, name: string, extra: Partial<{ started: number; completed: number; cached: boolean; error: string }> = {}): SolveStatus => ({
  vertexes: [
    {
      digest,
      name,
      ...(extra.started !== undefined ? { started: T(extra.started) } : {}),
      ...(extra.completed !== undefined ? { completed: T(extra.completed) } : {}),
      ...(extra.cached ? { cached: true } : {}),
      ...(extra.error ? { error: extra.error } : {}),
    },
  ],
});

describe("plain printer formats", () => {
  it.each<[string, SolveStatus[], string]>([
    [
      "done with logs split across chunks",
      [v(vtx, "sh -c echo"), v(vtx, "sh -c echo", { started: 0 }), log(vtx, 120, "hel"), log(vtx, 130, "lo\nwor"), log(vtx, 1500, "ld\n"), v(vtx, "sh -c echo", { started: 0, completed: 2340 })],
      "#1 sh -c echo\n#1 0.120 hello\n#1 0.130 world\n#1 DONE 2.3s\n",
    ],
    ["cached", [v(vtx, "img", { started: 0, completed: 1, cached: true })], "#1 img\n#1 CACHED\n"],
    [
      "error, then the error-log block",
      [v(vtx, "run it", { started: 0 }), log(vtx, 10, "boom\n", 2), v(vtx, "run it", { started: 0, completed: 500, error: "process did not complete successfully: exit code: 3" })],
      "#1 run it\n#1 0.010 boom\n#1 ERROR: process did not complete successfully: exit code: 3\n------\n > run it:\n0.010 boom\n------\n",
    ],
    ["canceled", [v(vtx, "sleep", { started: 0 }), v(vtx, "sleep", { started: 0, completed: 900, error: "context canceled" })], "#1 sleep\n#1 CANCELED\n"],
    [
      "switching away from an unfinished step prints `#N ...`",
      [
        v(vtx, "a", { started: 0 }),
        log(vtx, 200, "a1\n"),
        v(vtx2, "b", { started: 400 }),
        log(vtx2, 600, "b1\n"),
        v(vtx2, "b", { started: 400, completed: 800 }),
        v(vtx, "a", { started: 0, completed: 1000 }),
      ],
      "#1 a\n#1 0.200 a1\n#1 ...\n\n#2 b\n#2 0.200 b1\n#2 DONE 0.4s\n\n#1 a\n#1 DONE 1.0s\n",
    ],
    [
      "duration is the sum of merged intervals",
      [{ vertexes: [0, 500, 3000].map((s, i) => ({ digest: vtx, name: "x", started: T(s), completed: T(s + [1000, 1000, 200][i]!) })) }],
      "#1 x\n#1 DONE 1.7s\n",
    ],
    [
      "each finished interval far apart in time prints again, as upstream",
      [v(vtx, "x", { started: 0, completed: 1000 }), v(vtx, "x", { started: 3000, completed: 3200 })],
      "#1 x\n#1 DONE 1.0s\n\n#1 x\n#1 DONE 1.2s\n",
    ],
    [
      "status lines with sizes, duration and done",
      [
        v(vtx, "pull", { started: 0 }),
        { statuses: [{ id: "sha256:layer", vertex: vtx, current: 1080000, total: 1080000, timestamp: T(700), started: T(100), completed: T(700) }] },
        { statuses: [{ id: "transferring context:", vertex: vtx, current: 55, timestamp: T(900), started: T(800), completed: T(900) }] },
        v(vtx, "pull", { started: 0, completed: 1000 }),
      ],
      "#1 pull\n#1 sha256:layer 1.08MB / 1.08MB 0.6s done\n#1 transferring context: 55B 0.1s done\n#1 DONE 1.0s\n",
    ],
    [
      "warnings",
      [v(vtx, "w", { started: 0 }), { warnings: [{ vertex: vtx, level: 1, short: bytesToBase64(new TextEncoder().encode("Rule: careful (line 2)")) }] }, v(vtx, "w", { started: 0, completed: 200 })],
      "#1 w\n#1 WARN: Rule: careful (line 2)\n#1 DONE 0.2s\n",
    ],
    [
      "a progress group shows as one step once a non-weak member starts",
      [
        { vertexes: [{ digest: vtx, name: "copy", started: T(0), completed: T(100), progressGroup: { id: "g1", name: "[2/2] COPY --link a /b", weak: true } }] },
        { vertexes: [{ digest: vtx2, name: "merge", started: T(200), completed: T(300), progressGroup: { id: "g1", name: "[2/2] COPY --link a /b" } }] },
      ],
      "#1 [2/2] COPY --link a /b\n#1 DONE 0.2s\n",
    ],
    ["a vertex that never started prints nothing", [v(vtx, "queued")], ""],
  ])("%s", (_name, stream, expected) => {
    expect(renderPlain(stream)).toBe(expected);
  });

  it("prints the description first when given", () => {
    expect(renderPlain([v(vtx, "x", { started: 0, completed: 100 })], { description: "llbx build" })).toBe("#0 llbx build\n\n#1 x\n#1 DONE 0.1s\n");
  });

  it.each<[number, string]>([
    [0, "0B"],
    [498, "498B"],
    [999, "999B"],
    [1234, "1.23kB"],
    [1080000, "1.08MB"],
    [5_300_000_000, "5.30GB"],
  ])("formatBytes(%d) = %s", (n, s) => expect(formatBytes(n)).toBe(s));

  it.each<[number, number, string]>([
    [0.25, 1, "0.2"],
    [0.35, 1, "0.3"],
    [2.2609, 1, "2.3"],
    [0.0449, 3, "0.045"],
  ])("goFixed(%d, %d) = %s", (x, p, s) => expect(goFixed(x, p)).toBe(s));

  it("merges intervals like upstream (an open interval swallows later ones)", () => {
    expect(mergeIntervals([{ start: 5, stop: 7 }, { start: 0, stop: 2 }, { start: 1, stop: 3 }])).toEqual([
      { start: 0, stop: 3 },
      { start: 5, stop: 7 },
    ]);
    expect(mergeIntervals([{ start: 0, stop: null }, { start: 5, stop: 7 }])).toEqual([{ start: 0, stop: null }]);
  });
});

describe("progress sink", () => {
  it.each<["plain" | "rawjson" | "quiet", string]>([
    ["plain", "#1 x\n#1 DONE 0.1s\n"],
    ["rawjson", '{"vertexes":[{"digest":"sha256:aaaa","name":"x","started":"2026-01-01T00:00:00.000000000Z","completed":"2026-01-01T00:00:00.100000000Z"}]}\n'],
    ["quiet", ""],
  ])("%s", async (mode, want) => {
    const { createProgressSink } = await import("./progress-sink");
    let out = "";
    const sink = createProgressSink(mode, (t) => {
      out += t;
    });
    sink.update(v(vtx, "x", { started: 0, completed: 100 }));
    sink.finish();
    expect(out).toBe(want);
  });
});
