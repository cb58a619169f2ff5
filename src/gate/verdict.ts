/** From a change and its interval to a verdict and its reason, under the gate's rules (stats/decisions.ts). */
import { decideAgainstLimit } from '../stats/decisions.js';
import type { LogInterval } from '../stats/trimmed.js';
import type { ScenarioComparison, Verdict } from './comparison.js';

/** Rounding slack: a change equal to the threshold up to float error is not beyond it. */
const EPSILON = 1e-9;

export function worstOf(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('error')) return 'error';
  if (verdicts.includes('regression')) return 'regression';
  return verdicts.includes('inconclusive') ? 'inconclusive' : 'pass';
}

/**
 * `pass` when the estimate is within the limit; otherwise `regression` when the data decide it (estimate beyond
 * the limit, interval beyond half of it) and nothing else stands in the way (`blocker`: the noise between runs is
 * unknown, or known only from another machine), else `inconclusive` with the reason. With `noiseBetweenRuns` (the
 * interval holds the noise between runs, which more rounds cannot shrink), an interval reaching zero is a pass.
 */
export function decideChange(
  change: { readonly estimate: number; readonly interval: LogInterval | null },
  limit: number,
  blocker: 'unknown-noise' | 'cross-machine' | null = null,
  noiseBetweenRuns = false,
): Pick<ScenarioComparison, 'verdict' | 'reason'> {
  if (change.estimate <= Math.log1p(limit) + EPSILON) return { verdict: 'pass', reason: 'within' };
  if (blocker !== null) return { verdict: 'inconclusive', reason: blocker };
  if (change.interval === null) return { verdict: 'inconclusive', reason: 'no-interval' };
  if (decideAgainstLimit(change, limit) === 'regression')
    return { verdict: 'regression', reason: 'regressed' };
  // Against other runs, an interval that reaches zero shows no slowdown beyond how much runs differ.
  if (noiseBetweenRuns && change.interval.low <= 0) return { verdict: 'pass', reason: 'noise' };
  return { verdict: 'inconclusive', reason: 'uncertain' };
}

/**
 * A run whose build or check failed is an `error`, never a pass: each scenario that did not show a regression
 * before the failure becomes `error` (`run-failed`), and so does the whole comparison.
 */
export function markRunFailure<T extends { scenarios: readonly ScenarioComparison[]; verdict: Verdict }>(
  comparison: T,
  failed: boolean,
): T {
  if (!failed) return comparison;
  const scenarios = comparison.scenarios.map((item) =>
    item.verdict === 'regression' ? item : { ...item, verdict: 'error' as const, reason: 'run-failed' as const },
  );
  return { ...comparison, scenarios, verdict: 'error' };
}
