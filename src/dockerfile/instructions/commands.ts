/**
 * Typed Dockerfile commands (upstream `instructions/commands.go`). Every
 * value is UNEXPANDED: variables are substituted by the converter, which
 * knows the ARG/ENV scope.
 */
import type { SourceRange } from "../errors";
import type { Heredoc } from "../parser/ast";
import type { RunDevice, RunMountSpec } from "./run-mounts";

/** Fields shared by every command. */
export interface CommandBase {
  /** The instruction keyword as written (`RUN`, `run`); lint messages use it. */
  name: string;
  /**
   * The instruction text, trimmed, continuations joined, comment lines removed,
   * heredoc bodies excluded: upstream's `String()`, used for the
   * `com.docker.dockerfile.v1.command` description and for progress names.
   */
  code: string;
  /** One range per line, from the first to the last line (heredoc bodies included). */
  location: SourceRange[];
  startLine: number;
  endLine: number;
  /** Comment lines directly above (without `#`). */
  comments: string[];
}

export interface KeyValuePair {
  key: string;
  value: string;
  /** True for the legacy `ENV key value` form (no `=`); drives LegacyKeyValueFormat. */
  noDelim: boolean;
}

export interface KeyValuePairOptional {
  key: string;
  /** undefined for `ARG name` without default. */
  value: string | undefined;
  /** Comment `# name description` right above, if any. */
  docComment: string;
}

/** A heredoc used as a COPY/ADD source. */
export interface SourceContent {
  /** The heredoc name (used as the file name). */
  path: string;
  /** Body (tabs already stripped for `<<-`). */
  data: string;
  /** Expand variables in the body (delimiter was unquoted). */
  expand: boolean;
}

export interface SourcesAndDest {
  destPath: string;
  sourcePaths: string[];
  sourceContents: SourceContent[];
}

/** A heredoc attached to RUN/CMD/ENTRYPOINT. */
export interface ShellInlineFile {
  name: string;
  data: string;
  chomp: boolean;
}

export interface ShellDependentCmdLine {
  /** Exec form: the JSON strings; shell form: one string (the args joined with " "). */
  cmdLine: string[];
  files: ShellInlineFile[];
  /** True for shell form (run through the SHELL). */
  prependShell: boolean;
}

export interface EnvCommand extends CommandBase {
  kind: "env";
  env: KeyValuePair[];
}
export interface MaintainerCommand extends CommandBase {
  kind: "maintainer";
  maintainer: string;
}
export interface LabelCommand extends CommandBase {
  kind: "label";
  labels: KeyValuePair[];
}
export interface AddCommand extends CommandBase, SourcesAndDest {
  kind: "add";
  chown: string;
  chmod: string;
  link: boolean;
  excludePatterns: string[];
  /** undefined when `--keep-git-dir` was not given. */
  keepGitDir: boolean | undefined;
  checksum: string;
  /** undefined when `--unpack` was not given. */
  unpack: boolean | undefined;
}
export interface CopyCommand extends CommandBase, SourcesAndDest {
  kind: "copy";
  from: string;
  chown: string;
  chmod: string;
  link: boolean;
  excludePatterns: string[];
  parents: boolean;
}
export interface OnbuildCommand extends CommandBase {
  kind: "onbuild";
  /** The trigger text stored in the image config (heredoc bodies re-attached). */
  expression: string;
}
export interface WorkdirCommand extends CommandBase {
  kind: "workdir";
  path: string;
}
export interface RunCommand extends CommandBase, ShellDependentCmdLine {
  kind: "run";
  /** Names of the flags that were given (mount, network, security, device). */
  flagsUsed: string[];
  /** Raw `--mount` values (CSV), in order; expand with `parseRunMount`. */
  mountSpecs: string[];
  /** Mounts parsed without expansion (only `from=` checked): for a quick look. */
  mounts: RunMountSpec[];
  /** `--network` value (validated: default | none | host). */
  network: "default" | "none" | "host";
  /** `--security` value (validated: sandbox | insecure). */
  security: "sandbox" | "insecure";
  /** `--device` values parsed (the converter rejects them below 1.14-labs). */
  devices: RunDevice[];
}
export interface CmdCommand extends CommandBase, ShellDependentCmdLine {
  kind: "cmd";
}
export interface EntrypointCommand extends CommandBase, ShellDependentCmdLine {
  kind: "entrypoint";
}

/** Docker's HealthcheckConfig; durations in nanoseconds (0 = inherit). */
export interface HealthConfig {
  test: string[];
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}
export interface HealthCheckCommand extends CommandBase {
  kind: "healthcheck";
  health: HealthConfig;
}
export interface ExposeCommand extends CommandBase {
  kind: "expose";
  /** Sorted (Go string order), unexpanded. */
  ports: string[];
}
export interface UserCommand extends CommandBase {
  kind: "user";
  user: string;
}
export interface VolumeCommand extends CommandBase {
  kind: "volume";
  volumes: string[];
}
export interface StopSignalCommand extends CommandBase {
  kind: "stopsignal";
  signal: string;
}
export interface ArgCommand extends CommandBase {
  kind: "arg";
  args: KeyValuePairOptional[];
}
export interface ShellCommand extends CommandBase {
  kind: "shell";
  shell: string[];
}

export type Command =
  | EnvCommand
  | MaintainerCommand
  | LabelCommand
  | AddCommand
  | CopyCommand
  | OnbuildCommand
  | WorkdirCommand
  | RunCommand
  | CmdCommand
  | EntrypointCommand
  | HealthCheckCommand
  | ExposeCommand
  | UserCommand
  | VolumeCommand
  | StopSignalCommand
  | ArgCommand
  | ShellCommand;

export type CommandKind = Command["kind"];

/** A build stage: a FROM and the commands up to the next FROM. */
export interface Stage {
  /** Lower-cased `AS` name, "" when unnamed. */
  name: string;
  /** The base image expression, unexpanded (`${BASE}:${VERSION}`). */
  baseName: string;
  /** The `--platform` flag, unexpanded ("" when absent). */
  platform: string;
  /** The FROM keyword as written. */
  origCmd: string;
  /** The FROM line text (trimmed): the command metadata string. */
  sourceCode: string;
  location: SourceRange[];
  startLine: number;
  endLine: number;
  comments: string[];
  /** `# name description` comment above the FROM. */
  docComment: string;
  commands: Command[];
}

/** What `parseInstruction` returns for one AST node. */
export type Instruction = { type: "stage"; stage: Stage } | { type: "command"; command: Command };

/** Heredocs re-exported for convenience. */
export type { Heredoc };
