/**
 * The decision rules, on a change and its interval (log scale). A change near the threshold is a toss-up: one of
 * half the threshold or less should pass, one of 1.5 times it or more should fail, and in between either verdict
 * is acceptable. That zone lets the gate stop as soon as the data rule one side out, instead of needing an
 * interval narrower than the distance to the threshold itself.
 */
import type { Change } from './changes.js';

export type GateDecision = 'regression' | 'pass' | 'undecided';

/** Where the zone of acceptable doubt ends below and above a relative limit, as log changes. */
export function indifferenceZone(limit: number): { readonly low: number; readonly high: number } {
  return { low: Math.log1p(limit / 2), high: Math.log1p(limit * 1.5) };
}

/**
 * `regression`: the estimate is beyond the limit and the whole interval beyond half of it; `pass`: the estimate is
 * within the limit and the whole interval below 1.5 times it; otherwise `undecided`.
 */
export function decideAgainstLimit(change: Change, limit: number): GateDecision {
  if (!Number.isFinite(limit)) return 'pass';
  const interval = change.interval;
  if (interval === null) return 'undecided';
  const zone = indifferenceZone(limit);
  const beyond = change.estimate > Math.log1p(limit) + 1e-12;
  if (beyond && interval.low > zone.low) return 'regression';
  if (!beyond && interval.high < zone.high) return 'pass';
  return 'undecided';
}

/** What a variant's interval against `default` tells; `similar` when it lies within ±margin (relative). */
export type DifferenceClaim = 'faster' | 'slower' | 'similar' | 'undecided';

/** On the variant's time change (negative: faster): beyond zero on one side, or wholly within ±margin. */
export function claimDifference(change: Change, margin: number): DifferenceClaim {
  const interval = change.interval;
  if (interval === null) return 'undecided';
  if (interval.high < 0) return 'faster';
  if (interval.low > 0) return 'slower';
  if (Number.isFinite(margin) && interval.low > Math.log1p(-margin) && interval.high < Math.log1p(margin))
    return 'similar';
  return 'undecided';
}
