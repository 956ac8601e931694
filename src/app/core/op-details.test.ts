import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLlb, type LlbGraph } from "../../llb/index";
import { execRows, fileActionDetail, metadataRows, mountRows, sourceRows } from "./op-details";

const dir = join(import.meta.dirname, "../../llb/testdata/definitions");
function load(name: string): LlbGraph {
  const r = readLlb(new Uint8Array(readFileSync(join(dir, `${name}.llb`))));
  if (!r.ok) throw new Error(r.error.message);
  return r.graph;
}
const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

describe("op details", () => {
  it.each([
    ["009-cache-mounts.fixtures", "cacheOpt", /sharing=(shared|private|locked)/],
    ["011-secret-ssh.fixtures", "secretOpt", /id=npmrc/],
    ["011-secret-ssh.fixtures", "SSHOpt", /id=github .*required/],
    ["012-tmpfs.fixtures", "TmpfsOpt", /size=/],
  ])("%s mounts show %s", (name, key, value) => {
    const g = load(name);
    const rows = g.nodes.flatMap((n) => (n.op.op?.case === "exec" ? (n.op.op.value.mounts ?? []).flatMap((m) => mountRows(m, "x")) : []));
    expect(rows.filter((r) => r.key === key).map((r) => r.value).some((v) => value.test(v))).toBe(true);
  });
  it("shows exec meta with BuildKit names", () => {
    const g = load("013-network-security.fixtures");
    const rows = g.nodes.flatMap((n) => (n.op.op?.case === "exec" ? execRows(n.op.op.value) : []));
    expect(keys(rows)).toEqual(expect.arrayContaining(["args", "env", "cwd", "network", "security"]));
    expect(rows.some((r) => r.key === "network" && r.value === "host")).toBe(true);
    expect(rows.some((r) => r.key === "network" && r.value === "none")).toBe(true);
  });
  it("shows mkfile data as text", () => {
    const g = load("014-heredocs.fixtures");
    const details = g.nodes.flatMap((n) => (n.op.op?.case === "file" ? (n.op.op.value.actions ?? []).map((a) => fileActionDetail(a, (i) => `#${i}`)) : []));
    const mkfile = details.find((d) => d.action === "mkfile");
    expect(mkfile?.rows.find((r) => r.key.startsWith("data"))?.block).toBe(true);
    expect(details.some((d) => d.action === "copy" && keys(d.rows).includes("src"))).toBe(true);
  });
  it("shows source identifier and attrs, metadata", () => {
    const g = load("004-parallel-stages.fixtures");
    const src = g.nodes.find((n) => n.sourceKind === "local")!;
    if (src.op.op?.case !== "source") throw new Error("not a source");
    expect(sourceRows(src.op.op.value)[0]).toEqual({ key: "identifier", value: "local://context" });
    expect(keys(metadataRows(src.metadata))).toContain("description[llb.customname]");
  });
});
