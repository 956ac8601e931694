/**
 * AST node -> typed command (upstream `instructions/parse.go`), with the same
 * validation order and messages. Errors are thrown as InstructionError
 * (message without the "dockerfile parse error on line N: " prefix, which
 * `parseStages` adds).
 */
import { goQuote, trimGoSpace } from "../go-text";
import type { Linter } from "../lint/linter";
import { lintMessages } from "../lint/rules";
import { chompHeredocContent, tryParseHeredocWord } from "../parser/heredoc";
import { type InstructionNode, nodeRanges } from "../parser/ast";
import { withSuggestion } from "../suggest";
import { BFlags, FlagError } from "./bflags";
import type {
  AddCommand,
  ArgCommand,
  CmdCommand,
  Command,
  CommandBase,
  CopyCommand,
  EntrypointCommand,
  EnvCommand,
  ExposeCommand,
  HealthCheckCommand,
  HealthConfig,
  Instruction,
  KeyValuePair,
  KeyValuePairOptional,
  LabelCommand,
  MaintainerCommand,
  OnbuildCommand,
  RunCommand,
  ShellCommand,
  ShellDependentCmdLine,
  SourceContent,
  SourcesAndDest,
  Stage,
  StopSignalCommand,
  UserCommand,
  VolumeCommand,
  WorkdirCommand,
} from "./commands";
import { GoParseError, parseGoDuration, parseGoInt } from "./go-parse";
import { MountError, parseRunDevice, parseRunMount, type RunDevice, type RunMountSpec } from "./run-mounts";

/** A validation failure of one instruction (upstream message, no location prefix). */
export class InstructionError extends Error {
  constructor(
    message: string,
    /** True for "unknown instruction" (the converter may want to special-case it). */
    readonly unknownInstruction = false,
  ) {
    super(message);
  }
}

export const INSTRUCTION_NAMES = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;

interface Request {
  node: InstructionNode;
  command: string;
  args: string[];
  flags: BFlags;
  base: CommandBase;
}

/** upstream nodeArgs: the argument list, ONBUILD's trigger flattened in. */
function nodeArgs(node: InstructionNode): string[] {
  if (node.subcommand) return [node.subcommand.command, ...nodeArgs(node.subcommand)];
  return [...node.args];
}

function makeRequest(node: InstructionNode): Request {
  return {
    node,
    command: node.command,
    args: nodeArgs(node),
    flags: new BFlags(node.flags),
    base: {
      name: node.command,
      code: trimGoSpace(node.original),
      location: nodeRanges(node),
      startLine: node.startLine,
      endLine: node.endLine,
      comments: node.comments,
    },
  };
}

function parseFlags(req: Request): void {
  try {
    req.flags.parse();
  } catch (e) {
    if (e instanceof FlagError) throw new InstructionError(e.message);
    throw e;
  }
}

const fail = (message: string): never => {
  throw new InstructionError(message);
};
const errAtLeastOneArgument = (cmd: string) => fail(`${cmd} requires at least one argument`);
const errExactlyOneArgument = (cmd: string) => fail(`${cmd} requires exactly one argument`);
const errNoDestinationArgument = (cmd: string) =>
  fail(`${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`);
const errBlankCommandNames = (cmd: string) => fail(`${cmd} names can not be blank`);

function parseKvps(args: string[], cmdName: string): KeyValuePair[] {
  if (args.length === 0) errAtLeastOneArgument(cmdName);
  if (args.length % 3 !== 0) fail(`Bad input to ${cmdName}, too many arguments`);
  const out: KeyValuePair[] = [];
  for (let j = 0; j < args.length; j += 3) {
    const key = args[j] ?? "";
    if (key.length === 0) errBlankCommandNames(cmdName);
    out.push({ key, value: args[j + 1] ?? "", noDelim: (args[j + 2] ?? "") === "" });
  }
  return out;
}

function parseEnv(req: Request): EnvCommand {
  parseFlags(req);
  return { ...req.base, kind: "env", env: parseKvps(req.args, "ENV") };
}

function parseMaintainer(req: Request): MaintainerCommand {
  if (req.args.length !== 1) errExactlyOneArgument("MAINTAINER");
  parseFlags(req);
  return { ...req.base, kind: "maintainer", maintainer: req.args[0] ?? "" };
}

function parseLabel(req: Request): LabelCommand {
  parseFlags(req);
  return { ...req.base, kind: "label", labels: parseKvps(req.args, "LABEL") };
}

