// The daemon the *.daemon.test.ts files use: BUILDKIT_HOST, else DOCKER_HOST (Docker's embedded
// BuildKit). No fallback and no skipping: CI starts the daemon (scripts/dockerd-up.sh), so a
// missing one is a failure.
import { parseDaemonAddress, parseDockerHost } from "../address";
import type { DaemonAddress } from "../address";
import { openConnection } from "../connect";
import { createSolver } from "../solver";
import type { Solver } from "../solver";

export function daemonAddressFromEnv(): DaemonAddress {
  const bk = process.env.BUILDKIT_HOST;
  const dh = process.env.DOCKER_HOST;
  if (bk) {
    const r = parseDaemonAddress(bk, {}, process.env);
    if (!r.ok) throw new Error(`BUILDKIT_HOST: ${r.error.message}`);
    return r.address;
  }
  if (dh) {
    const r = parseDockerHost(dh);
    if (!r.ok) throw new Error(`DOCKER_HOST: ${r.error.message}`);
    return r.address;
  }
  throw new Error(
    "daemon tests need a BuildKit daemon: set DOCKER_HOST (start one with `bash scripts/dockerd-up.sh`, which prints it) or BUILDKIT_HOST",
  );
}

export function solverFromEnv(): Solver {
  const r = openConnection(daemonAddressFromEnv());
  if (!r.ok) throw new Error(r.error.message);
  return createSolver(r.connection);
}
