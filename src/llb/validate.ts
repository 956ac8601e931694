// Structural checks of an LLB graph: what BuildKit would reject, or what makes a graph unreadable.
import type { LlbGraph } from "./graph";
import { outputCount } from "./graph";

export type ValidationKind =
  | "empty-definition"
  | "unknown-input"
  | "cycle"
  | "duplicate-op"
  | "output-out-of-range"
  | "mount-input-out-of-range"
  | "file-input-out-of-range"
  | "no-terminal";

export interface ValidationIssue {
  kind: ValidationKind;
  message: string;
  /** The op the issue is about. */
  digest?: string;
}

export function validateGraph(graph: LlbGraph): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (graph.nodes.length === 0) {
    issues.push({ kind: "empty-definition", message: "the Definition has no ops" });
    return issues;
  }
  for (const note of graph.notes)
    if (note.message.includes(" repeats ")) issues.push({ kind: "duplicate-op", message: note.message });
  if (!graph.terminal)
    issues.push({ kind: "no-terminal", message: "the last op is not a terminal op (inputs only), so BuildKit would not know what to build" });

  for (const n of graph.nodes) {
    const nInputs = n.op.inputs?.length ?? 0;
    n.inputs.forEach((inp, i) => {
      const dep = graph.byDigest.get(inp.digest);
      if (!dep) {
        issues.push({ kind: "unknown-input", digest: n.digest, message: `input ${i} of ${short(n.digest)} refers to ${inp.digest}, which is not in the Definition` });
        return;
      }
      const outs = outputCount(dep.op);
      if (inp.index < 0 || inp.index >= outs)
        issues.push({
          kind: "output-out-of-range",
          digest: n.digest,
          message: `input ${i} of ${short(n.digest)} reads output ${inp.index} of ${short(dep.digest)}, which has ${outs} output${outs === 1 ? "" : "s"}`,
        });
    });
    const o = n.op.op;
    if (o?.case === "exec")
      (o.value.mounts ?? []).forEach((m, i) => {
        const input = m.input ?? 0;
        if (input >= nInputs || input < -1)
          issues.push({ kind: "mount-input-out-of-range", digest: n.digest, message: `mount ${i} (${m.dest ?? ""}) of ${short(n.digest)} uses input ${input}, but the op has ${nInputs} input${nInputs === 1 ? "" : "s"}` });
      });
    if (o?.case === "file")
      (o.value.actions ?? []).forEach((a, k) => {
        // An action may read an op input (0..N-1), an earlier action's result (N+j, j<k), or scratch (-1).
        for (const [name, v] of [["input", a.input ?? 0], ["secondaryInput", a.secondaryInput ?? 0]] as const) {
          if (name === "secondaryInput" && a.action?.case !== "copy" && v === -1) continue;
          if (v < -1 || v >= nInputs + k)
            issues.push({ kind: "file-input-out-of-range", digest: n.digest, message: `file action ${k} of ${short(n.digest)} has ${name} ${v}, but only inputs 0–${nInputs - 1} and results of actions before it can be used` });
        }
      });
  }
  const cycle = findCycle(graph);
  if (cycle) issues.push({ kind: "cycle", digest: cycle[0], message: `cycle: ${cycle.map(short).join(" → ")}` });
  return issues;
}

function short(d: string): string {
  return d.startsWith("sha256:") ? d.slice(7, 19) : d;
}

/** A cycle of digests if there is one (iterative DFS: graphs can be deep). */
export function findCycle(graph: LlbGraph): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  for (const start of graph.nodes) {
    if (state.has(start.digest)) continue;
    const stack: { d: string; i: number }[] = [{ d: start.digest, i: 0 }];
    state.set(start.digest, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const node = graph.byDigest.get(top.d as never);
      const inputs = node?.inputs ?? [];
      if (top.i >= inputs.length) {
        state.set(top.d, 2);
        stack.pop();
        continue;
      }
      const next = inputs[top.i++]!.digest;
      const s = state.get(next);
      if (s === 1) {
        const from = stack.findIndex((f) => f.d === next);
        return [...stack.slice(from).map((f) => f.d), next];
      }
      if (s === undefined && graph.byDigest.has(next)) {
        state.set(next, 1);
        stack.push({ d: next, i: 0 });
      }
    }
  }
  return undefined;
}
