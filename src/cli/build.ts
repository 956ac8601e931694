// `llbx build`: build LLB (any format) or a Dockerfile on a BuildKit daemon, printing progress like
// `buildctl build --progress=plain|rawjson`.
import { basename } from "node:path";
import { convertDockerfile, formatLintWarning, isDockerfileError, type ConvertOptions } from "../dockerfile/index";
import { encodeDefinition, readLlb, writeDefinition, type LlbGraph } from "../llb/index";
import { createProgressSink, openSolver, type ProgressMode } from "../solver-client/bridge/index";
import { describeSessionNeeds, isSolverError, missingSessionNeeds, sessionNeeds, type Entitlement } from "../solver-client/protocol/index";
import { flag, flagList, parseArgs } from "./args";
import { CliError } from "./cli-error";
import { compileOptionsFromArgs, compileOptionSpec } from "./compile-options";
import { readInput } from "./input";
import { tlsFilesFromArgs, tlsFlagHelp, tlsFlagSpec } from "./tls-flags";
import { parseLocals, parseSecrets, sessionSpecFor } from "./session-flags";

const help = `usage: llbx build [FILE|-] [options]

Builds FILE on a BuildKit daemon and prints its progress. FILE is LLB in any format llbx reads
(binary Definition, base64, dump-llb JSON, protobuf JSON) or a Dockerfile, compiled first for the
daemon's LLB capabilities.

options:
  --addr A                daemon address: unix:///run/buildkit/buildkitd.sock, tcp://host:1234,
                          docker://, docker+unix:///var/run/docker.sock (default: $BUILDKIT_HOST,
                          the usual buildkitd sockets, $DOCKER_HOST, /var/run/docker.sock)
${tlsFlagHelp}
  --progress MODE         plain (default), rawjson or quiet
  --allow E               grant an entitlement: network.host or security.insecure (repeatable)
  --local NAME=DIR        serve DIR as local://NAME (repeatable); for a Dockerfile FILE, context and
                          dockerfile default to FILE's directory, and .dockerignore
                          (FILE.dockerignore first) filters the context
  --secret id=ID,src=FILE | id=ID,env=VAR
                          serve a secret to RUN --mount=type=secret (repeatable; like buildctl)
  Dockerfile options: --target, --build-arg, --platform, --opt, --image-config (see 'llbx compile --help')
`;

const ENTITLEMENTS = new Set(["network.host", "security.insecure"]);

export async function runBuild(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    {
      addr: { value: true },
      ...tlsFlagSpec,
      progress: { value: true },
      allow: { value: true, repeat: true },
      local: { value: true, repeat: true },
      secret: { value: true, repeat: true },
      ...compileOptionSpec,
      help: {},
      h: {},
    },
    "build",
  );
  if (args.flags.has("help") || args.flags.has("h")) {
    process.stdout.write(help);
    return 0;
  }
  if (args.positionals.length > 1) throw new CliError("build: at most one FILE", 2);
  const progress = (flag(args, "progress") ?? "plain") as ProgressMode | "auto" | "tty";
  const mode: ProgressMode = progress === "auto" || progress === "tty" ? "plain" : progress;
  if (!["plain", "rawjson", "quiet"].includes(mode)) throw new CliError(`build: --progress must be plain, rawjson or quiet, not ${JSON.stringify(progress)}`, 2);
  const entitlements = flagList(args, "allow");
  for (const e of entitlements) if (!ENTITLEMENTS.has(e)) throw new CliError(`build: unknown entitlement ${JSON.stringify(e)} (network.host or security.insecure)`, 2);

  const locals = parseLocals(flagList(args, "local"), "build");
  const secrets = parseSecrets(flagList(args, "secret"), "build");

  const { bytes, name } = readInput(args.positionals[0], "build");
  const tls = tlsFilesFromArgs(args);
  const addr = flag(args, "addr");
  let opened;
  try {
    opened = await openSolver({ ...(addr ? { addr } : {}), ...(tls ? { tls } : {}) });
  } catch (e) {
    const err = (e as { error?: unknown }).error;
    throw new CliError(`build: ${isSolverError(err) ? err.message : (e as Error).message}`);
  }
  const solver = opened.solver;
  try {
    const { definition, graph, dockerfile } = await definitionFor(bytes, name, args, solver);
    const session = sessionSpecFor({ locals, secrets }, dockerfile && name !== "<stdin>" ? name : null);
    const missing = missingSessionNeeds(sessionNeeds(graph), { locals: Object.keys(session.locals), secrets: Object.keys(session.secrets) });
    if (missing.length > 0) throw new CliError(`build: ${describeSessionNeeds(missing)}`);
    const useSession = Object.keys(session.locals).length > 0 || Object.keys(session.secrets).length > 0;
    const sink = createProgressSink(mode, (t) => process.stderr.write(t));
    const handle = solver.solve(definition, { entitlements: entitlements as Entitlement[], ...(useSession ? { session } : {}) }, sink.update);
    const stop = () => handle.cancel();
    process.once("SIGINT", stop);
    const result = await handle.done;
    process.off("SIGINT", stop);
    sink.finish();
    if (!result.ok) throw new CliError(`build: ${result.error.message}`);
    return 0;
  } finally {
    solver.close();
  }
}

/** LLB as given (exact bytes for a binary Definition), or a Dockerfile compiled for the daemon. */
async function definitionFor(
  bytes: Uint8Array,
  name: string,
  args: ReturnType<typeof parseArgs>,
  solver: Awaited<ReturnType<typeof openSolver>>["solver"],
): Promise<{ definition: Uint8Array; graph: LlbGraph; dockerfile: boolean }> {
  const looksLikeDockerfile = /dockerfile/i.test(basename(name)) || compileOptionSpecUsed(args);
  const read = looksLikeDockerfile ? undefined : readLlb(bytes);
  if (read?.ok) return { definition: read.graph.format === "binary" ? bytes : writeDefinition(read.graph), graph: read.graph, dockerfile: false };
  if (read && !read.ok && read.error.kind !== "format") throw new CliError(`build: ${name}: ${read.error.message}`);
  // A Dockerfile: compile it for the connected daemon's LLB caps.
  const info = await solver.daemonInfo();
  const options: Partial<ConvertOptions> = { ...compileOptionsFromArgs(args, "build"), caps: new Set(info.caps.llbCaps) };
  let definition: Uint8Array;
  try {
    const result = convertDockerfile(new TextDecoder().decode(bytes), options);
    for (const w of result.warnings) process.stderr.write(`WARN: ${formatLintWarning(w)}\n`);
    definition = encodeDefinition(result.definition);
  } catch (e) {
    if (isDockerfileError(e)) throw new CliError(`build: ${name}${e.ranges[0] ? `:${e.ranges[0].start.line}` : ""}: ${e.message}`);
    throw e;
  }
  const graph = readLlb(definition);
  if (!graph.ok) throw new CliError(`build: internal error: compiled Definition does not read back: ${graph.error.message}`);
  return { definition, graph: graph.graph, dockerfile: true };
}

function compileOptionSpecUsed(args: ReturnType<typeof parseArgs>): boolean {
  return Object.keys(compileOptionSpec).some((k) => args.flags.has(k));
}
