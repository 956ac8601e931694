// The daemon the *.daemon.test.ts files use: BUILDKIT_HOST, else DOCKER_HOST (Docker's embedded
// BuildKit). No fallback and no skipping: CI starts the daemon (scripts/dockerd-up.sh), so a
// missing one is a failure.
import { join } from "node:path";
import { formatDaemonAddress, parseDaemonAddress, parseDockerHost } from "../address";
import type { DaemonAddress, TlsFiles } from "../address";
import { openConnection } from "../connect";
import { createSolver } from "../solver";
import type { Solver } from "../solver";

export function daemonAddressFromEnv(): DaemonAddress {
  const bk = process.env.BUILDKIT_HOST;
  const dh = process.env.DOCKER_HOST;
  if (bk) {
    const r = parseDaemonAddress(bk, testTlsFiles() ?? {}, process.env);
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

/** A tcp:// daemon with TLS: LLBX_TEST_TLSDIR holds ca.pem, cert.pem, key.pem (buildctl's --tlsdir). */
function testTlsFiles(): TlsFiles | undefined {
  const dir = process.env.LLBX_TEST_TLSDIR;
  return dir ? { caCert: join(dir, "ca.pem"), cert: join(dir, "cert.pem"), key: join(dir, "key.pem") } : undefined;
}

/** startBridge options that reach the test daemon. */
export function bridgeDaemonOptions(): { addr: string; tls?: TlsFiles } {
  const tls = testTlsFiles();
  return { addr: formatDaemonAddress(daemonAddressFromEnv()), ...(tls ? { tls } : {}) };
}

/** Extra `llbx build` flags that reach the test daemon (TLS), besides BUILDKIT_HOST/DOCKER_HOST. */
export function cliDaemonFlags(): string[] {
  const dir = process.env.LLBX_TEST_TLSDIR;
  return process.env.BUILDKIT_HOST && dir ? ["--tlsdir", dir] : [];
}

export function solverFromEnv(): Solver {
  const r = openConnection(daemonAddressFromEnv());
  if (!r.ok) throw new Error(r.error.message);
  return createSolver(r.connection);
}
