// STOPSIGNAL values as moby/sys/signal.ParseSignal accepts them on Linux (where the reference
// frontend runs): a non-zero number, or a signal name with or without the SIG prefix.
import { DockerfileError } from "../errors";

const NAMES = new Set([
  "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR",
  "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH",
  "XCPU", "XFSZ", "RTMIN", "RTMAX",
]);
for (let i = 1; i <= 15; i++) NAMES.add(`RTMIN+${i}`);
for (let i = 1; i <= 14; i++) NAMES.add(`RTMAX-${i}`);

/** Throws `invalid signal: X` for values the daemon would reject. */
export function parseSignal(raw: string): void {
  // strconv.Atoi: optional sign, decimal digits, fits in 64 bits.
  if (/^[+-]?[0-9]+$/.test(raw)) {
    const n = BigInt(raw);
    if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) throw new DockerfileError("convert", `invalid signal: ${raw}`);
    if (n === 0n) throw new DockerfileError("convert", `invalid signal: ${raw}`);
    return;
  }
  const upper = raw.toUpperCase();
  if (!NAMES.has(upper.startsWith("SIG") ? upper.slice(3) : upper)) throw new DockerfileError("convert", `invalid signal: ${raw}`);
}
