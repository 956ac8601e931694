import { describe, expect, it } from "vitest";
import { isDockerfileError } from "../errors";
import { dumpDockerfileAst } from "./dump-ast";
import { parseDockerfile } from "./parse-dockerfile";

/** Our own inputs with the dump upstream's parser prints for them. */
const dumpCases: { name: string; input: string; dump: string }[] = [
  {
    name: "basic stage with name",
    input: "FROM alpine:3.20 AS build\nRUN apk add --no-cache curl\n",
    dump: '(from "alpine:3.20" "AS" "build")\n(run "apk add --no-cache curl")\n',
  },
  {
    name: "exec form and shell form",
    input: 'FROM scratch\nCMD ["/bin/app", "--flag"]\nENTRYPOINT /bin/sh -c "echo hi"\n',
    dump: '(from "scratch")\n(cmd "/bin/app" "--flag")\n(entrypoint "/bin/sh -c \\"echo hi\\"")\n',
  },
  {
    name: "invalid JSON falls back to shell form",
    input: "FROM scratch\nCMD [\"a\", 'b']\nRUN [ \"x\"\n",
    dump: '(from "scratch")\n(cmd "[\\"a\\", \'b\']")\n(run "[ \\"x\\"")\n',
  },
  {
    name: "continuations keep inner whitespace",
    input: "FROM a\nRUN echo one \\\n    two \\\n  three\n",
    dump: '(from "a")\n(run "echo one     two   three")\n',
  },
  {
    name: "comments and empty lines inside a continuation",
    input: "FROM a\nRUN apt-get update \\\n# a comment\n\n    && apt-get install -y x\n",
    dump: '(from "a")\n(run "apt-get update     && apt-get install -y x")\n',
  },
  {
    name: "escape directive with backtick",
    input: "# escape=`\nFROM windows\nRUN dir c:\\ `\n  /s\nCOPY a\\b c:\\dst\\\n",
    dump: '(from "windows")\n(run "dir c:\\\\   /s")\n(copy "a\\\\b" "c:\\\\dst\\\\")\n',
  },
  {
    name: "flags with quotes and escapes",
    input: "FROM a\nCOPY --from=build --chown=\"1000:1000\" --chmod=0755 /out /out\nRUN --network=none --mount=type=secret,id=tok true\n",
    dump:
      '(from "a")\n(copy ["--from=build" "--chown=1000:1000" "--chmod=0755"] "/out" "/out")\n' +
      '(run ["--network=none" "--mount=type=secret,id=tok"] "true")\n',
  },
  {
    name: "double dash ends flags",
    input: "FROM a\nCOPY --link -- --weird /dst\n",
    dump: '(from "a")\n(copy ["--link"] "--weird" "/dst")\n',
  },
  {
    name: "ENV and LABEL in both forms",
    input: 'FROM a\nENV A=1 B="two words" C=\nENV LEGACY value with spaces\nLABEL org.x="y" z=w\nLABEL k v\n',
    dump:
      '(from "a")\n(env "A" "1" "=" "B" "\\"two words\\"" "=" "C" "" "=")\n(env "LEGACY" "value with spaces" "")\n' +
      '(label "org.x" "\\"y\\"" "=" "z" "w" "=")\n(label "k" "v" "")\n',
  },
  {
    name: "ARG forms",
    input: "ARG BASE=alpine\nARG A B=2 'C=x y'\nFROM $BASE\n",
    dump: '(arg "BASE=alpine")\n(arg "A" "B=2" "\'C=x y\'")\n(from "$BASE")\n',
  },
  {
    name: "ONBUILD, HEALTHCHECK, EXPOSE, VOLUME",
    input:
      'FROM a\nONBUILD RUN ["make"]\nONBUILD COPY --from=x . /\nHEALTHCHECK --interval=5s CMD curl -f http://localhost\nHEALTHCHECK NONE\nEXPOSE 80/tcp  443\nVOLUME ["/data", "/logs"]\nVOLUME /a /b\n',
    dump:
      '(from "a")\n(onbuild (run "make"))\n(onbuild (copy ["--from=x"] "." "/"))\n' +
      '(healthcheck ["--interval=5s"] "CMD" "curl -f http://localhost")\n(healthcheck "NONE")\n' +
      '(expose "80/tcp" "443")\n(volume "/data" "/logs")\n(volume "/a" "/b")\n',
  },
  {
    name: "unknown instruction and empty arguments",
    input: "FROM a\nFOO bar baz\nWORKDIR\nUSER app:app\n",
    dump: '(from "a")\n(foo "")\n(workdir)\n(user "app:app")\n',
  },
  {
    name: "keyword case is lowered in the dump only",
    input: "from a as b\nRun echo\n",
    dump: '(from "a" "as" "b")\n(run "echo")\n',
  },
  {
    name: "heredocs are not part of the dump",
    input: "FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<A <<-B /dst/\na\nA\n\tb\n\tB\n",
    dump: '(from "a")\n(run "<<EOF")\n(copy "<<A" "<<-B" "/dst/")\n',
  },
  {
    name: "CRLF line endings and BOM",
    input: "\ufeffFROM a\r\nRUN echo \\\r\n  hi\r\n",
    dump: '(from "a")\n(run "echo   hi")\n',
  },
  {
    name: "trailing continuation at end of file",
    input: "FROM a\nRUN echo \\",
    dump: '(from "a")\n(run "echo")\n',
  },
  {
    name: "directive-looking comment after an instruction is a comment",
    input: "FROM a\n# escape=`\nRUN a \\\n  b\n",
    dump: '(from "a")\n(run "a   b")\n',
  },
  {
    name: "non-printable characters are quoted like Go",
    input: "FROM a\nLABEL x=\"\u00e9\u00a0\t\"\n",
    dump: '(from "a")\n(label "x" "\\"é\\u00a0\\t\\"" "=")\n',
  },
  {
    name: "escape directive after syntax directive",
    input: "# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN b `\n  c\n",
    dump: '(from "a")\n(run "b   c")\n',
  },
  {
    name: "escape directive after a comment is ignored",
    input: "# a comment\n# escape=`\nFROM a\nRUN b `\n  c\n",
    dump: '(from "a")\n(run "b `")\n(c "")\n',
  },
  {
    name: "backtick continuation at EOF without newline",
    input: "# escape=`\nFROM a\nRUN b `",
    dump: '(from "a")\n(run "b")\n',
  },
  {
    name: "broken JSON variants stay shell form",
    input: 'FROM a\nCMD ["a", "b"\nCMD [\'a\']\nCMD ["a" "b"]\nCMD "[\\"a\\"]"\n',
    dump: '(from "a")\n(cmd "[\\"a\\", \\"b\\"")\n(cmd "[\'a\']")\n(cmd "[\\"a\\" \\"b\\"]")\n(cmd "\\"[\\\\\\"a\\\\\\"]\\"")\n',
  },
  {
    name: "JSON followed by text is shell form; padded JSON is exec form",
    input: 'FROM a\nENTRYPOINT ["/bin/sh", "-c"] "extra"\nENTRYPOINT  [ "a" ]  \n',
    dump: '(from "a")\n(entrypoint "[\\"/bin/sh\\", \\"-c\\"] \\"extra\\"")\n(entrypoint "a")\n',
  },
  {
    name: "indented continuation lines and a lone escape line",
    input: "FROM a\nRUN echo \\\n\tfoo \\\n  \\\n  bar\n",
    dump: '(from "a")\n(run "echo \\tfoo     bar")\n',
  },
];

