// Example Dockerfiles for the examples menu: the project's own golden cases (bundled as text) and
// the default one the Workbench opens with.
import single from "../../../dockerfile/testdata/golden/001-single-run.Dockerfile?raw";
import parallel from "../../../dockerfile/testdata/golden/004-parallel-stages.Dockerfile?raw";
import platforms from "../../../dockerfile/testdata/golden/006-platform-args.Dockerfile?raw";
import cacheMounts from "../../../dockerfile/testdata/golden/009-cache-mounts.Dockerfile?raw";
import heredocs from "../../../dockerfile/testdata/golden/014-heredocs.Dockerfile?raw";
import copyLink from "../../../dockerfile/testdata/golden/015-copy-link.Dockerfile?raw";
import type { WorkbenchOptions } from "./options";

export interface WorkbenchExample {
  id: string;
  title: string;
  text: string;
  /** Options the example is best seen with (merged over the defaults). */
  options?: Partial<WorkbenchOptions>;
}

export const DEFAULT_DOCKERFILE = `# Two stages: the build runs in its own stage, the result copies only its output.
ARG GO_VERSION=1.22

FROM golang:\${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["app"]
`;

export const WORKBENCH_EXAMPLES: readonly WorkbenchExample[] = [
  { id: "two-stage", title: "Two stages (build + runtime)", text: DEFAULT_DOCKERFILE },
  { id: "single", title: "Single stage", text: single },
  { id: "parallel", title: "Parallel stages", text: parallel },
  { id: "cache-mounts", title: "Cache mounts", text: cacheMounts },
  { id: "heredocs", title: "Heredocs", text: heredocs },
  { id: "copy-link", title: "COPY --link", text: copyLink },
  { id: "cross-platform", title: "Cross-platform build (arm64)", text: platforms, options: { platform: "linux/arm64" } },
];

export function findExample(id: string): WorkbenchExample | undefined {
  return WORKBENCH_EXAMPLES.find((e) => e.id === id);
}
