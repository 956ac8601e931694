import { describe, expect, it } from "vitest";
import { isDockerfileError } from "../errors";
import { parseDockerfile } from "../parser/parse-dockerfile";
import type { Command } from "./commands";
import { parseCommand, parseStages } from "./parse-stages";

function stagesOf(text: string) {
  return parseStages(parseDockerfile(text));
}

function onlyCommand(text: string): Command {
  const { stages } = stagesOf("FROM base\n" + text);
  const cmd = stages[0]?.commands[0];
  if (!cmd) throw new Error("no command");
  return cmd;
}

describe("parseStages structure", () => {
  it("splits stages, keeps global ARGs and unexpanded values", () => {
    const { stages, metaArgs } = stagesOf(
      "ARG BASE=alpine\nARG VERSION\n# build compiles\nFROM --platform=$BUILDPLATFORM ${BASE}:${VERSION} AS Build\nRUN make\nFROM scratch\nCOPY --from=build /out /out\n",
    );
    expect(metaArgs.map((a) => a.args)).toEqual([
      [{ key: "BASE", value: "alpine", docComment: "" }],
      [{ key: "VERSION", value: undefined, docComment: "" }],
    ]);
    expect(stages.map((s) => [s.name, s.baseName, s.platform, s.sourceCode, s.startLine, s.docComment])).toEqual([
      ["build", "${BASE}:${VERSION}", "$BUILDPLATFORM", "FROM --platform=$BUILDPLATFORM ${BASE}:${VERSION} AS Build", 4, "compiles"],
      ["", "scratch", "", "FROM scratch", 6, ""],
    ]);
    expect(stages[1]?.commands[0]).toMatchObject({ kind: "copy", from: "build", sourcePaths: ["/out"], destPath: "/out" });
  });

  it("command text is the trimmed logical line", () => {
    const cmd = onlyCommand("RUN apk add \\\n    --no-cache curl   \n");
    expect(cmd.code).toBe("RUN apk add     --no-cache curl");
    expect([cmd.startLine, cmd.endLine, cmd.location.length]).toEqual([2, 3, 2]);
  });
});

