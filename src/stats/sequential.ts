/**
 * Paired comparisons read while rounds are still added: the interval after n rounds at the confidence its look
 * may spend (stats/looks.ts), and whether n is a look at which the comparison may be decided.
 */
import type { Change } from './changes.js';
import { pairedChange } from './changes.js';
import { isLook, lookLevel, lookSchedule, SEQUENTIAL_CONFIDENCE, type Look } from './looks.js';

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
 * The looks a comparison of `rounds` rounds was read at: those the rounds loop recorded (results since the budget
 * plans the last look), else the schedule of `bounds` (older results), the last one at `rounds`.
 */
export function looksOf(
  rounds: number,
  bounds: RoundBounds,
  recorded: readonly Look[] | null = null,
): Look[] {
  if (recorded !== null && recorded.length > 0) return recorded.filter((look) => look.rounds <= rounds);
  const most = Math.max(bounds.min, bounds.max);
  const scheduled = lookSchedule(bounds.min, most).filter((look) => look < rounds);
  return [...scheduled, rounds].map((look) => ({
    rounds: look,
    level: lookLevel(look, bounds.min, bounds.max),
  }));
}

/**
 * The change after all the rounds, its interval narrowed to what every look on the way also allows. Each look
 * spends its own share of the 5 % error, so all of their intervals hold together at 95 %, and so does their
 * intersection: a comparison decided at a look stays decided however many rounds other comparisons add
 * afterwards. Looks that contradict each other (no common part: one of them missed) leave the last interval alone.
 */
export function pairedChangeOverLooks(
  logRatios: readonly number[],
  bounds: RoundBounds,
  recorded: readonly Look[] | null = null,
): Change & { readonly level: number } {
  const looks = looksOf(logRatios.length, bounds, recorded);
  const readAt = (look: Look): Change => pairedChange(logRatios.slice(0, look.rounds), look.level);
  const lastLook = looks.at(-1);
  const last =
    lastLook === undefined
      ? { ...pairedChange(logRatios, SEQUENTIAL_CONFIDENCE), level: SEQUENTIAL_CONFIDENCE }
      : { ...readAt(lastLook), level: lastLook.level };
  if (last.interval === null) return last;
  let { low, high } = last.interval;
  for (const look of looks.slice(0, -1)) {
    const interval = readAt(look).interval;
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
 * The change at the first look where `decide` decides, else at the last look: a comparison that stopped being
 * looked at once decided (other comparisons kept the rounds going) is read where it was decided, as the rounds
 * loop read it.
 */
export function pairedChangeAtDecision(
  logRatios: readonly number[],
  bounds: RoundBounds,
  decide: (change: Change) => string,
  recorded: readonly Look[] | null = null,
): Change & { readonly level: number; readonly rounds: number } {
  const looks = looksOf(logRatios.length, bounds, recorded);
  for (const look of looks) {
    const change = pairedChange(logRatios.slice(0, look.rounds), look.level);
    if (decide(change) !== 'undecided' || look === looks.at(-1))
      return { ...change, level: look.level, rounds: look.rounds };
  }
  return { ...pairedChangeAt(logRatios, bounds), rounds: logRatios.length };
}
