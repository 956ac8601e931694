// A vertex's output: the last `capacity` bytes in a ring, plus which stream (1 stdout, 2 stderr)
// and daemon time each run of bytes came from. Appends are amortized O(chunk); memory is bounded
// by `capacity` (the buffer starts small and doubles up to it).

export interface LogSegment {
  stream: number;
  /** Daemon time of the first chunk of this run, ms since the epoch. */
  time: number;
  /** Absolute byte offset (counting dropped bytes) where the run starts. */
  at: number;
}

export interface LogChunk {
  stream: number;
  time: number;
  bytes: Uint8Array;
}

/** Bytes of buffer the rings of one build may still allocate (shared by them). */
export interface LogBudget {
  left: number;
}

export class LogRing {
  private buf: Uint8Array;
  /** The effective capacity: `capacity`, or less once the shared budget ran out. */
  private cap: number;
  /** Bytes written in total, including dropped ones. */
  total = 0;
  /** Bytes written per stream (1, 2, other). */
  readonly perStream = new Map<number, number>();
  private segs: LogSegment[] = [];
  private segHead = 0;

  constructor(
    readonly capacity: number,
    private readonly budget: LogBudget | null = null,
  ) {
    this.buf = new Uint8Array(Math.min(capacity, 1024));
    this.cap = capacity;
  }

  /** Bytes no longer kept. */
  get dropped(): number {
    return Math.max(0, this.total - this.cap);
  }

  /** Most bytes this ring keeps (its capacity, or less if the build's log budget ran out). */
  get limit(): number {
    return this.cap;
  }

  get size(): number {
    return this.total - this.dropped;
  }

  append(stream: number, time: number, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.perStream.set(stream, (this.perStream.get(stream) ?? 0) + bytes.length);
    const last = this.segs[this.segs.length - 1];
    // one run per chunk, so lines keep their chunk's time (chunks of one stream and time merge);
    // runs are dropped with the bytes they cover, so their number stays bounded too
    if (!last || this.segHead >= this.segs.length || last.stream !== stream || time !== last.time) this.segs.push({ stream, time, at: this.total });
    const needed = Math.min(this.cap, this.size + bytes.length);
    if (needed > this.buf.length && this.buf.length < this.cap) this.grow(needed);
    let data = bytes;
    if (data.length >= this.cap) data = data.subarray(data.length - this.cap);
    const cap = this.buf.length;
    const skipped = bytes.length - data.length;
    let pos = (this.total + skipped) % cap;
    for (let i = 0; i < data.length; ) {
      const n = Math.min(data.length - i, cap - pos);
      this.buf.set(data.subarray(i, i + n), pos);
      i += n;
      pos = (pos + n) % cap;
    }
    this.total += bytes.length;
    this.trimSegments();
  }

  private grow(needed: number): void {
    let size = this.buf.length;
    while (size < needed) size *= 2;
    size = Math.min(size, this.cap);
    if (this.budget) {
      const extra = size - this.buf.length;
      if (extra > this.budget.left) {
        // the build's budget is spent: this ring keeps what its buffer holds from now on
        this.cap = this.buf.length;
        return;
      }
      this.budget.left -= extra;
    }
    const kept = this.bytes();
    const next = new Uint8Array(size);
    // lay the kept bytes out at their ring positions for the new size
    const pos = (this.total - kept.length) % size;
    const first = Math.min(kept.length, size - pos);
    next.set(kept.subarray(0, first), pos);
    if (first < kept.length) next.set(kept.subarray(first), 0);
    this.buf = next;
  }

  private trimSegments(): void {
    const first = this.total - this.size;
    while (this.segHead + 1 < this.segs.length && (this.segs[this.segHead + 1] as LogSegment).at <= first) this.segHead++;
    if (this.segHead > 1024 && this.segHead * 2 > this.segs.length) {
      this.segs = this.segs.slice(this.segHead);
      this.segHead = 0;
    }
  }

  /** The kept bytes, oldest first (a copy). */
  bytes(): Uint8Array {
    const n = this.size;
    const out = new Uint8Array(n);
    const cap = this.buf.length;
    const start = (this.total - n) % cap;
    const first = Math.min(n, cap - start);
    out.set(this.buf.subarray(start, start + first), 0);
    if (first < n) out.set(this.buf.subarray(0, n - first), first);
    return out;
  }

  /** The kept bytes split into runs (by stream and chunk time), oldest first. */
  chunks(): LogChunk[] {
    const all = this.bytes();
    const base = this.total - all.length;
    const out: LogChunk[] = [];
    for (let i = this.segHead; i < this.segs.length; i++) {
      const s = this.segs[i] as LogSegment;
      const next = this.segs[i + 1];
      const from = Math.max(0, s.at - base);
      const to = next ? next.at - base : all.length;
      if (to > from) out.push({ stream: s.stream, time: s.time, bytes: all.subarray(from, to) });
    }
    return out;
  }

  /** The kept bytes of one stream. */
  streamBytes(stream: number): Uint8Array {
    const parts = this.chunks().filter((c) => c.stream === stream);
    const out = new Uint8Array(parts.reduce((a, c) => a + c.bytes.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p.bytes, o);
      o += p.bytes.length;
    }
    return out;
  }
}

const decoder = new TextDecoder();

/** The last `n` lines of a log (a trailing partial line counts as a line). */
export function lastLines(ring: LogRing, n: number): string[] {
  const text = decoder.decode(ring.bytes());
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.slice(-n);
}
