// What a graph needs from the client's BuildKit session: local sources (the build context),
// secrets and ssh sockets. Builds whose needs the session does not provide fail on the daemon, so
// the CLI and the page say so up front, naming what is missing.
import type { LlbGraph } from "../../llb/index";

export type SessionNeed =
  | { kind: "local"; name: string }
  /** `optional`: the mount or env tolerates a missing secret (required=false, the default). */
  | { kind: "secret"; id: string; optional: boolean }
  | { kind: "ssh"; id: string; optional: boolean };

export function sessionNeeds(graph: LlbGraph): SessionNeed[] {
  const out: SessionNeed[] = [];
  const index = new Map<string, number>();
  const add = (n: SessionNeed, key: string) => {
    const at = index.get(key);
    if (at !== undefined) {
      // Required anywhere means required.
      const prev = out[at]!;
      if (prev.kind !== "local" && n.kind !== "local" && prev.optional && !n.optional) out[at] = { ...prev, optional: false };
      return;
    }
    index.set(key, out.length);
    out.push(n);
  };
  for (const node of graph.nodes) {
    const o = node.op.op;
    if (o?.case === "source") {
      const id = o.value.identifier ?? "";
      if (id.startsWith("local://")) add({ kind: "local", name: id.slice("local://".length) }, `local:${id}`);
    } else if (o?.case === "exec") {
      for (const m of o.value.mounts ?? []) {
        if (m.mountType === 1) add({ kind: "secret", id: m.secretOpt?.ID ?? "", optional: m.secretOpt?.optional === true }, `secret:${m.secretOpt?.ID ?? ""}`);
        if (m.mountType === 2) add({ kind: "ssh", id: m.SSHOpt?.ID || "default", optional: m.SSHOpt?.optional === true }, `ssh:${m.SSHOpt?.ID || "default"}`);
      }
      for (const s of o.value.secretenv ?? []) add({ kind: "secret", id: s.ID ?? "", optional: s.optional === true }, `secret:${s.ID ?? ""}`);
    }
  }
  return out;
}

/** Whether the graph reads `local://context`, the build context. */
export function readsBuildContext(graph: LlbGraph): boolean {
  return sessionNeeds(graph).some((n) => n.kind === "local" && n.name === "context");
}

/** What the client's session offers for a build. */
export interface ProvidedSession {
  /** Names of the `local://` sources served. */
  locals: readonly string[];
  /** IDs of the secrets served. */
  secrets: readonly string[];
}

/**
 * The needs a session offering `provided` leaves unmet: local sources it does not serve,
 * required secrets it does not have, and any required ssh socket (llbx forwards no ssh agent).
 * Optional secrets and ssh mounts are never missing: the daemon tolerates their absence.
 */
export function missingSessionNeeds(needs: readonly SessionNeed[], provided: ProvidedSession = { locals: [], secrets: [] }): SessionNeed[] {
  const locals = new Set(provided.locals);
  const secrets = new Set(provided.secrets);
  return needs.filter((n) => (n.kind === "local" ? !locals.has(n.name) : n.kind === "secret" ? !n.optional && !secrets.has(n.id) : !n.optional));
}

function describeNeed(n: SessionNeed): string {
  return n.kind === "local" ? `the local source "${n.name}" (local://${n.name})` : n.kind === "secret" ? `the secret "${n.id}"` : `the ssh socket "${n.id}"`;
}

/** A sentence naming what a build needs that its session does not provide, and how to provide it. */
export function describeSessionNeeds(missing: readonly SessionNeed[]): string {
  const parts = missing.map(describeNeed);
  const hints: string[] = [];
  if (missing.some((n) => n.kind === "local")) hints.push("--local NAME=DIR");
  if (missing.some((n) => n.kind === "secret")) hints.push("--secret id=ID,src=FILE|env=VAR");
  const ssh = missing.some((n) => n.kind === "ssh") ? "; llbx cannot forward ssh sockets yet" : "";
  const how = hints.length ? ` (give ${hints.join(" / ")})` : "";
  return `this build needs ${parts.join(", ")}, which the client's BuildKit session does not provide${how}${ssh}, so the daemon would fail it`;
}

/**
 * The session ID the graph's `local://` sources name (`local.session`), when they all name the same
 * one: the client should attach its session under that ID, or newer daemons wait 5 s for it
 * before taking any session. null when they name none (any session serves them) or disagree.
 */
export function namedSessionId(graph: LlbGraph): string | null {
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    const o = node.op.op;
    if (o?.case !== "source" || !(o.value.identifier ?? "").startsWith("local://")) continue;
    const id = o.value.attrs?.["local.session"] ?? "";
    if (id !== "") ids.add(id);
  }
  return ids.size === 1 ? [...ids][0]! : null;
}
