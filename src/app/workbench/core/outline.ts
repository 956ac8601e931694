// The Dockerfile's outline for the options panel and the greying of unreachable stages: stages with
// their line spans, and the ARGs they declare with defaults. Null when the text does not parse.
import { parseDockerfileStages, type ArgCommand } from "../../../dockerfile/index";

export interface StageInfo {
  index: number;
  /** Lower-cased `AS` name ("" when unnamed). */
  name: string;
  /** What the target select shows and passes: the name, or the index for unnamed stages. */
  id: string;
  base: string;
  /** FROM line (1-based). */
  startLine: number;
  /** Last line before the next FROM (or the end of the file). */
  endLine: number;
}

export interface DetectedArg {
  name: string;
  /** undefined for `ARG NAME` without a default. */
  defaultValue: string | undefined;
  /** "global" for ARGs before the first FROM, else the stage id. */
  scope: string;
  line: number;
}

export interface DockerfileOutline {
  stages: StageInfo[];
  args: DetectedArg[];
}

function argsOf(commands: readonly ArgCommand[], scope: string): DetectedArg[] {
  return commands.flatMap((c) => c.args.map((a) => ({ name: a.key, defaultValue: a.value, scope, line: c.startLine })));
}

export function outlineDockerfile(text: string): DockerfileOutline | null {
  let front;
  try {
    front = parseDockerfileStages(text);
  } catch {
    return null;
  }
  const lineCount = text.split("\n").length;
  const stages = front.stages.map((s, index): StageInfo => {
    const next = front.stages[index + 1];
    return { index, name: s.name, id: s.name || String(index), base: s.baseName, startLine: s.startLine, endLine: next ? next.startLine - 1 : lineCount };
  });
  const args = argsOf(front.metaArgs, "global");
  front.stages.forEach((s, i) => {
    args.push(...argsOf(s.commands.filter((c): c is ArgCommand => c.kind === "arg"), stages[i]!.id));
  });
  return { stages, args };
}

/** One entry per ARG name (first declaration wins), for the build-args form. */
export function buildArgFields(outline: DockerfileOutline): DetectedArg[] {
  const seen = new Map<string, DetectedArg>();
  for (const a of outline.args) if (!seen.has(a.name)) seen.set(a.name, a);
  return [...seen.values()];
}
