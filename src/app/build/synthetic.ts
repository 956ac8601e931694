// Synthetic status streams for tests and the benchmark: chains of vertexes running `parallel` at a
// time, each logging `logChunks` chunks of `chunkBytes` bytes, optionally failing the last one.
import { bytesToBase64, statusTimeFromParts } from "../../solver-client/protocol/index";
import type { SolveStatus, StatusVertex } from "../../solver-client/protocol/index";

export interface SyntheticOptions {
  vertexes: number;
  /** Independent lanes; vertex i depends on vertex i - parallel. */
  parallel: number;
  /** Run time of each vertex in ms. */
  stepMs: number;
  logChunks: number;
  chunkBytes: number;
  /** Progress-item updates per vertex (pull-like). */
  progressUpdates: number;
  /** The last vertex fails with this error. */
  failWith: string | null;
  /** Every vertex is cached (a rebuild). */
  cached: boolean;
  /** Epoch ms of the first start. */
  t0: number;
}

export const syntheticDigest = (i: number): string => `sha256:${i.toString(16).padStart(64, "0")}`;

function time(msEpoch: number): string {
  const whole = Math.floor(msEpoch / 1000);
  const nanos = Math.round((msEpoch - whole * 1000) * 1e6);
  return statusTimeFromParts(BigInt(whole), nanos);
}

/** Log line bytes: "line N of vertex I\n" repeated (with an ANSI colour now and then). */
function chunk(i: number, c: number, size: number): Uint8Array {
  const tail = `step ${i} chunk ${c} end`;
  let s = "";
  for (let n = 0; ; n++) {
    const line = n % 7 === 0 ? `\u001b[32mok\u001b[0m step ${i} chunk ${c} line ${n}\n` : `step ${i} chunk ${c} line ${n}\n`;
    if (s.length + line.length + tail.length + 1 > size) break;
    s += line;
  }
  s += `${tail}${".".repeat(Math.max(0, size - s.length - tail.length - 1))}`.slice(0, Math.max(0, size - s.length - 1));
  return new TextEncoder().encode(`${s}\n`);
}

export function syntheticStream(options: Partial<SyntheticOptions> = {}): SolveStatus[] {
  const o: SyntheticOptions = {
    vertexes: 10,
    parallel: 2,
    stepMs: 1000,
    logChunks: 3,
    chunkBytes: 64,
    progressUpdates: 0,
    failWith: null,
    cached: false,
    t0: Date.UTC(2026, 10, 22, 12, 0, 0),
    ...options,
  };
  const out: SolveStatus[] = [];
  const lanes = Math.max(1, o.parallel);
  const payloads = new Map<string, string>();
  const b64 = (i: number, c: number) => {
    const key = `${i % 16}:${c % 16}`;
    let v = payloads.get(key);
    if (v === undefined) {
      v = bytesToBase64(chunk(i % 16, c % 16, o.chunkBytes));
      payloads.set(key, v);
    }
    return v;
  };
  for (let i = 0; i < o.vertexes; i++) {
    const digest = syntheticDigest(i);
    const round = Math.floor(i / lanes);
    const start = o.t0 + round * o.stepMs;
    const end = start + (o.cached ? 0 : o.stepMs);
    const inputs = i >= lanes ? [syntheticDigest(i - lanes)] : [];
    const base: StatusVertex = { digest, inputs, name: `[step ${i}] RUN make part-${i}` };
    out.push({ vertexes: [base] });
    if (o.cached) {
      out.push({ vertexes: [{ ...base, started: time(start), completed: time(end), cached: true }] });
      continue;
    }
    out.push({ vertexes: [{ ...base, started: time(start) }] });
    for (let p = 0; p < o.progressUpdates; p++) {
      const ts = time(start + ((p + 1) * o.stepMs) / (o.progressUpdates + 2));
      out.push({ statuses: [{ id: `layer-${i}`, vertex: digest, name: `pulling layer ${i}`, current: (p + 1) * 1000, total: o.progressUpdates * 1000, timestamp: ts, started: time(start) }] });
    }
    for (let c = 0; c < o.logChunks; c++) {
      const ts = time(start + ((c + 1) * o.stepMs) / (o.logChunks + 2));
      out.push({ logs: [{ vertex: digest, stream: c % 5 === 4 ? 2 : 1, data: b64(i, c), timestamp: ts }] });
    }
    const failing = o.failWith !== null && i === o.vertexes - 1;
    out.push({ vertexes: [{ ...base, started: time(start), completed: time(end), ...(failing ? { error: o.failWith ?? "" } : {}) }] });
  }
  return out;
}
