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

interface Range {
  readonly low: number;
  readonly high: number;
}

/** What a variant saves per build against `default`; negative values: it costs time. */
export interface Savings {
  /** Share of `default`'s build time saved, 1 − 1/speedup; null when no ratio is known. */
  readonly share: number | null;
  /** `default`'s median × `share`; the difference of the medians only when no ratio is known. */
  readonly savedMs: number;
  /** Both from the paired speedup's interval, with its confidence; null without one. */
  readonly interval: { readonly share: Range; readonly ms: Range; readonly confidence: number } | null;
}

function isRatio(value: number | null): value is number {
  return value !== null && Number.isFinite(value) && value > 0;
}

/** The share of the reference time a speedup saves: 1 − 1/speedup (negative: the variant is slower). */
function toSavedShare(speedup: number): number {
  return 1 - 1 / speedup;
}

/**
 * Time and share saved from one estimate, so they never disagree: the paired speedup (the median per-round
 * ratio), else the ratio of the medians; the time is that share of `defaultMedianMs`.
 */
export function estimateSavings(speedup: Speedup, defaultMedianMs: number): Savings {
  const paired = isRatio(speedup.pairedSpeedup) ? speedup.pairedSpeedup : null;
  const ratio = paired ?? (isRatio(speedup.speedup) ? speedup.speedup : null);
  if (ratio === null) return { share: null, savedMs: speedup.savedMs, interval: null };
  const share = toSavedShare(ratio);
  const bounds = speedup.pairedInterval;
  if (paired === null || bounds === null || !isRatio(bounds.low) || !isRatio(bounds.high)) {
    return { share, savedMs: defaultMedianMs * share, interval: null };
  }
  const shareRange = { low: toSavedShare(bounds.low), high: toSavedShare(bounds.high) };
  return {
    share,
    savedMs: defaultMedianMs * share,
    interval: {
      share: shareRange,
      ms: { low: defaultMedianMs * shareRange.low, high: defaultMedianMs * shareRange.high },
      confidence: bounds.confidence,
    },
  };
}