describe("parseDockerfile dumps", () => {
  it.each(dumpCases)("$name", ({ input, dump }) => {
    expect(dumpDockerfileAst(parseDockerfile(input))).toBe(dump);
  });
});

const lineCases: { name: string; input: string; lines: [number, number][] }[] = [
  {
    name: "leading comments and blank lines",
    input: "# syntax=docker/dockerfile:1\n\n# hello\nFROM a\n\nRUN x \\\n  y\n",
    lines: [
      [4, 4],
      [6, 7],
    ],
  },
  {
    name: "heredoc body extends the range",
    input: "FROM a\nRUN <<EOF\none\ntwo\nEOF\nRUN z\n",
    lines: [
      [1, 1],
      [2, 5],
      [6, 6],
    ],
  },
  {
    name: "comment lines inside a continuation count",
    input: "FROM a\nRUN a \\\n# c1\n# c2\n  b\n",
    lines: [
      [1, 1],
      [2, 5],
    ],
  },
];

describe("parseDockerfile line ranges", () => {
  it.each(lineCases)("$name", ({ input, lines }) => {
    const ast = parseDockerfile(input);
    expect(ast.instructions.map((n) => [n.startLine, n.endLine])).toEqual(lines);
  });
});

describe("parseDockerfile details", () => {
  it("keeps heredoc content, quoting and chomp flags", () => {
    const ast = parseDockerfile('FROM a\nRUN 3<<-"EOF" <<\'X\' cat\n\techo $HOME\n\tEOF\nraw\nX\n');
    const run = ast.instructions[1];
    expect(run?.heredocs).toEqual([
      { name: "EOF", fileDescriptor: 3, expand: false, chomp: true, content: "\techo $HOME\n" },
      { name: "X", fileDescriptor: 0, expand: false, chomp: false, content: "raw\n" },
    ]);
  });

  it("unquoted heredoc expands", () => {
    const ast = parseDockerfile("FROM a\nCOPY <<EOF /f\n$X\nEOF\n");
    expect(ast.instructions[1]?.heredocs[0]?.expand).toBe(true);
  });

  it("exec form RUN does not read heredocs", () => {
    const ast = parseDockerfile('FROM a\nRUN ["cat", "<<EOF"]\nEOF\n');
    expect(ast.instructions.map((n) => n.command)).toEqual(["FROM", "RUN", "EOF"]);
  });

  it("ONBUILD RUN reads heredocs", () => {
    const ast = parseDockerfile("FROM a\nONBUILD RUN <<EOF\nx\nEOF\n");
    expect(ast.instructions[1]?.heredocs[0]?.content).toBe("x\n");
    expect(ast.instructions[1]?.subcommand?.command).toBe("RUN");
  });

  it("collects directives, comments and the escape token", () => {
    const ast = parseDockerfile("# syntax=docker/dockerfile:1.7\n# check=skip=all\n# escape=`\n# about a\nFROM a\n");
    expect(ast.directives).toEqual([
      { name: "syntax", value: "docker/dockerfile:1.7", line: 1 },
      { name: "check", value: "skip=all", line: 2 },
      { name: "escape", value: "`", line: 3 },
    ]);
    expect(ast.escapeToken).toBe("`");
    expect(ast.instructions[0]?.comments).toEqual(["about a"]);
  });

  it("keeps the original line for the command text", () => {
    const ast = parseDockerfile("FROM a\n  RUN  echo a \\\n   b   \n");
    expect(ast.instructions[1]?.original).toBe("RUN  echo a    b   ");
  });

  it("warns about empty continuation lines at the instruction's last line", () => {
    const ast = parseDockerfile("FROM a\nRUN a \\\n\n  b \\\n\n  c\nRUN ok\n");
    expect(ast.warnings.map((w) => [w.line, w.short])).toEqual([[6, "Empty continuation line found in: RUN a   b   c"]]);
  });
});

