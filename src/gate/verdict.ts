/** From a change and its interval to a verdict and its reason, under the gate's rules (stats/decisions.ts). */
import { decideAgainstLimit } from '../stats/decisions.js';
import type { LogInterval } from '../stats/trimmed.js';
import type { ScenarioComparison, Verdict } from './comparison.js';

/** Rounding slack: a change equal to the threshold up to float error is not beyond it. */
const EPSILON = 1e-9;

export function worstOf(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('regression')) return 'regression';
  return verdicts.includes('inconclusive') ? 'inconclusive' : 'pass';
}

/**
 * `pass` when the estimate is within the limit; otherwise `regression` when the data decide it (estimate beyond
 * the limit, interval beyond half of it) and nothing else stands in the way (`blocker`: the noise between runs is
 * unknown, or known only from another machine), else `inconclusive` with the reason.
 */
export function decideChange(
  change: { readonly estimate: number; readonly interval: LogInterval | null },
  limit: number,
  blocker: 'unknown-noise' | 'cross-machine' | null = null,
): Pick<ScenarioComparison, 'verdict' | 'reason'> {
  if (change.estimate <= Math.log1p(limit) + EPSILON) return { verdict: 'pass', reason: 'within' };
  if (blocker !== null) return { verdict: 'inconclusive', reason: blocker };
  if (change.interval === null) return { verdict: 'inconclusive', reason: 'no-interval' };
  return decideAgainstLimit(change, limit) === 'regression'
    ? { verdict: 'regression', reason: 'regressed' }
    : { verdict: 'inconclusive', reason: 'uncertain' };
}