const commandCases: { name: string; input: string; expected: Record<string, unknown> }[] = [
  {
    name: "RUN shell form with mounts and flags",
    input: "RUN --mount=type=cache,target=/root/.cache,id=go --network=none --security=insecure go build\n",
    expected: {
      kind: "run",
      cmdLine: ["go build"],
      prependShell: true,
      network: "none",
      security: "insecure",
      mountSpecs: ["type=cache,target=/root/.cache,id=go"],
      flagsUsed: ["mount", "network", "security"],
    },
  },
  {
    name: "RUN exec form",
    input: 'RUN ["echo", "a b"]\n',
    expected: { kind: "run", cmdLine: ["echo", "a b"], prependShell: false, network: "default", security: "sandbox" },
  },
  {
    name: "RUN heredoc file",
    input: "RUN <<-EOF\n\techo hi\n\tEOF\n",
    expected: { kind: "run", cmdLine: ["<<-EOF"], files: [{ name: "EOF", data: "\techo hi\n", chomp: true }] },
  },
  {
    name: "COPY flags",
    input: "COPY --chown=app:app --chmod=0644 --link --parents --exclude=*.md --exclude=.git a b /dst/\n",
    expected: {
      kind: "copy",
      chown: "app:app",
      chmod: "0644",
      link: true,
      parents: true,
      excludePatterns: ["*.md", ".git"],
      sourcePaths: ["a", "b"],
      destPath: "/dst/",
    },
  },
  {
    name: "COPY heredoc source (chomped)",
    input: "COPY <<-EOF /etc/x\n\tline $V\n\tEOF\n",
    expected: { kind: "copy", sourcePaths: [], sourceContents: [{ path: "EOF", data: "line $V\n", expand: true }] },
  },
  {
    name: "ADD flags",
    input: "ADD --checksum=sha256:abc --keep-git-dir=false --unpack=true --chown=1 https://x/y.tgz /d\n",
    expected: { kind: "add", checksum: "sha256:abc", keepGitDir: false, unpack: true, chown: "1", link: false },
  },
  {
    name: "ADD without optional bools",
    input: "ADD a /d\n",
    expected: { kind: "add", keepGitDir: undefined, unpack: undefined },
  },
  {
    name: "ENV pairs",
    input: "ENV A=1 B=\"x y\"\n",
    expected: { kind: "env", env: [{ key: "A", value: "1", noDelim: false }, { key: "B", value: '"x y"', noDelim: false }] },
  },
  {
    name: "LABEL legacy",
    input: "LABEL maintainer someone <a@b>\n",
    expected: { kind: "label", labels: [{ key: "maintainer", value: "someone <a@b>", noDelim: true }] },
  },
  {
    name: "HEALTHCHECK options",
    input: "HEALTHCHECK --interval=30s --timeout=1m30s --start-period=1.5s --start-interval=100ms --retries=3 CMD curl -f x\n",
    expected: {
      kind: "healthcheck",
      health: {
        test: ["CMD-SHELL", "curl -f x"],
        interval: 30e9,
        timeout: 90e9,
        startPeriod: 1.5e9,
        startInterval: 1e8,
        retries: 3,
      },
    },
  },
  {
    name: "HEALTHCHECK NONE",
    input: "HEALTHCHECK NONE\n",
    expected: { kind: "healthcheck", health: { test: ["NONE"], interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 } },
  },
  { name: "EXPOSE sorted", input: "EXPOSE 8080 443/tcp 80\n", expected: { kind: "expose", ports: ["443/tcp", "80", "8080"] } },
  { name: "VOLUME trimmed", input: 'VOLUME [" /data "]\n', expected: { kind: "volume", volumes: ["/data"] } },
  { name: "ONBUILD expression", input: "onbuild  RUN make\n", expected: { kind: "onbuild", expression: "RUN make", name: "onbuild" } },
  {
    name: "ONBUILD with heredoc",
    input: "ONBUILD RUN <<EOF\nx\nEOF\n",
    expected: { kind: "onbuild", expression: "RUN <<EOF\nx\nEOF" },
  },
  { name: "SHELL", input: 'SHELL ["pwsh", "-c"]\n', expected: { kind: "shell", shell: ["pwsh", "-c"] } },
  { name: "STOPSIGNAL", input: "STOPSIGNAL SIGTERM\n", expected: { kind: "stopsignal", signal: "SIGTERM" } },
  { name: "USER", input: "USER 1000:1000\n", expected: { kind: "user", user: "1000:1000" } },
  { name: "WORKDIR", input: "WORKDIR $HOME/app\n", expected: { kind: "workdir", path: "$HOME/app" } },
  { name: "CMD exec", input: 'CMD ["a"]\n', expected: { kind: "cmd", cmdLine: ["a"], prependShell: false } },
  { name: "ENTRYPOINT empty exec", input: "ENTRYPOINT []\n", expected: { kind: "entrypoint", cmdLine: [], prependShell: false } },
  { name: "MAINTAINER", input: "MAINTAINER Jane Doe\n", expected: { kind: "maintainer", maintainer: "Jane Doe" } },
];

describe("parseStages commands", () => {
  it.each(commandCases)("$name", ({ input, expected }) => {
    expect(onlyCommand(input)).toMatchObject(expected);
  });
});

