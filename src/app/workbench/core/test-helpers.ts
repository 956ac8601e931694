// Test helpers: compile a Dockerfile to a graph with the real compiler.
import { readLlb, type LlbGraph } from "../../../llb/index";
import { compileDockerfile } from "./compile";
import { resolveWorkbenchOptions, type WorkbenchOptions } from "./options";

export function graphOf(text: string, options?: Partial<WorkbenchOptions>): LlbGraph {
  const outcome = compileDockerfile(text, resolveWorkbenchOptions(options));
  if (!outcome.ok) throw new Error(outcome.error.message);
  const read = readLlb(outcome.definition);
  if (!read.ok) throw new Error(read.error.message);
  return read.graph;
}

export const TWO_STAGE = `FROM alpine:3.20 AS build
RUN echo built > /artifact

FROM busybox:1.36 AS unused
RUN echo never

FROM alpine:3.20
COPY --from=build /artifact /artifact
RUN cat /artifact
`;
