import { describe, expect, it } from "vitest";
import { buildArgFields, outlineDockerfile } from "./outline";

const TEXT = `ARG BASE=alpine:3.20
ARG FLAVOR
FROM \${BASE} AS build
ARG VERSION=1.0
RUN echo $VERSION

FROM build
ARG VERSION=2.0
ARG EXTRA
`;

describe("outlineDockerfile", () => {
  it("lists stages with their line spans", () => {
    expect(outlineDockerfile(TEXT)?.stages).toEqual([
      { index: 0, name: "build", id: "build", base: "${BASE}", startLine: 3, endLine: 6 },
      { index: 1, name: "", id: "1", base: "build", startLine: 7, endLine: 10 },
    ]);
  });

  it.each([
    ["global with default", "BASE", "alpine:3.20", "global", 1],
    ["global without default", "FLAVOR", undefined, "global", 2],
    ["stage ARG, first default wins", "VERSION", "1.0", "build", 4],
    ["stage ARG without default", "EXTRA", undefined, "1", 9],
  ])("detects %s", (_name, arg, defaultValue, scope, line) => {
    const fields = buildArgFields(outlineDockerfile(TEXT)!);
    expect(fields.find((f) => f.name === arg)).toEqual({ name: arg, defaultValue, scope, line });
  });

  it("is null when the text does not parse", () => {
    expect(outlineDockerfile("FROM alpine\nRUNN x\n")).toBeNull();
  });
});
