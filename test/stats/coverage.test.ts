/**
 * Coverage of every interval the report prints, by seeded simulation: on normal, log-normal and outlier-mixed
 * build noise, at n = 3, 5, 10 and 30, each interval must cover the true change at least as often as its stated
 * confidence says, less 1.5 points (the simulation's own error is about 0.3 points at 4,000 trials).
 */
import { describe, expect, it } from 'vitest';
import { pairedChangeAt, pairedChangeOverLooks } from '../../src/stats/sequential.js';
import { claimDifference } from '../../src/stats/decisions.js';
import { lookSchedule } from '../../src/stats/looks.js';
import { historyChange, locateRun, pairedChange, twoRunChange } from '../../src/stats/changes.js';
import { SEQUENTIAL_ERROR } from '../../src/stats/looks.js';
import { createRandom, seedFrom } from '../../src/stats/random.js';
import { createNoise, NOISE_FAMILIES, type Noise } from '../support/noise.js';
import { simulateGateTrial } from '../support/simulated-gate.js';

const TRIALS = 4000;
const NOMINAL = 1 - SEQUENTIAL_ERROR;
const TOLERANCE = 0.015;
/** The true change: head 10 % slower than base (any value would do; the noise is what matters). */
const TRUTH = Math.log(1.1);

function covers(interval: { low: number; high: number } | null, truth: number): boolean {
  return interval !== null && interval.low <= truth && truth <= interval.high;
}

function coverage(trials: number, trial: () => boolean): number {
  let covered = 0;
  for (let index = 0; index < trials; index++) if (trial()) covered++;
  return covered / trials;
}

/** n builds of one side of a pair, log times, the side shifted by `shift`; both sides share the run's factor. */
function pairedLogRatios(noise: Noise, n: number, shift: number): number[] {
  return Array.from({ length: n }, () => shift + Math.log(noise.build()) - Math.log(noise.build()));
}

function runLogTimes(noise: Noise, n: number, shift: number): number[] {
  const run = Math.log(noise.run());
  return Array.from({ length: n }, () => shift + run + Math.log(noise.build()));
}

const cases = NOISE_FAMILIES.flatMap((family) => [3, 5, 10, 30].map((n) => ({ family, n })));

describe('paired intervals (a variant against default, head against base) at a fixed number of rounds', () => {
  it.each(cases)('$family noise, n = $n', ({ family, n }) => {
    const noise = createNoise(family, seedFrom(`paired/${family}/${n}`));
    const covered = coverage(TRIALS, () => {
      const change = pairedChangeAt(pairedLogRatios(noise, n, TRUTH), { min: n, max: n });
      expect(change.level).toBeCloseTo(NOMINAL, 12);
      return covers(change.interval, TRUTH);
    });
    expect(covered).toBeGreaterThanOrEqual(NOMINAL - TOLERANCE);
  });
});

describe('the interval a pull request is judged on, through the production round loop, looks and budget', () => {
  // The rounds stop when the gate decides, on `max-runs` (50) or on a budget of 8 rounds (then the last look
  // spends all the error left): the interval printed at the stop must still cover the true change.
  const trials = 600;
  it.each(
    NOISE_FAMILIES.flatMap((family) =>
      [0, 0.1].flatMap((change) =>
        [8, 50].map((budgetRounds) => ({ family, change, percent: change * 100, budgetRounds })),
      ),
    ),
  )(
    '$family noise, true change $percent %, a budget of $budgetRounds rounds',
    async ({ family, change, budgetRounds }) => {
      let covered = 0;
      let stoppedByBudget = 0;
      for (let trial = 0; trial < trials; trial++) {
        const outcome = await simulateGateTrial({
          family,
          pairNoise: 0.067,
          change,
          budgetRounds,
          maxRuns: 50,
          seed: `coverage/${family}/${change}/${budgetRounds}/${trial}`,
        });
        if (outcome.stoppedBy === 'time-budget') stoppedByBudget++;
        if (outcome.low !== null && outcome.high !== null && outcome.low <= change && change <= outcome.high)
          covered++;
      }
      expect(covered / trials).toBeGreaterThanOrEqual(NOMINAL - TOLERANCE);
      // The small budget binds: a good share of unchanged pull requests stop on it, on the final look.
      if (budgetRounds === 8 && change === 0) expect(stoppedByBudget / trials).toBeGreaterThan(0.2);
    },
  );
});

