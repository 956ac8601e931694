// Test inputs: deterministic truncations and corruptions of encoded Definitions, for checking
// that two readers (a fast path and the full one) agree on broken bytes.

/** A small deterministic PRNG (LCG), so a failing input reproduces. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/**
 * `count` inputs made from the seeds in turn: a flipped bit, a random byte, a truncation, or a run
 * of eight random bytes at a random offset.
 */
export function* truncatedAndCorrupted(seeds: readonly Uint8Array[], count: number, seed: number): Generator<Uint8Array> {
  const rand = lcg(seed);
  for (let i = 0; i < count; i++) {
    const b = Uint8Array.from(seeds[i % seeds.length]!);
    const at = Math.floor(rand() * b.length);
    switch (i % 4) {
      case 0:
        b[at]! ^= 1 << Math.floor(rand() * 8);
        break;
      case 1:
        b[at] = Math.floor(rand() * 256);
        break;
      case 2:
        yield b.subarray(0, at);
        continue;
      default:
        for (let k = at; k < Math.min(b.length, at + 8); k++) b[k] = Math.floor(rand() * 256);
    }
    yield b;
  }
}
