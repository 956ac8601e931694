// Renders a build status stream like `buildctl build --progress=plain` (BuildKit's
// util/progress/progressui plain printer): `#N name`, status lines, `#N 0.123 log line`,
// `#N DONE 0.1s` / `#N CACHED` / `#N ERROR: …` / `#N CANCELED`, `#N ...` when output switches
// away from an unfinished step, and the `------ > step:` error-log block at the end.
//
// Same formats and the same bookkeeping as upstream, with one deliberate difference: upstream
// picks which of several running steps to show using wall-clock speed heuristics; this printer
// is deterministic (it stays on the current step and switches when the current step has been
// quiet for 10 s of daemon time while another has news), so the same stream always prints the
// same text. Pure: text goes to a callback. No Node APIs.
import { formatBytes, goFixed } from "../protocol/go-format";
import { base64ToBytes, statusTimeToMillis } from "../protocol/status";
import type { SolveStatus, StatusVertex } from "../protocol/status";

const MIN_TIME_DELTA_MS = 5000;
const MIN_PROGRESS_DELTA = 0.05;
const LOGS_BUFFER_SIZE = 10;
const MAX_DELAY_MS = 10_000;
/** buildctl redraws at most every 100 ms and at least every 150 ms while updates are pending. */
const DISPLAY_INTERVAL_MS = 100;
const TICK_INTERVAL_MS = 150;

interface Interval {
  start: number;
  stop: number | null;
}

interface VStatus {
  id: string;
  current: number;
  total: number;
  timestamp: number;
  started: number | null;
  completed: number | null;
}

interface Vtx {
  digest: string;
  name: string;
  cached: boolean;
  error: string;
  grouped: boolean;
  hidden: boolean;
  prev: StatusVertex | null;
  intervals: Map<string, Interval>;
  merged: Interval[];
  index: number;
  statuses: VStatus[];
  byId: Map<string, VStatus>;
  statusUpdates: Set<string>;
  logs: string[];
  logsPartial: boolean;
  logsOffset: number;
  ring: (string | null)[];
  ringPos: number;
  warnings: string[];
  warningIdx: number;
  /** daemon time of the oldest unprinted update */
  waitingSince: number | null;
}

interface Group {
  vtx: Vtx;
  subs: Map<string, StatusVertex>;
}

function newVtx(digest: string): Vtx {
  return {
    digest,
    name: "",
    cached: false,
    error: "",
    grouped: false,
    hidden: false,
    prev: null,
    intervals: new Map(),
    merged: [],
    index: 0,
    statuses: [],
    byId: new Map(),
    statusUpdates: new Set(),
    logs: [],
    logsPartial: false,
    logsOffset: 0,
    ring: new Array<string | null>(LOGS_BUFFER_SIZE).fill(null),
    ringPos: 0,
    warnings: [],
    warningIdx: 0,
    waitingSince: null,
  };
}

const isStarted = (v: Vtx) => v.merged.length > 0;
const mostRecent = (v: Vtx): Interval | null => v.merged[v.merged.length - 1] ?? null;
const isCompleted = (v: Vtx) => {
  const i = mostRecent(v);
  return i !== null && i.stop !== null;
};

/** Upstream mergeIntervals: sort by start, union overlaps; an open interval swallows the rest. */
export function mergeIntervals(list: Interval[]): Interval[] {
  const ivals = [...list].sort((a, b) => a.start - b.start);
  const first = ivals[0];
  if (!first) return [];
  const merged: Interval[] = [];
  let cur: Interval = first;
  for (let i = 1; i < ivals.length; i++) {
    const next = ivals[i] as Interval;
    if (cur.stop === null) {
      merged.push(cur);
      return merged;
    }
    if (cur.stop < next.start) {
      merged.push(cur);
      cur = next;
      continue;
    }
    if (next.stop === null) {
      merged.push({ start: cur.start, stop: null });
      return merged;
    }
    if (cur.stop >= next.stop) continue;
    cur = { start: cur.start, stop: next.stop };
  }
  merged.push(cur);
  return merged;
}

export { formatBytes, goFixed };

function logPrefix(seconds: number): string {
  const prec = seconds < 10 ? 3 : seconds < 100 ? 2 : 1;
  return goFixed(seconds, prec);
}

const tMs = (t: string | undefined): number | null => {
  if (!t) return null;
  const v = statusTimeToMillis(t);
  return Number.isNaN(v) ? null : v;
};

export interface PlainPrinterOptions {
  /** Printed as `#0 <desc>` before the first step, like buildctl's progress description. */
  description: string;
}