const errorCases: { name: string; input: string; message: string; lines: number[] }[] = [
  { name: "unknown instruction", input: "FROM a\nRUNN x\n", message: "dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)", lines: [2] },
  { name: "unknown instruction no suggestion", input: "FROM a\nBOGUSCMD x\n", message: "dockerfile parse error on line 2: unknown instruction: BOGUSCMD", lines: [2] },
  { name: "lowercase suggestion", input: "FROM a\nworkdri /x\n", message: "dockerfile parse error on line 2: unknown instruction: workdri (did you mean workdir?)", lines: [2] },
  { name: "unknown flag with suggestion", input: "FROM a\nCOPY --fromm=b x y\n", message: "dockerfile parse error on line 2: unknown flag: --fromm (did you mean from?)", lines: [2] },
  { name: "unknown flag", input: "FROM a\nWORKDIR --zzz=1 /x\n", message: "dockerfile parse error on line 2: unknown flag: --zzz", lines: [2] },
  { name: "duplicate flag", input: "FROM a\nCOPY --from=a --from=b x y\n", message: "dockerfile parse error on line 2: duplicate flag specified: --from", lines: [2] },
  { name: "missing flag value", input: "FROM a\nCOPY --chown x y\n", message: "dockerfile parse error on line 2: missing a value on flag: --chown", lines: [2] },
  { name: "bad boolean", input: "FROM a\nCOPY --link=maybe x y\n", message: "dockerfile parse error on line 2: expecting boolean value for flag --link, not: maybe", lines: [2] },
  { name: "empty boolean", input: "FROM a\nCOPY --link= x y\n", message: "dockerfile parse error on line 2: missing a value on flag: --link", lines: [2] },
  { name: "ENV without arguments", input: "FROM a\nENV\n", message: "dockerfile parse error on line 2: ENV requires at least one argument", lines: [2] },
  { name: "COPY one argument", input: "FROM a\nCOPY x\n", message: "dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined", lines: [2] },
  { name: "ADD heredoc destination", input: "FROM a\nADD x <<EOF\nz\nEOF\n", message: "dockerfile parse error on line 2: ADD cannot accept a heredoc as a destination", lines: [2, 3, 4] },
  { name: "ONBUILD FROM", input: "FROM a\nONBUILD FROM b\n", message: "dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger", lines: [2] },
  { name: "ONBUILD MAINTAINER", input: "FROM a\nONBUILD maintainer b\n", message: "dockerfile parse error on line 2: MAINTAINER isn't allowed as an ONBUILD trigger", lines: [2] },
  { name: "ONBUILD ONBUILD", input: "FROM a\nONBUILD ONBUILD RUN x\n", message: "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", lines: [2] },
  { name: "ONBUILD empty", input: "FROM a\nONBUILD\n", message: "dockerfile parse error on line 2: ONBUILD requires at least one argument", lines: [2] },
  { name: "FROM two args", input: "FROM a b\n", message: "dockerfile parse error on line 1: FROM requires either one or three arguments", lines: [1] },
  { name: "FROM bad stage name", input: "FROM a AS 1st\n", message: 'dockerfile parse error on line 1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols', lines: [1] },
  { name: "HEALTHCHECK no args", input: "FROM a\nHEALTHCHECK\n", message: "dockerfile parse error on line 2: HEALTHCHECK requires at least one argument", lines: [2] },
  { name: "HEALTHCHECK NONE args", input: "FROM a\nHEALTHCHECK NONE x\n", message: "dockerfile parse error on line 2: HEALTHCHECK NONE takes no arguments", lines: [2] },
  { name: "HEALTHCHECK unknown type", input: "FROM a\nHEALTHCHECK PING x\n", message: 'dockerfile parse error on line 2: Unknown type "PING" in HEALTHCHECK (try CMD)', lines: [2] },
  { name: "HEALTHCHECK missing command", input: "FROM a\nHEALTHCHECK CMD\n", message: "dockerfile parse error on line 2: Missing command after HEALTHCHECK CMD", lines: [2] },
  { name: "HEALTHCHECK bad duration", input: "FROM a\nHEALTHCHECK --interval=5 CMD x\n", message: 'dockerfile parse error on line 2: time: missing unit in duration "5"', lines: [2] },
  { name: "HEALTHCHECK unknown unit", input: "FROM a\nHEALTHCHECK --timeout=5x CMD x\n", message: 'dockerfile parse error on line 2: time: unknown unit "x" in duration "5x"', lines: [2] },
  { name: "HEALTHCHECK too short", input: "FROM a\nHEALTHCHECK --interval=10us CMD x\n", message: 'dockerfile parse error on line 2: Interval "interval" cannot be less than 1ms', lines: [2] },
  { name: "HEALTHCHECK retries syntax", input: "FROM a\nHEALTHCHECK --retries=x CMD y\n", message: 'dockerfile parse error on line 2: strconv.ParseInt: parsing "x": invalid syntax', lines: [2] },
  { name: "HEALTHCHECK negative retries", input: "FROM a\nHEALTHCHECK --retries=-1 CMD y\n", message: "dockerfile parse error on line 2: --retries cannot be negative (-1)", lines: [2] },
  { name: "SHELL not JSON", input: "FROM a\nSHELL /bin/sh -c\n", message: "dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form", lines: [2] },
  { name: "SHELL empty", input: "FROM a\nSHELL []\n", message: "dockerfile parse error on line 2: SHELL requires at least one argument", lines: [2] },
  { name: "VOLUME empty string", input: 'FROM a\nVOLUME ["/a", " "]\n', message: "dockerfile parse error on line 2: VOLUME specified can not be an empty string", lines: [2] },
  { name: "WORKDIR no args", input: "FROM a\nWORKDIR\n", message: "dockerfile parse error on line 2: WORKDIR requires exactly one argument", lines: [2] },
  { name: "USER none", input: "FROM a\nUSER\n", message: "dockerfile parse error on line 2: USER requires exactly one argument", lines: [2] },
  { name: "STOPSIGNAL none", input: "FROM a\nSTOPSIGNAL\n", message: "dockerfile parse error on line 2: STOPSIGNAL requires exactly one argument", lines: [2] },
  { name: "ARG blank name", input: "ARG =x\nFROM a\n", message: "dockerfile parse error on line 1: ARG names can not be blank", lines: [1] },
  { name: "EXPOSE none", input: "FROM a\nEXPOSE\n", message: "dockerfile parse error on line 2: EXPOSE requires at least one argument", lines: [2] },
  { name: "RUN bad network", input: "FROM a\nRUN --network=bridge x\n", message: 'dockerfile parse error on line 2: invalid network mode "bridge"', lines: [2] },
  { name: "RUN bad security", input: "FROM a\nRUN --security=none x\n", message: 'dockerfile parse error on line 2: security "none" is not valid', lines: [2] },
  { name: "RUN mount from variable", input: "FROM a\nARG X\nRUN --mount=from=$X,target=/x y\n", message: "dockerfile parse error on line 3: 'from' doesn't support variable expansion, define alias stage instead", lines: [3] },
  { name: "RUN mount bad csv", input: 'FROM a\nRUN --mount=type=bind,src=a\\"b x\n', message: 'dockerfile parse error on line 2: failed to parse csv mounts: parse error on line 1, column 16: bare " in non-quoted-field', lines: [2] },
  { name: "RUN empty mount", input: "FROM a\nRUN --mount= x\n", message: "dockerfile parse error on line 2: failed to parse csv mounts: EOF", lines: [2] },
  { name: "RUN mount flag typo", input: "FROM a\nRUN --mont=type=cache x\n", message: "dockerfile parse error on line 2: unknown flag: --mont (did you mean mount?)", lines: [2] },
  { name: "command before FROM", input: "ARG A\nRUN x\n", message: "no build stage in current context", lines: [2] },
  { name: "multi-line location", input: "FROM a\nCOPY \\\n  x\n", message: "dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined", lines: [2, 3] },
];

describe("parseStages errors", () => {
  it.each(errorCases)("$name", ({ input, message, lines }) => {
    let caught: unknown;
    try {
      stagesOf(input);
    } catch (e) {
      caught = e;
    }
    expect(isDockerfileError(caught)).toBe(true);
    if (!isDockerfileError(caught)) return;
    expect(caught.message).toBe(message);
    expect(caught.ranges.map((r) => r.start.line)).toEqual(lines);
  });
});

describe("parseCommand (ONBUILD triggers)", () => {
  it.each([
    { name: "valid trigger", input: "RUN make", message: null },
    { name: "unprefixed error", input: "COPY x", message: "COPY requires at least two arguments, but only one was provided. Destination could not be determined" },
    { name: "FROM is not a command", input: "FROM a", message: "*instructions.Stage is not a command type" },
  ])("$name", ({ input, message }) => {
    const node = parseDockerfile(input).instructions[0];
    if (!node) throw new Error("no node");
    if (message === null) {
      expect(parseCommand(node)).toMatchObject({ kind: "run", code: "RUN make" });
    } else {
      expect(() => parseCommand(node)).toThrow(message);
    }
  });
});
