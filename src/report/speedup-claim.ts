/** What the paired rounds of a speedup can tell: the honesty rules every rendering of a speedup follows. */
import type { Speedup } from '../results/results.js';

/** Below this confidence (fewer than 5 rounds) an interval that excludes 1× is still no claim. */
const MIN_CONFIDENCE_TO_TELL = 0.9;

/**
 * `faster` or `slower` only when the paired interval lies wholly on that side of 1× at a confidence of at least
 * 90 %; `no-interval` with a single round or rounds that do not pair.
 */
export type SpeedupClaim = 'no-interval' | 'too-few-rounds' | 'faster' | 'slower' | 'no-clear-difference';

export function claimSpeedup(speedup: Speedup): SpeedupClaim {
  const interval = speedup.pairedInterval;
  if (interval === null || speedup.pairedSpeedup === null) return 'no-interval';
  if (interval.confidence < MIN_CONFIDENCE_TO_TELL) return 'too-few-rounds';
  if (interval.low > 1) return 'faster';
  if (interval.high < 1) return 'slower';
  return 'no-clear-difference';
}