function parseSourcesAndDest(req: Request, command: string): SourcesAndDest {
  const srcs = req.args.slice(0, -1);
  const dest = req.args[req.args.length - 1] ?? "";
  if (tryParseHeredocWord(dest)) fail(`${command} cannot accept a heredoc as a destination`);
  const byName = new Map<string, string>();
  for (const h of req.node.heredocs) byName.set(h.name, h.content);
  const sourcePaths: string[] = [];
  const sourceContents: SourceContent[] = [];
  for (const src of srcs) {
    const h = tryParseHeredocWord(src);
    if (h) {
      let data = byName.get(h.name) ?? "";
      if (h.chomp) data = chompHeredocContent(data);
      sourceContents.push({ path: h.name, data, expand: h.expand });
    } else {
      sourcePaths.push(src);
    }
  }
  return { destPath: dest, sourcePaths, sourceContents };
}

function parseAdd(req: Request): AddCommand {
  if (req.args.length < 2) errNoDestinationArgument("ADD");
  const f = req.flags;
  const chown = f.addString("chown");
  const chmod = f.addString("chmod");
  const link = f.addBool("link");
  const keepGitDir = f.addBool("keep-git-dir");
  const checksum = f.addString("checksum");
  const unpack = f.addBool("unpack");
  const excludes = f.addStrings("exclude");
  parseFlags(req);
  const sd = parseSourcesAndDest(req, "ADD");
  return {
    ...req.base,
    kind: "add",
    ...sd,
    chown: chown.value,
    chmod: chmod.value,
    link: link.value === "true",
    keepGitDir: f.isUsed("keep-git-dir") ? keepGitDir.value === "true" : undefined,
    checksum: checksum.value,
    excludePatterns: excludes.values,
    unpack: f.isUsed("unpack") ? unpack.value === "true" : undefined,
  };
}

function parseCopy(req: Request): CopyCommand {
  if (req.args.length < 2) errNoDestinationArgument("COPY");
  const f = req.flags;
  const chown = f.addString("chown");
  const from = f.addString("from");
  const chmod = f.addString("chmod");
  const link = f.addBool("link");
  const excludes = f.addStrings("exclude");
  const parents = f.addBool("parents");
  parseFlags(req);
  const sd = parseSourcesAndDest(req, "COPY");
  return {
    ...req.base,
    kind: "copy",
    ...sd,
    from: from.value,
    chown: chown.value,
    chmod: chmod.value,
    link: link.value === "true",
    parents: parents.value === "true",
    excludePatterns: excludes.values,
  };
}

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function parseBuildStageName(args: string[]): string {
  if (args.length === 3 && (args[1] ?? "").toLowerCase() === "as") {
    const name = (args[2] ?? "").toLowerCase();
    if (!VALID_STAGE_NAME.test(name)) {
      fail(`invalid name for build stage: ${goQuote(args[2] ?? "")}, name can't start with a number or contain symbols`);
    }
    return name;
  }
  if (args.length !== 1) fail("FROM requires either one or three arguments");
  return "";
}

function docComment(comments: string[], name: string): string {
  if (name === "") return "";
  for (const line of comments) {
    if (line.startsWith(name + " ")) return line.slice(name.length + 1);
  }
  return "";
}

function parseFrom(req: Request): Stage {
  const name = parseBuildStageName(req.args);
  const platform = req.flags.addString("platform");
  parseFlags(req);
  return {
    name,
    baseName: req.args[0] ?? "",
    platform: platform.value,
    origCmd: req.command,
    sourceCode: req.base.code,
    location: req.base.location,
    startLine: req.base.startLine,
    endLine: req.base.endLine,
    comments: req.base.comments,
    docComment: docComment(req.base.comments, name),
    commands: [],
  };
}

function parseOnBuild(req: Request): OnbuildCommand {
  if (req.args.length === 0) errAtLeastOneArgument("ONBUILD");
  parseFlags(req);
  const trigger = trimGoSpace(req.args[0] ?? "").toUpperCase();
  if (trigger === "ONBUILD") fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  if (trigger === "MAINTAINER" || trigger === "FROM") fail(`${trigger} isn't allowed as an ONBUILD trigger`);
  let expression = req.node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/iu, "");
  for (const h of req.node.heredocs) expression += "\n" + h.content + h.name;
  return { ...req.base, kind: "onbuild", expression };
}

function parseWorkdir(req: Request): WorkdirCommand {
  if (req.args.length !== 1) errExactlyOneArgument("WORKDIR");
  parseFlags(req);
  return { ...req.base, kind: "workdir", path: req.args[0] ?? "" };
}

function jsonArgs(args: string[], json: boolean): string[] {
  if (args.length === 0) return [];
  if (json) return args;
  return [args.join(" ")];
}

function shellDependent(req: Request): ShellDependentCmdLine {
  return {
    cmdLine: jsonArgs(req.args, req.node.json),
    files: req.node.heredocs.map((h) => ({ name: h.name, data: h.content, chomp: h.chomp })),
    prependShell: !req.node.json,
  };
}

