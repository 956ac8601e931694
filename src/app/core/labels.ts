// How an op is named on screen: the customname without its `[stage N/M]` prefix (the frame and
// the step badge carry those), and the kind in BuildKit's words.
import type { OpNode } from "../../llb/index";

const STEP = /^\[([^\]]+?)(?: (\d+\/\d+))?\]\s*/;

export interface DisplayLabel {
  text: string;
  /** "2/5" for Dockerfile steps. */
  step?: string;
  /** "internal" for `[internal] ...` ops. */
  tag?: string;
}

export function displayLabel(node: OpNode): DisplayLabel {
  const m = STEP.exec(node.label);
  if (!m) return { text: node.label || node.kind };
  const text = node.label.slice(m[0].length) || node.label;
  if (m[2]) return { text, step: m[2] };
  if (/^\d+\/\d+$/.test(m[1]!)) return { text, step: m[1]! };
  return { text, tag: m[1]! };
}

/** "image", "local", "exec", "file", "merge", ..., "result" for the terminal op. */
export function kindName(node: OpNode): string {
  if (node.kind === "source") return node.sourceKind === "other" || !node.sourceKind ? "source" : node.sourceKind;
  if (node.kind === "terminal") return "result";
  return node.kind;
}
