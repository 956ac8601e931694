// How the op list names an op.
import type { OpNode } from "../../../../llb/index";

export function displayOp(node: OpNode): { kind: string; label: string; shortDigest: string } {
  const kind = node.kind === "source" && node.sourceKind ? node.sourceKind : node.kind;
  return { kind, label: node.label, shortDigest: node.digest.replace(/^sha256:/, "").slice(0, 12) };
}