function wrapMount<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MountError) throw new InstructionError(e.message);
    throw e;
  }
}

function parseRun(req: Request): RunCommand {
  const f = req.flags;
  const device = f.addStrings("device");
  const mount = f.addStrings("mount");
  const network = f.addString("network", "default");
  const security = f.addString("security", "sandbox");
  parseFlags(req);
  const flagsUsed = [...f.used.keys()];
  const cmd = shellDependent(req);
  // upstream post-hook order: device, mount, network, security
  const devices: RunDevice[] = device.values.map((v) => wrapMount(() => parseRunDevice(v)));
  const mounts: RunMountSpec[] = mount.values.map((v) => wrapMount(() => parseRunMount(v)));
  if (!["default", "none", "host"].includes(network.value)) fail(`invalid network mode ${goQuote(network.value)}`);
  if (!["sandbox", "insecure"].includes(security.value)) fail(`security ${goQuote(security.value)} is not valid`);
  return {
    ...req.base,
    kind: "run",
    ...cmd,
    flagsUsed,
    mountSpecs: [...mount.values],
    mounts,
    network: network.value as RunCommand["network"],
    security: security.value as RunCommand["security"],
    devices,
  };
}

function parseCmd(req: Request): CmdCommand {
  parseFlags(req);
  return { ...req.base, kind: "cmd", ...shellDependent(req) };
}

function parseEntrypoint(req: Request): EntrypointCommand {
  parseFlags(req);
  return { ...req.base, kind: "entrypoint", ...shellDependent(req) };
}

function parseInterval(name: string, value: string): number {
  if (value === "") return 0;
  let d: bigint;
  try {
    d = parseGoDuration(value);
  } catch (e) {
    if (e instanceof GoParseError) throw new InstructionError(e.message);
    throw e;
  }
  if (d === 0n) return 0;
  if (d < 1000000n) fail(`Interval ${goQuote(name)} cannot be less than 1ms`);
  return Number(d);
}

