/** From a change and its interval to a verdict and its reason, under the gate's rules (stats/decisions.ts). */
import { decideAgainstLimit } from '../stats/decisions.js';
import type { LogInterval } from '../stats/trimmed.js';
import type { ScenarioComparison, Verdict } from './comparison.js';

export function worstOf(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('error')) return 'error';
  if (verdicts.includes('regression')) return 'regression';
  return verdicts.includes('inconclusive') ? 'inconclusive' : 'pass';
}

/**
 * Every verdict is earned. `regression`: the estimate is beyond the limit and the whole interval beyond half of
 * it. `pass`: the estimate is within the limit and the whole interval below 1.5 times it, so the pass claims "no
 * slowdown beyond" the interval's upper end, which lies under that margin. Otherwise `inconclusive`, with the
 * reason: no interval, a `blocker` (the noise between runs is unknown, or known only from another machine: such a
 * comparison never passes), an interval that reaches zero against other runs (`noise`: no slowdown beyond how
 * much runs differ could be told), or one too wide to rule either side out (`uncertain`).
 */
export function decideChange(
  change: { readonly estimate: number; readonly interval: LogInterval | null },
  limit: number,
  blocker: 'unknown-noise' | 'cross-machine' | null = null,
  noiseBetweenRuns = false,
): Pick<ScenarioComparison, 'verdict' | 'reason'> {
  if (!Number.isFinite(limit)) return { verdict: 'pass', reason: 'within' };
  if (blocker !== null) return { verdict: 'inconclusive', reason: blocker };
  if (change.interval === null) return { verdict: 'inconclusive', reason: 'no-interval' };
  const decision = decideAgainstLimit(change, limit);
  if (decision === 'regression') return { verdict: 'regression', reason: 'regressed' };
  if (decision === 'pass') return { verdict: 'pass', reason: 'within' };
  // Against other runs, an interval that reaches zero could not tell a slowdown from how much runs differ.
  if (noiseBetweenRuns && change.interval.low <= 0) return { verdict: 'inconclusive', reason: 'noise' };
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
    item.verdict === 'regression'
      ? item
      : { ...item, verdict: 'error' as const, reason: 'run-failed' as const },
  );
  return { ...comparison, scenarios, verdict: 'error' };
}

/**
 * The smallest true slowdown this comparison could have called a regression (relative): the estimate must pass
 * the limit and the interval's low end half of it, so with the interval's width below its estimate, a slowdown
 * from max(limit, limit/2 + that width) on would show about half the time, and more often beyond. A figure from
 * this run's interval and the gate's rule, not a measured power. Null without an interval.
 */
export function smallestVisibleSlowdown(
  change: number | null,
  interval: { readonly low: number; readonly high: number } | null,
  limit: number | null,
): number | null {
  if (change === null || interval === null || limit === null || !Number.isFinite(limit)) return null;
  const widthBelow = Math.log1p(change) - Math.log1p(interval.low);
  return Math.expm1(Math.max(Math.log1p(limit), Math.log1p(limit / 2) + widthBelow));
}
