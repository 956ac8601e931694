// Stages the chosen target never reaches: no op of the graph comes from any of their lines.
// Their lines are greyed in the editor.
import type { DockerfileOutline, StageInfo } from "./outline";
import type { LineSpan, SourceIndex } from "./source-map";

export function unreachableStages(outline: DockerfileOutline, index: SourceIndex): StageInfo[] {
  return outline.stages.filter((s) => {
    for (let line = s.startLine; line <= s.endLine; line++) if ((index.opsByLine.get(line)?.length ?? 0) > 0) return false;
    return true;
  });
}

export function unreachableLines(outline: DockerfileOutline, index: SourceIndex): LineSpan[] {
  return unreachableStages(outline, index).map((s) => ({ start: s.startLine, end: s.endLine }));
}