describe('a variant read after the rounds other comparisons went on to (the looks on the way intersected)', () => {
  const margin = 0.05;
  const bounds = { min: 5, max: 50 };
  const stops = [5, 7, 12, 20, 33, 50];
  it.each(NOISE_FAMILIES.flatMap((family) => [0, 0.03, 0.1].map((change) => ({ family, change }))))(
    '$family noise, true change +$change: covers, and a decision taken at a look is never undone',
    ({ family, change }) => {
      const noise = createNoise(family, seedFrom(`over-looks/${family}/${change}`));
      const pick = createRandom(seedFrom(`over-looks/stops/${family}/${change}`));
      const truth = Math.log1p(change);
      let undone = 0;
      const covered = coverage(TRIALS / 2, () => {
        // Another comparison decides when the rounds stop: any of these, whatever this variant's data say.
        const n = stops[Math.floor(pick() * stops.length)]!;
        const ratios = pairedLogRatios(noise, n, truth);
        const decidedAtLook = lookSchedule(bounds.min, bounds.max)
          .filter((look) => look <= n)
          .some(
            (look) => claimDifference(pairedChangeAt(ratios.slice(0, look), bounds), margin) !== 'undecided',
          );
        const read = pairedChangeOverLooks(ratios, bounds);
        if (decidedAtLook && claimDifference(read, margin) === 'undecided') undone++;
        return covers(read.interval, truth);
      });
      expect(covered).toBeGreaterThanOrEqual(NOMINAL - TOLERANCE);
      expect(undone).toBe(0);
    },
  );
});

describe('the cached baseline: one run against the history of 10 earlier runs', () => {
  it.each(cases)('$family noise, $n samples a run', ({ family, n }) => {
    const noise = createNoise(family, seedFrom(`history/${family}/${n}`));
    const covered = coverage(TRIALS, () => {
      const history = Array.from({ length: 10 }, () => locateRun(runLogTimes(noise, n, 0)));
      const current = locateRun(runLogTimes(noise, n, TRUTH));
      return covers(historyChange(current, history, NOMINAL).interval, TRUTH);
    });
    expect(covered).toBeGreaterThanOrEqual(NOMINAL - TOLERANCE);
  });

  it.each(NOISE_FAMILIES)('$s noise, a history of 3', (family) => {
    const noise = createNoise(family, seedFrom(`history-3/${family}`));
    const covered = coverage(TRIALS, () => {
      const history = Array.from({ length: 3 }, () => locateRun(runLogTimes(noise, 5, 0)));
      return covers(historyChange(locateRun(runLogTimes(noise, 5, TRUTH)), history, NOMINAL).interval, TRUTH);
    });
    expect(covered).toBeGreaterThanOrEqual(NOMINAL - TOLERANCE);
  });
});

describe('one run against one earlier run on the same machine (a results file)', () => {
  it.each(cases.filter(({ n }) => n > 3))('$family noise, n = $n', ({ family, n }) => {
    const noise = createNoise(family, seedFrom(`two-run/${family}/${n}`));
    const covered = coverage(TRIALS, () => {
      // Minutes apart on one machine: the builds' own noise only (what this interval claims to cover).
      const earlier = Array.from({ length: n }, () => Math.log(noise.build()));
      const current = Array.from({ length: n }, () => TRUTH + Math.log(noise.build()));
      return covers(twoRunChange(current, earlier, NOMINAL).interval, TRUTH);
    });
    expect(covered).toBeGreaterThanOrEqual(NOMINAL - TOLERANCE);
  });
});

describe('the simulation can fail', () => {
  it('a plain mean ± 1.96 standard errors under-covers at n = 5 and is caught', () => {
    const noise = createNoise('normal', 1);
    const covered = coverage(TRIALS, () => {
      const ratios = pairedLogRatios(noise, 5, TRUTH);
      const mean = ratios.reduce((sum, value) => sum + value, 0) / 5;
      const sd = Math.sqrt(ratios.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 4);
      const half = (1.96 * sd) / Math.sqrt(5);
      return covers({ low: mean - half, high: mean + half }, TRUTH);
    });
    expect(covered).toBeLessThan(NOMINAL - TOLERANCE);
  });

  it('three rounds that all save 50 % ± 0.5 % decide', () => {
    const ratios = [0.5, 0.503, 0.497].map((ratio) => Math.log(ratio));
    const change = pairedChange(ratios, NOMINAL);
    expect(change.interval!.high).toBeLessThan(Math.log(0.6));
  });
});
