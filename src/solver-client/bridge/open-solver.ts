// One call for the CLI and the bridge server: a Solver for an address as the user wrote it, or for
// the first daemon auto-detection finds, checked with a ListWorkers round trip.
import { isSolverFailure, solverError, SolverFailure } from "../protocol/errors";
import type { SolverError } from "../protocol/errors";
import type { DetectEnv, TlsFiles } from "./address";
import { connectTo, detectDaemon, socketProblem } from "./connect";
import type { Connection, ProbeReport } from "./connect";
import { createSolver } from "./solver";
import type { Solver } from "./solver";

export interface OpenSolverOptions {
  /** --addr / BUILDKIT_HOST value. Absent: auto-detect (BUILDKIT_HOST, buildkitd sockets, DOCKER_HOST, /var/run/docker.sock). */
  addr: string;
  tls: TlsFiles;
  env: DetectEnv;
  /** Check the daemon answers (ListWorkers) before returning. Default true. */
  probe: boolean;
}

export interface OpenedSolver {
  solver: Solver;
  /** What auto-detection tried (empty when an address was given). */
  tried: ProbeReport[];
}

async function probeConnection(c: Connection): Promise<SolverError | null> {
  try {
    await createSolver(c).listWorkers();
    return null;
  } catch (e) {
    return isSolverFailure(e) ? e.error : solverError("internal", e instanceof Error ? e.message : String(e));
  }
}

/** Throws SolverFailure (kinds bad-address, unreachable, ...) when no daemon can be used. */
export async function openSolver(options: Partial<OpenSolverOptions> = {}): Promise<OpenedSolver> {
  const env = options.env ?? process.env;
  const probe = options.probe ?? true;
  const tlsGiven = options.tls !== undefined && Object.keys(options.tls).length > 0;
  // TLS options apply to BUILDKIT_HOST when no --addr is given, as buildctl's do (its --addr
  // defaults to $BUILDKIT_HOST); auto-detection only finds sockets, where TLS means nothing.
  const addr = options.addr || (tlsGiven ? env.BUILDKIT_HOST : undefined);
  if (tlsGiven && !addr) throw new SolverFailure(solverError("bad-address", "TLS options need a tcp:// daemon address: give --addr tcp://host:port or set BUILDKIT_HOST"));
  if (addr) {
    const r = connectTo(addr, options.tls ?? {}, env);
    if (!r.ok) throw new SolverFailure(r.error);
    const problem = socketProblem(r.connection.address);
    if (problem) {
      r.connection.close();
      throw new SolverFailure(solverError("unreachable", `BuildKit daemon at ${r.connection.addressText} is unreachable: ${problem}`, { address: r.connection.addressText }));
    }
    if (probe) {
      const err = await probeConnection(r.connection);
      if (err) {
        r.connection.close();
        throw new SolverFailure(err);
      }
    }
    return { solver: createSolver(r.connection), tried: [] };
  }
  const found = await detectDaemon(probeConnection, env);
  if (!found.connection) throw new SolverFailure(found.error ?? solverError("unreachable", "no BuildKit daemon found"));
  return { solver: createSolver(found.connection), tried: found.tried };
}