export class PlainPrinter {
  private readonly byDigest = new Map<string, Vtx>();
  private readonly groups = new Map<string, Group>();
  /** Vertices in the order they started (for the final error block). */
  private readonly started: Vtx[] = [];
  private readonly updates = new Set<string>();
  private readonly last = new Map<string, { current: number; timestamp: number }>();
  private current = "";
  private notFirst = false;
  private nextIndex = 0;
  private now = 0;
  private readonly desc: string;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly write: (text: string) => void,
    options: Partial<PlainPrinterOptions> = {},
  ) {
    this.desc = options.description ?? "";
  }

  private lastPrint = Number.NEGATIVE_INFINITY;
  private lastUpdate = Number.NEGATIVE_INFINITY;
  private pending = false;

  /**
   * Feeds one status message. Like buildctl, output is rate-limited (100 ms) so bursts coalesce
   * (a status bar that finishes within the burst prints once, as "done"); the clock is the
   * daemon's timestamps, which keeps the output deterministic. Live callers should call flush()
   * every ~150 ms so deferred lines are not held back while the daemon is quiet.
   */
  update(s: SolveStatus): void {
    const before = this.now;
    this.apply(s);
    const t = this.now;
    // buildctl's 150 ms ticker would have printed pending updates during a pause in the stream.
    if (this.pending && t - Math.max(before, this.lastUpdate) >= TICK_INTERVAL_MS) {
      this.print();
      this.lastPrint = t;
      this.pending = false;
    }
    this.lastUpdate = t;
    if (t - this.lastPrint >= DISPLAY_INTERVAL_MS) {
      this.print();
      this.lastPrint = t;
      this.pending = false;
    } else {
      this.pending = true;
    }
  }

  /** Prints deferred updates now. */
  flush(): void {
    if (!this.pending) return;
    this.print();
    this.lastPrint = this.now;
    this.pending = false;
  }

  /** Prints what is left and the error-log block. Call once, when the stream ended. */
  finish(): void {
    this.print();
    this.pending = false;
    this.printErrorLogs();
  }

  private touch(v: Vtx, at: number | null): void {
    this.updates.add(v.digest);
    if (v.waitingSince === null) v.waitingSince = at ?? this.now;
  }

  private seeTime(t: number | null): void {
    if (t !== null && t > this.now) this.now = t;
  }

  private apply(s: SolveStatus): void {
    const changedGroups: string[] = [];
    for (const v of s.vertexes ?? []) {
      this.seeTime(tMs(v.completed) ?? tMs(v.started));
      if (v.progressGroup) {
        const gid = v.progressGroup.id;
        let g = this.groups.get(gid);
        if (!g) {
          const gv = newVtx(gid);
          gv.name = v.progressGroup.name ?? "";
          gv.hidden = true;
          g = { vtx: gv, subs: new Map() };
          this.groups.set(gid, g);
          this.byDigest.set(gid, gv);
        }
        if (!changedGroups.includes(gid)) changedGroups.push(gid);
        g.subs.set(v.digest, v);
        this.byDigest.set(v.digest, g.vtx);
        continue;
      }
      let vt = this.byDigest.get(v.digest);
      const wasStarted = vt ? isStarted(vt) : false;
      if (!vt) {
        vt = newVtx(v.digest);
        this.byDigest.set(v.digest, vt);
      }
      this.vertexEvent(vt, v);
      if (v.started && !wasStarted) this.started.push(vt);
      if (!wasStarted || v.started) {
        vt.name = v.name ?? "";
        vt.cached = v.cached === true;
        vt.error = v.error ?? "";
      }
      const st = tMs(v.started);
      if (v.started && st !== null) {
        vt.intervals.set(v.started, { start: st, stop: tMs(v.completed) });
        vt.merged = mergeIntervals([...vt.intervals.values()]);
      }
    }
    for (const gid of changedGroups) {
      const g = this.groups.get(gid);
      if (!g) continue;
      const { changed, revealed } = this.refreshGroup(g);
      if (g.vtx.hidden) continue;
      if (revealed) this.started.push(g.vtx);
      if (changed) this.touch(g.vtx, null);
    }
    for (const st of s.statuses ?? []) {
      const v = st.vertex ? this.byDigest.get(st.vertex) : undefined;
      if (!v) continue;
      const ts = tMs(st.timestamp) ?? this.now;
      this.seeTime(ts);
      const prev = v.byId.get(st.id);
      const next: VStatus = {
        id: st.id,
        current: st.current,
        total: st.total ?? 0,
        timestamp: ts,
        started: tMs(st.started),
        completed: tMs(st.completed),
      };
      if (!prev) v.byId.set(st.id, next);
      if (next.started !== null && (!prev || prev.started === null)) v.statuses.push(v.byId.get(st.id) as VStatus);
      Object.assign(v.byId.get(st.id) as VStatus, next);
      v.statusUpdates.add(st.id);
      this.touch(v, ts);
    }
    for (const w of s.warnings ?? []) {
      const v = w.vertex ? this.byDigest.get(w.vertex) : undefined;
      if (!v) continue;
      v.warnings.push(this.decoder.decode(base64ToBytes(w.short ?? "") ?? new Uint8Array()));
    }
    for (const l of s.logs ?? []) {
      const v = l.vertex ? this.byDigest.get(l.vertex) : undefined;
      if (!v) continue;
      const ts = tMs(l.timestamp) ?? this.now;
      this.seeTime(ts);
      const data = this.decoder.decode(base64ToBytes(l.data) ?? new Uint8Array());
      if (data.length === 0) {
        v.logsPartial = true;
        this.touch(v, ts);
        continue;
      }
      const parts = data.split("\n");
      const complete = parts[parts.length - 1] === "";
      if (complete) parts.pop();
      parts.forEach((dt, i) => {
        if (v.logsPartial && v.logs.length !== 0 && i === 0) {
          v.logs[v.logs.length - 1] += dt;
        } else {
          const ival = mostRecent(v);
          const sec = ival ? (ts - ival.start) / 1000 : 0;
          v.logs.push(`${logPrefix(sec)} ${dt}`);
        }
      });
      v.logsPartial = !complete;
      this.touch(v, ts);
    }
  }

  private vertexEvent(vt: Vtx, v: StatusVertex): void {
    if (!v.started) return;
    const old = vt.prev;
    let changed = !old || old.digest !== v.digest || old.name !== v.name;
    if (old && v.started !== old.started) changed = true;
    if (old && v.completed && v.completed !== old.completed) changed = true;
    if (old && (v.cached === true) !== (old.cached === true)) changed = true;
    if (old && (v.error ?? "") !== (old.error ?? "")) changed = true;
    if (changed) this.touch(vt, tMs(v.completed) ?? tMs(v.started));
    vt.prev = v;
  }

  private refreshGroup(g: Group): { changed: boolean; revealed: boolean } {
    const gv = g.vtx;
    const wasHidden = gv.hidden;
    let changed = false;
    let cached = true;
    let error = "";
    for (const sub of g.subs.values()) {
      const st = tMs(sub.started);
      if (sub.started && st !== null) {
        const ni: Interval = { start: st, stop: tMs(sub.completed) };
        const pi = gv.intervals.get(sub.started);
        if (!pi || pi.start !== ni.start || pi.stop !== ni.stop) changed = true;
        gv.intervals.set(sub.started, ni);
        if (!sub.progressGroup?.weak) gv.hidden = false;
      }
      cached = cached && sub.cached === true;
      if (error === "") error = sub.error ?? "";
      else gv.hidden = false;
    }
    if (gv.cached !== cached || gv.error !== error) changed = true;
    gv.cached = cached;
    gv.error = error;
    const revealed = !gv.hidden && wasHidden;
    if (revealed) changed = true;
    gv.merged = mergeIntervals([...gv.intervals.values()]);
    return { changed, revealed };
  }

  private out(s: string): void {
    this.write(s);
  }

  private printVtx(dgst: string): void {
    const v = this.byDigest.get(dgst);
    if (!v) return;
    if (v.index === 0) v.index = ++this.nextIndex;
    if (dgst !== this.current) {
      if (this.current !== "") {
        const old = this.byDigest.get(this.current);
        if (old) {
          if (old.logsPartial) this.out("\n");
          old.logsOffset = 0;
          this.out(`#${old.index} ...\n`);
        }
      }
      if (this.notFirst) this.out("\n");
      else {
        if (this.desc) this.out(`#0 ${this.desc}\n\n`);
        this.notFirst = true;
      }
      this.out(`#${v.index} ${v.name}\n`);
    }

    let isOpenStatus = false;
    for (const s of v.statuses) {
      if (!v.statusUpdates.has(s.id)) continue;
      const last = this.last.get(s.id);
      if (last && s.completed === null) {
        const progressDelta = s.total > 0 ? (s.current - last.current) / s.total : 0;
        const timeDelta = s.timestamp - last.timestamp;
        if (progressDelta < MIN_PROGRESS_DELTA && timeDelta < MIN_TIME_DELTA_MS) continue;
      }
      this.last.set(s.id, { current: s.current, timestamp: s.timestamp });
      let bytes = "";
      if (s.total !== 0) bytes = ` ${formatBytes(s.current)} / ${formatBytes(s.total)}`;
      else if (s.current !== 0) bytes = ` ${formatBytes(s.current)}`;
      let tm = "";
      const end = s.completed ?? s.timestamp;
      if (s.started !== null) {
        const diff = (end - s.started) / 1000;
        if (diff > 0.01) tm = ` ${goFixed(diff, 1)}s`;
      }
      if (s.completed !== null) tm += " done";
      else isOpenStatus = true;
      this.out(`#${v.index} ${s.id}${bytes}${tm}\n`);
    }
    v.statusUpdates.clear();

    for (const w of v.warnings.slice(v.warningIdx)) {
      this.out(`#${v.index} WARN: ${w}\n`);
      v.warningIdx++;
    }

    v.logs.forEach((line, i) => {
      let l = line;
      if (i === 0 && v.logsOffset !== 0) {
        l = l.slice(v.logsOffset);
        this.out(l);
      } else {
        this.out(`#${v.index} ${l}`);
      }
      if (i !== v.logs.length - 1 || !v.logsPartial) this.out("\n");
      v.ring[v.ringPos] = l;
      if (!v.logsPartial) v.ringPos = (v.ringPos + 1) % LOGS_BUFFER_SIZE;
    });
    if (v.logs.length > 0) {
      if (v.logsPartial) {
        v.logs = v.logs.slice(-1);
        v.logsOffset = (v.logs[0] ?? "").length;
      } else {
        v.logs = [];
        v.logsOffset = 0;
      }
    }

    this.current = dgst;
    if (isCompleted(v) && !isOpenStatus) {
      this.current = "";
      if (v.logsPartial) this.out("\n");
      if (v.error !== "") {
        if (v.error.endsWith("context canceled")) this.out(`#${v.index} CANCELED\n`);
        else this.out(`#${v.index} ERROR: ${v.error}\n`);
      } else if (v.cached) {
        this.out(`#${v.index} CACHED\n`);
      } else {
        const dt = mergeIntervals([...v.intervals.values()]).reduce((a, iv) => a + ((iv.stop ?? this.now) - iv.start), 0) / 1000;
        this.out(`#${v.index} DONE ${goFixed(dt, 1)}s\n`);
      }
    }
    this.updates.delete(dgst);
    v.waitingSince = null;
  }

  private visible(v: Vtx): boolean {
    return !v.hidden && !(this.byDigest.get(v.digest) !== v);
  }

  private print(): void {
    const completed: string[] = [];
    const rest: string[] = [];
    for (const d of this.updates) {
      const v = this.byDigest.get(d);
      if (!v || v.hidden || v.digest !== d) continue;
      if (isCompleted(v)) completed.push(d);
      else rest.push(d);
    }
    const current = this.current;
    if (completed.includes(current)) this.printVtx(current);
    const stopOf = (d: string) => mostRecent(this.byDigest.get(d) as Vtx)?.stop ?? 0;
    const sorted = [...completed].sort((a, b) => stopOf(a) - stopOf(b));
    for (const d of sorted) if (d !== current) this.printVtx(d);

    if (rest.length === 0) {
      if (current !== "") {
        const v = this.byDigest.get(current);
        if (v && isStarted(v) && !isCompleted(v)) return;
      }
      // make any open vertex active (first started, deterministically)
      for (const v of this.started) {
        if (isStarted(v) && !isCompleted(v) && this.visible(v)) {
          this.printVtx(v.digest);
          return;
        }
      }
      return;
    }

    if (rest.includes(current)) this.printVtx(current);
    const cur = this.current;
    const others = rest.filter((d) => d !== cur);
    if (others.length === 0) return;
    const curV = cur !== "" ? this.byDigest.get(cur) : undefined;
    if (!curV || !isStarted(curV) || isCompleted(curV)) {
      this.printVtx(others[0] as string);
      return;
    }
    // The current step keeps the output; another step waiting for more than 10 s takes over.
    for (const d of others) {
      const w = this.byDigest.get(d)?.waitingSince ?? null;
      if (w !== null && this.now - w > MAX_DELAY_MS) {
        this.printVtx(d);
        return;
      }
    }
  }

  private printErrorLogs(): void {
    for (const v of this.started) {
      if (v.error === "" || v.error.endsWith("context canceled")) continue;
      this.out("------\n");
      this.out(` > ${v.name}:\n`);
      for (const l of v.logs) this.out(`${l}\n`);
      for (let i = 0; i < LOGS_BUFFER_SIZE; i++) {
        const l = v.ring[(v.ringPos + i) % LOGS_BUFFER_SIZE];
        if (l !== null && l !== undefined) this.out(`${l}\n`);
      }
      this.out("------\n");
    }
  }
}

/** Renders a whole recorded stream (e.g. buildctl --progress=rawjson lines) to plain text. */
export function renderPlain(statuses: Iterable<SolveStatus>, options: Partial<PlainPrinterOptions> = {}): string {
  let text = "";
  const p = new PlainPrinter((s) => {
    text += s;
  }, options);
  for (const s of statuses) p.update(s);
  p.finish();
  return text;
}
