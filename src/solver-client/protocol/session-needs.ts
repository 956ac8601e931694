// What a graph needs from the client's BuildKit session: local sources (the build context),
// secrets and ssh sockets. Builds that need any of them fail without a session, so the CLI and the
// page say so up front, naming what is missing.
import type { LlbGraph } from "../../llb/index";

export type SessionNeed = { kind: "local"; name: string } | { kind: "secret"; id: string } | { kind: "ssh"; id: string };

export function sessionNeeds(graph: LlbGraph): SessionNeed[] {
  const out: SessionNeed[] = [];
  const seen = new Set<string>();
  const add = (n: SessionNeed, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(n);
  };
  for (const node of graph.nodes) {
    const o = node.op.op;
    if (o?.case === "source") {
      const id = o.value.identifier ?? "";
      if (id.startsWith("local://")) add({ kind: "local", name: id.slice("local://".length) }, `local:${id}`);
    } else if (o?.case === "exec") {
      for (const m of o.value.mounts ?? []) {
        if (m.mountType === 1) add({ kind: "secret", id: m.secretOpt?.ID ?? "" }, `secret:${m.secretOpt?.ID ?? ""}`);
        if (m.mountType === 2) add({ kind: "ssh", id: m.SSHOpt?.ID || "default" }, `ssh:${m.SSHOpt?.ID || "default"}`);
      }
      for (const s of o.value.secretenv ?? []) add({ kind: "secret", id: s.ID ?? "" }, `secret:${s.ID ?? ""}`);
    }
  }
  return out;
}

/** A sentence naming what a build needs that this bridge cannot provide yet (session support). */
export function describeSessionNeeds(needs: SessionNeed[]): string {
  const parts = needs.map((n) => (n.kind === "local" ? `the local source "${n.name}" (local://${n.name})` : n.kind === "secret" ? `the secret "${n.id}"` : `the ssh socket "${n.id}"`));
  return `this build needs ${parts.join(", ")}, which are served through a BuildKit session; llbx cannot attach a session yet, so the daemon would fail this build`;
}
