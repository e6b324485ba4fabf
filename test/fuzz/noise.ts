// Deterministic noise for the fuzz cases' byte-level changes: the same seed, the same bytes.

/** xorshift32. */
export function noise(length: number, seedValue: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seedValue >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