function parseHealthcheck(req: Request): HealthCheckCommand {
  if (req.args.length === 0) errAtLeastOneArgument("HEALTHCHECK");
  let typ = (req.args[0] ?? "").toUpperCase();
  const args = req.args.slice(1);
  if (typ === "NONE") {
    if (args.length !== 0) fail("HEALTHCHECK NONE takes no arguments");
    const health: HealthConfig = { test: [typ], interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 };
    return { ...req.base, kind: "healthcheck", health };
  }
  const f = req.flags;
  const interval = f.addString("interval");
  const timeout = f.addString("timeout");
  const startPeriod = f.addString("start-period");
  const startInterval = f.addString("start-interval");
  const retries = f.addString("retries");
  parseFlags(req);
  if (typ !== "CMD") fail(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  const cmdSlice = jsonArgs(args, req.node.json);
  if (cmdSlice.length === 0) fail("Missing command after HEALTHCHECK CMD");
  if (!req.node.json) typ = "CMD-SHELL";
  const health: HealthConfig = {
    test: [typ, ...cmdSlice],
    interval: parseInterval("interval", interval.value),
    timeout: parseInterval("timeout", timeout.value),
    startPeriod: parseInterval("start-period", startPeriod.value),
    startInterval: parseInterval("start-interval", startInterval.value),
    retries: 0,
  };
  if (retries.value !== "") {
    let n: bigint;
    try {
      n = parseGoInt(retries.value, 32);
    } catch (e) {
      if (e instanceof GoParseError) throw new InstructionError(e.message);
      throw e;
    }
    if (n < 0n) fail(`--retries cannot be negative (${n})`);
    health.retries = Number(n);
  }
  return { ...req.base, kind: "healthcheck", health };
}

/** Go's sort.Strings order (byte-wise UTF-8 order). */
function compareGoStrings(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]?.codePointAt(0) ?? 0;
    const y = cb[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

function parseExpose(req: Request): ExposeCommand {
  if (req.args.length === 0) errAtLeastOneArgument("EXPOSE");
  parseFlags(req);
  return { ...req.base, kind: "expose", ports: [...req.args].sort(compareGoStrings) };
}

function parseUser(req: Request): UserCommand {
  if (req.args.length !== 1) errExactlyOneArgument("USER");
  parseFlags(req);
  return { ...req.base, kind: "user", user: req.args[0] ?? "" };
}

function parseVolume(req: Request): VolumeCommand {
  if (req.args.length === 0) errAtLeastOneArgument("VOLUME");
  parseFlags(req);
  const volumes: string[] = [];
  for (const v of req.args) {
    const t = trimGoSpace(v);
    if (t === "") fail("VOLUME specified can not be an empty string");
    volumes.push(t);
  }
  return { ...req.base, kind: "volume", volumes };
}

function parseStopSignal(req: Request): StopSignalCommand {
  if (req.args.length !== 1) errExactlyOneArgument("STOPSIGNAL");
  return { ...req.base, kind: "stopsignal", signal: req.args[0] ?? "" };
}

function parseArg(req: Request): ArgCommand {
  if (req.args.length < 1) errAtLeastOneArgument("ARG");
  const args: KeyValuePairOptional[] = req.args.map((arg) => {
    const eq = arg.indexOf("=");
    let key = arg;
    let value: string | undefined;
    if (eq >= 0) {
      key = arg.slice(0, eq);
      if (key.length === 0) errBlankCommandNames("ARG");
      value = arg.slice(eq + 1);
    }
    return { key, value, docComment: docComment(req.base.comments, key) };
  });
  return { ...req.base, kind: "arg", args };
}

function parseShell(req: Request): ShellCommand {
  parseFlags(req);
  const shell = jsonArgs(req.args, req.node.json);
  if (shell.length === 0) errAtLeastOneArgument("SHELL");
  if (!req.node.json) fail("SHELL requires the arguments to be in JSON form");
  return { ...req.base, kind: "shell", shell };
}

function isLowerCaseStageName(args: string[]): boolean {
  if (args.length !== 3) return true;
  const name = args[2] ?? "";
  return name === name.toLowerCase();
}

function doesFromCaseMatchAsCase(req: Request): boolean {
  if (req.args.length < 3) return true;
  const lower = req.command === req.command.toLowerCase();
  const upper = req.command === req.command.toUpperCase();
  if (!lower && !upper) return true;
  const as = req.args[1] ?? "";
  return lower ? as === as.toLowerCase() : as === as.toUpperCase();
}

function validateDefinitionDescription(
  instruction: string,
  keys: string[],
  comments: string[],
  req: Request,
  lint: Linter | undefined,
): void {
  if (comments.length === 0 || keys.length === 0) return;
  const first = (comments[comments.length - 1] ?? "").split(" ")[0] ?? "";
  if (keys.includes(first)) return;
  const example = keys.length > 1 ? "<arg_key>" : (keys[0] ?? "");
  lint?.run("InvalidDefinitionDescription", req.base.location, lintMessages.InvalidDefinitionDescription(instruction, example));
}

/**
 * Converts one AST node into a stage start (FROM) or a command. Syntactic
 * lint rules (StageNameCasing, FromAsCasing, MaintainerDeprecated,
 * InvalidDefinitionDescription) are reported to `lint` when given.
 * Throws InstructionError.
 */
export function parseInstruction(node: InstructionNode, linter?: Linter): Instruction {
  const lint = linter?.withMergedConfigFromComments(node.comments);
  const req = makeRequest(node);
  const command = (c: Command): Instruction => ({ type: "command", command: c });
  switch (node.command.toLowerCase()) {
    case "env":
      return command(parseEnv(req));
    case "maintainer":
      lint?.run("MaintainerDeprecated", req.base.location, lintMessages.MaintainerDeprecated());
      return command(parseMaintainer(req));
    case "label":
      return command(parseLabel(req));
    case "add":
      return command(parseAdd(req));
    case "copy":
      return command(parseCopy(req));
    case "from": {
      if (!isLowerCaseStageName(req.args)) {
        lint?.run("StageNameCasing", req.base.location, lintMessages.StageNameCasing(req.args[2] ?? ""));
      }
      if (!doesFromCaseMatchAsCase(req)) {
        lint?.run("FromAsCasing", req.base.location, lintMessages.FromAsCasing(req.command, req.args[1] ?? ""));
      }
      const stage = parseFrom(req);
      if (stage.name !== "") validateDefinitionDescription("FROM", [stage.name], node.comments, req, lint);
      return { type: "stage", stage };
    }
    case "onbuild":
      return command(parseOnBuild(req));
    case "workdir":
      return command(parseWorkdir(req));
    case "run":
      return command(parseRun(req));
    case "cmd":
      return command(parseCmd(req));
    case "healthcheck":
      return command(parseHealthcheck(req));
    case "entrypoint":
      return command(parseEntrypoint(req));
    case "expose":
      return command(parseExpose(req));
    case "user":
      return command(parseUser(req));
    case "volume":
      return command(parseVolume(req));
    case "stopsignal":
      return command(parseStopSignal(req));
    case "arg": {
      const arg = parseArg(req);
      validateDefinitionDescription("ARG", arg.args.map((a) => a.key), node.comments, req, lint);
      return command(arg);
    }
    case "shell":
      return command(parseShell(req));
  }
  throw new InstructionError(
    withSuggestion(`unknown instruction: ${node.command}`, node.command, INSTRUCTION_NAMES, false),
    true,
  );
}
