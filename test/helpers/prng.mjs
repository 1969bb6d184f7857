// mulberry32: a small seeded PRNG, so a fuzz or churn failure replays exactly from its seed.
// Plain JavaScript so that the unbundled fuzzer (node test/fuzz/lspFuzz.mjs) and the bundled
// TypeScript tests share it.

/** A function returning the next number in [0, 1) of the sequence for `seed`. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
