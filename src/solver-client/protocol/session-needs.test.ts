import { describe, expect, it } from "vitest";
import { convertDockerfile } from "../../dockerfile/index";
import { encodeDefinition, readLlb } from "../../llb/index";
import { describeSessionNeeds, missingSessionNeeds, namedSessionId, readsBuildContext, sessionNeeds, type ProvidedSession } from "./session-needs";

function needsOf(dockerfile: string) {
  const r = readLlb(encodeDefinition(convertDockerfile(dockerfile).definition));
  if (!r.ok) throw new Error(r.error.message);
  return sessionNeeds(r.graph);
}

const df = [
  "FROM busybox",
  "COPY . /src",
  "RUN --mount=type=secret,id=req,required=true --mount=type=secret,id=opt true",
  "RUN --mount=type=secret,id=opt,required=true true",
  "RUN --mount=type=ssh,id=agent true",
].join("\n");

describe("sessionNeeds / missingSessionNeeds", () => {
  it("lists locals, secrets (required if any use requires them) and ssh", () => {
    expect(needsOf(df)).toEqual([
      { kind: "local", name: "context" },
      { kind: "secret", id: "req", optional: false },
      { kind: "secret", id: "opt", optional: false },
      { kind: "ssh", id: "agent", optional: true },
    ]);
  });

  it.each<[string, ProvidedSession, string[]]>([
    ["nothing provided", { locals: [], secrets: [] }, ["local:context", "secret:req", "secret:opt"]],
    ["context only", { locals: ["context"], secrets: [] }, ["secret:req", "secret:opt"]],
    ["everything", { locals: ["context", "dockerfile"], secrets: ["req", "opt"] }, []],
  ])("%s", (_name, provided, want) => {
    const missing = missingSessionNeeds(needsOf(df), provided);
    expect(missing.map((n) => `${n.kind}:${n.kind === "local" ? n.name : n.id}`)).toEqual(want);
  });

  it("does not count optional secrets as missing", () => {
    expect(missingSessionNeeds(needsOf("FROM busybox\nRUN --mount=type=secret,id=x true\n"))).toEqual([]);
  });

  it("says what is missing and how to provide it", () => {
    const text = describeSessionNeeds(missingSessionNeeds(needsOf(df)));
    expect(text).toContain('the local source "context" (local://context)');
    expect(text).toContain('the secret "req"');
    expect(text).toContain("--local NAME=DIR");
    expect(text).toContain("--secret id=ID");
  });
});

describe("namedSessionId", () => {
  const graphOf = (dockerfile: string, sessionId: string) => {
    const r = readLlb(encodeDefinition(convertDockerfile(dockerfile, { sessionId }).definition));
    if (!r.ok) throw new Error(r.error.message);
    return r.graph;
  };
  it.each([
    ["the ID the context source names", "FROM busybox\nCOPY . /src\n", "abcdefghijklmnopqrstuvwxy", "abcdefghijklmnopqrstuvwxy"],
    ["none when the sources name no session (any session serves them)", "FROM busybox\nCOPY . /src\n", "", null],
    ["none without local sources", "FROM busybox\nRUN true\n", "abcdefghijklmnopqrstuvwxy", null],
  ])("%s", (_n, dockerfile, id, want) => expect(namedSessionId(graphOf(dockerfile, id))).toBe(want));
});

describe("readsBuildContext", () => {
  it.each([
    ["COPY from the context", "FROM busybox\nCOPY . /src\n", true],
    ["no context read", "FROM busybox\nRUN true\n", false],
  ])("%s", (_n, dockerfile, want) => {
    const r = readLlb(encodeDefinition(convertDockerfile(dockerfile).definition));
    if (!r.ok) throw new Error(r.error.message);
    expect(readsBuildContext(r.graph)).toBe(want);
  });
});
