/**
 * Build-time noise as real builds have it, for the coverage simulations: each family gives one build's time as a
 * factor of its true time. Seeded, so a failing check can be reproduced.
 */
import { createRandom, type Random } from '../../src/stats/random.js';

export type NoiseFamily = 'normal' | 'log-normal' | 'outlier-mixed';
export const NOISE_FAMILIES: readonly NoiseFamily[] = ['normal', 'log-normal', 'outlier-mixed'];

export interface Noise {
  /** One build's time as a factor of its true time. */
  build(): number;
  /** One run's factor (the machine, its load that day): shared by the builds of a run. */
  run(): number;
}

function standardNormal(random: Random): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * `normal`: ±5 % around the truth. `log-normal`: a floor with a long right tail (most builds near 0.95, some far
 * above). `outlier-mixed`: ±3 %, and one build in ten up to 75 % slower, as incremental builds on a shared runner
 * are. Runs differ by a normal ±4 % (a skewed difference between runs cannot be told from a slowdown by ten runs).
 */
export function createNoise(family: NoiseFamily, seed: number): Noise {
  const random = createRandom(seed);
  const normal = (): number => standardNormal(random);
  switch (family) {
    case 'normal':
      return { build: () => Math.max(0.2, 1 + 0.05 * normal()), run: () => Math.exp(0.04 * normal()) };
    case 'log-normal':
      return {
        build: () => 0.95 + Math.exp(Math.log(0.05) + 0.8 * normal()),
        run: () => Math.exp(0.04 * normal()),
      };
    case 'outlier-mixed':
      return {
        build: () => Math.max(0.2, 1 + 0.03 * normal()) * (random() < 0.1 ? 1 + 0.75 * random() : 1),
        run: () => Math.exp(0.04 * normal()),
      };
  }
}
