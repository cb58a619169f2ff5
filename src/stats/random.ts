/** Seeded pseudo-random numbers: the same seed gives the same intervals, so a report can be reproduced. */

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: 32-bit state, fast, and good enough for resampling indices. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from a label (FNV-1a), so each comparison has its own fixed stream. */
export function seedFrom(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index++) {
    hash ^= label.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
