/**
 * A seeded generator (mulberry32) of numbers in [0, 1): the same seed gives the same sequence, so
 * the demo township, the benchmark's province and the fuzz test's cases are the same every time.
 */
export function seededRandom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
