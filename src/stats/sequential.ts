/**
 * Paired comparisons read while rounds are still added: the interval after n rounds at the confidence its look
 * may spend (stats/looks.ts), and whether n is a look at which the comparison may be decided.
 */
import type { Change } from './changes.js';
import { pairedChange } from './changes.js';
import { isLook, lookLevel, lookSchedule, SEQUENTIAL_CONFIDENCE } from './looks.js';

/** The fewest and the most rounds of a scenario: `runs` (or `clean-runs`) and `max-runs`. */
export interface RoundBounds {
  readonly min: number;
  readonly max: number;
}

/** A scenario's bounds from the run's `runs`, `cleanRuns` and `maxRuns` (a Config or a results file's plan). */
export function roundBoundsOf(
  plan: { readonly runs: number; readonly cleanRuns: number; readonly maxRuns: number },
  scenario: string,
): RoundBounds {
  return { min: scenario === 'clean' ? plan.cleanRuns : plan.runs, max: plan.maxRuns };
}

/** The change after `logRatios.length` rounds, its interval at the level that look may spend. */
export function pairedChangeAt(
  logRatios: readonly number[],
  bounds: RoundBounds,
): Change & { readonly level: number } {
  const level = lookLevel(logRatios.length, bounds.min, bounds.max);
  return { ...pairedChange(logRatios, level), level };
}

/** Whether a decision may be taken after `rounds` rounds (scheduled looks only). */
export function isDecisionPoint(rounds: number, bounds: RoundBounds): boolean {
  return rounds >= bounds.min && isLook(rounds, bounds.min, bounds.max);
}

/**
 * The change after all the rounds, its interval narrowed to what every scheduled look on the way also allows.
 * Each look spends its own share of the 5 % error, so all of their intervals hold together at 95 %, and so does
 * their intersection: a comparison decided at a look stays decided however many rounds other comparisons add
 * afterwards. Looks that contradict each other (no common part: one of them missed) leave the last interval alone.
 */
export function pairedChangeOverLooks(
  logRatios: readonly number[],
  bounds: RoundBounds,
): Change & { readonly level: number } {
  const last = pairedChangeAt(logRatios, bounds);
  if (last.interval === null) return last;
  let { low, high } = last.interval;
  for (const look of lookSchedule(bounds.min, Math.max(bounds.min, bounds.max))) {
    if (look >= logRatios.length) break;
    const interval = pairedChangeAt(logRatios.slice(0, look), bounds).interval;
    if (interval === null) continue;
    low = Math.max(low, interval.low);
    high = Math.min(high, interval.high);
  }
  if (low > high) return last;
  const estimate = Math.min(high, Math.max(low, last.estimate));
  return {
    estimate,
    interval: { estimate, low, high, level: SEQUENTIAL_CONFIDENCE },
    level: SEQUENTIAL_CONFIDENCE,
  };
}

/**
 * The change at the first scheduled look where `decide` decides, else after all the rounds: a comparison that
 * stopped being looked at once decided (other comparisons kept the rounds going) is read where it was decided,
 * as the sequential rule that the simulations and `npm run bench:base` measure reads it.
 */
export function pairedChangeAtDecision(
  logRatios: readonly number[],
  bounds: RoundBounds,
  decide: (change: Change) => string,
): Change & { readonly level: number; readonly rounds: number } {
  for (const look of lookSchedule(bounds.min, Math.max(bounds.min, bounds.max))) {
    if (look >= logRatios.length) break;
    const change = pairedChangeAt(logRatios.slice(0, look), bounds);
    if (decide(change) !== 'undecided') return { ...change, rounds: look };
  }
  return { ...pairedChangeAt(logRatios, bounds), rounds: logRatios.length };
}
