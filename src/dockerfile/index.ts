// Public surface of the dockerfile layer (front half: parser -> instructions -> lint helpers; shell expansion).

export type { DockerfileErrorData, DockerfileErrorKind, SourcePosition, SourceRange } from "./errors";
export { DockerfileError, isDockerfileError, lineRanges, toDockerfileErrorData } from "./errors";

export type { FrontEndOptions, FrontEndResult } from "./front-end";
export { parseDockerfileStages } from "./front-end";

export type { DockerfileAst, Heredoc, InstructionNode, ParserDirective, ParserWarning } from "./parser/ast";
export { parseDockerfile } from "./parser/parse-dockerfile";
export { dumpDockerfileAst } from "./parser/dump-ast";
export { findDirective } from "./parser/directives";
export { chompHeredocContent, tryParseHeredocWord as parseHeredocWord } from "./parser/heredoc";

export type {
  AddCommand,
  ArgCommand,
  CmdCommand,
  Command,
  CommandBase,
  CommandKind,
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
  ShellInlineFile,
  SourceContent,
  SourcesAndDest,
  Stage,
  StopSignalCommand,
  UserCommand,
  VolumeCommand,
  WorkdirCommand,
} from "./instructions/commands";
export type { ParsedStages } from "./instructions/parse-stages";
export { parseCommand, parseStages } from "./instructions/parse-stages";
export { parseExposePorts } from "./instructions/expose-ports";
export type { WordExpander } from "./instructions/expand-command";
export { expandCommand, expandCommandRaw, isExpandableCommand } from "./instructions/expand-command";
export type { MountType, RunDevice, RunMountSpec, ShareMode } from "./instructions/run-mounts";
export { MountError, parseRunDevice, parseRunMount } from "./instructions/run-mounts";

export type { ExpandResult, LexOptions } from "./shell/lex";
export { expandWord, expandWords } from "./shell/lex";
export type { ShellEnv } from "./shell/shell-env";
export { emptyEnv, envFromList, envFromMap } from "./shell/shell-env";

export type { LintConfig, LintWarning } from "./lint/linter";
export { formatLintWarning, Linter, parseLintOptions } from "./lint/linter";
export type { LintRule, LintRuleName } from "./lint/rules";
export { LINT_RULES, lintMessages } from "./lint/rules";
export {
  createUsedOnceTracker,
  lintCommandCasing,
  lintConstPlatform,
  lintInvalidDefaultArgInFrom,
  lintJsonArgsRecommended,
  lintLegacyKeyValue,
  lintRedundantTargetPlatform,
  lintSecretKey,
  lintStageNames,
  lintUndefinedArgsInFrom,
  lintUndefinedVars,
  lintWorkdirRelativePath,
  NON_ENV_ARGS,
} from "./lint/stage-checks";
export { isValidImageReference } from "./lint/image-reference";
export { suggestMatch, withSuggestion } from "./suggest";

// Conversion to LLB.
export type { ConvertOptions, ConvertResult } from "./convert/convert";
export { convertDockerfile } from "./convert/convert";
export type { ImageConfig, ImageConfigResolver, ImageFixtures, ResolvedImage } from "./convert/image-config";
export { defaultImageConfig, fixturesResolver, isImageFixtures, unpinnedResolver } from "./convert/image-config";
export { allLlbCaps } from "./convert/caps";
export { formatPlatform, normalizePlatform, parsePlatform } from "./convert/platform";
export { progressGroupId } from "./convert/progress-groups";
