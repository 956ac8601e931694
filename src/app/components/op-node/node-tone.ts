// How an op is drawn relative to the selection and the kind filter. Shared by the op node and the
// zoomed-out canvas drawing of nodes.
import type { Digest, OpClass } from "../../../llb/index";
import type { ExplorerState } from "../../store/explorer-store";

export type NodeTone = "selected" | "ancestor" | "descendant" | "faded" | "filtered" | "plain";

export function nodeToneOf(s: ExplorerState, digest: Digest, cls: OpClass): NodeTone {
  if (s.selected === digest) return "selected";
  if (s.lineage) {
    if (s.lineage.ancestors.has(digest)) return "ancestor";
    if (s.lineage.descendants.has(digest)) return "descendant";
    return "faded";
  }
  return s.hiddenClasses.has(cls) ? "filtered" : "plain";
}
