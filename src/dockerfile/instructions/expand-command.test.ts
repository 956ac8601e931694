import { describe, expect, it } from "vitest";
import { isDockerfileError } from "../errors";
import { parseDockerfile } from "../parser/parse-dockerfile";
import { expandWord } from "../shell/lex";
import { envFromList } from "../shell/shell-env";
import type { Command } from "./commands";
import { expandCommand, expandCommandRaw, isExpandableCommand } from "./expand-command";
import { parseStages } from "./parse-stages";

const env = envFromList(["V=1.2", "DIR=/app", "U=app", "T=cache"]);
const expand = (w: string) => expandWord(w, env).result;
const expandRaw = (w: string) => expandWord(w, env, { escapeToken: "\\", skipProcessQuotes: true }).result;

function cmdOf(line: string): Command {
  const cmd = parseStages(parseDockerfile(`FROM a\n${line}`)).stages[0]?.commands[0];
  if (!cmd) throw new Error("no command");
  return cmd;
}

const cases: { name: string; input: string; expected: Record<string, unknown> }[] = [
  { name: "ENV keys and values", input: 'ENV A_$V="x $DIR"\n', expected: { env: [{ key: "A_1.2", value: "x /app", noDelim: false }] } },
  { name: "LABEL", input: "LABEL v=$V\n", expected: { labels: [{ key: "v", value: "1.2", noDelim: false }] } },
  {
    name: "COPY keeps --from unexpanded",
    input: "COPY --from=$U --chown=$U:$U --chmod=$V a-$V $DIR/\n",
    expected: { from: "$U", chown: "app:app", chmod: "1.2", sourcePaths: ["a-1.2"], destPath: "/app/" },
  },
  { name: "ADD checksum", input: "ADD --checksum=$V http://x/$V /d\n", expected: { checksum: "1.2", sourcePaths: ["http://x/1.2"] } },
  { name: "WORKDIR", input: "WORKDIR $DIR/src\n", expected: { path: "/app/src" } },
  { name: "USER", input: "USER ${U}:${U}\n", expected: { user: "app:app" } },
  { name: "VOLUME", input: "VOLUME $DIR /x\n", expected: { volumes: ["/app", "/x"] } },
  { name: "STOPSIGNAL", input: "STOPSIGNAL SIG$U\n", expected: { signal: "SIGapp" } },
  {
    name: "RUN mounts",
    input: "RUN --mount=type=$T,target=$DIR/.cache make\n",
    expected: { mounts: [expect.objectContaining({ type: "cache", target: "/app/.cache", readOnly: false })] },
  },
  { name: "CMD untouched", input: "CMD echo $V\n", expected: { cmdLine: ["echo $V"] } },
];

describe("expandCommand", () => {
  it.each(cases)("$name", ({ input, expected }) => {
    expect(expandCommand(cmdOf(input), expand)).toMatchObject(expected);
  });

  it("knows which commands expand", () => {
    expect(["ENV a=b", "ARG a", "CMD x", "RUN x"].map((l) => isExpandableCommand(cmdOf(l)))).toEqual([true, false, false, true]);
  });

  it("expands unquoted heredoc bodies only", () => {
    const cmd = expandCommandRaw(cmdOf("COPY <<A <<'B' /d/\n$V \"q\"\nA\n$V\nB\n"), expandRaw);
    expect(cmd).toMatchObject({ sourceContents: [{ path: "A", data: '1.2 "q"\n' }, { path: "B", data: "$V\n" }] });
  });

  it.each([
    { name: "mount error", input: "RUN --mount=typ=tmpfs x\n", message: "unexpected key 'typ' in 'typ=tmpfs' (did you mean type?)", kind: "mount" },
    { name: "expansion error", input: "WORKDIR ${NOPE:?missing}\n", message: 'failed to process "${NOPE:?missing}": NOPE: missing', kind: "expansion" },
  ])("$name carries the command location", ({ input, message, kind }) => {
    let caught: unknown;
    try {
      expandCommand(cmdOf(input), expand);
    } catch (e) {
      caught = e;
    }
    expect(isDockerfileError(caught)).toBe(true);
    if (isDockerfileError(caught)) {
      expect(caught.message).toBe(message);
      expect(caught.kind).toBe(kind);
      expect(caught.ranges.map((r) => r.start.line)).toEqual([2]);
    }
  });
});