const errorCases: { name: string; input: string; message: string; lines: number[] }[] = [
  { name: "empty file", input: "", message: "file with no instructions", lines: [0] },
  { name: "only comments", input: "# a\n\n# b\n", message: "file with no instructions", lines: [3] },
  { name: "ENV without value", input: "FROM a\n\nENV ONLYKEY\n", message: "ENV must have two arguments", lines: [3] },
  {
    name: "LABEL mixing forms",
    input: "FROM a\nLABEL a=b c\n",
    message: 'Syntax error - can\'t find = in "c". Must be of the form: name=value',
    lines: [2],
  },
  {
    name: "JSON with a non-string",
    input: 'FROM a\nCMD ["a", 1]\n',
    message: "when using JSON array syntax, arrays must be comprised of strings only",
    lines: [2],
  },
  {
    name: "unterminated heredoc",
    input: "FROM a\nRUN <<EOF\necho\n",
    message: "unterminated heredoc",
    lines: [2, 3],
  },
  {
    name: "bad escape directive",
    input: "# escape=x\nFROM a\n",
    message: "invalid escape token 'x' does not match ` or \\",
    lines: [0],
  },
  {
    name: "repeated directive",
    input: "# syntax=a\n# syntax=b\nFROM a\n",
    message: "only one syntax parser directive can be used",
    lines: [1],
  },
  {
    name: "multi-line error range",
    input: "FROM a\nENV \\\n  X\n",
    message: "ENV must have two arguments",
    lines: [2, 3],
  },
  {
    name: "line too long",
    input: "FROM a\nLABEL x=" + "a".repeat(70000) + "\n",
    message: "dockerfile line greater than max allowed size of 65535",
    lines: [1],
  },
];

describe("parseDockerfile errors", () => {
  it.each(errorCases)("$name", ({ input, message, lines }) => {
    let caught: unknown;
    try {
      parseDockerfile(input);
    } catch (e) {
      caught = e;
    }
    expect(isDockerfileError(caught)).toBe(true);
    if (!isDockerfileError(caught)) return;
    expect(caught.message).toBe(message);
    expect(caught.kind).toBe("syntax");
    expect(caught.ranges.map((r) => r.start.line)).toEqual(lines);
  });
});
