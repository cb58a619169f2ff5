/**
 * What the paired rounds of a speedup tell, and the figures every rendering of a variant takes from them: the
 * variant table, the advice, the terminal table and the step outputs all read a variant through this file, so
 * their words and numbers cannot disagree.
 */
import type { Speedup } from '../results/results.js';

/** Documents of schema 1 had order-statistic intervals: below this confidence they told nothing. */
const MIN_SCHEMA1_CONFIDENCE = 0.9;

/**
 * `faster` / `slower`: the paired interval lies wholly on that side (the results' `claim` says so; its rule,
 * stats/decisions.ts claimDifference, reads this same interval); `similar`: it lies within ± the scenario's
 * threshold; `undecided`: neither. `no-interval`: one round, or rounds that do not pair; `too-few-rounds`: a
 * schema-1 interval below 90 % confidence.
 */
export type SpeedupClaim = 'no-interval' | 'too-few-rounds' | 'faster' | 'slower' | 'similar' | 'undecided';

/** The word each claim is shown as, in tables and notes alike. */
export const CLAIM_WORDS: Readonly<Record<SpeedupClaim, string>> = {
  faster: 'faster',
  slower: 'slower',
  similar: 'similar',
  undecided: 'undecided',
  'no-interval': 'one round',
  'too-few-rounds': 'too few rounds',
};

/** What a speedup's paired rounds tell: the claim every rendering of a variant shows. */
export function claimSpeedup(speedup: Speedup): SpeedupClaim {
  const interval = speedup.pairedInterval;
  if (interval === null || speedup.pairedSpeedup === null) return 'no-interval';
  if (speedup.claim === null && interval.confidence < MIN_SCHEMA1_CONFIDENCE) return 'too-few-rounds';
  if (speedup.claim === 'faster' || interval.low > 1) return 'faster';
  if (speedup.claim === 'slower' || interval.high < 1) return 'slower';
  return speedup.claim === 'similar' ? 'similar' : 'undecided';
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

/** The estimate every rendering shows: the paired speedup (default ÷ variant, round by round), else the ratio of medians. */
export function estimateSpeedup(speedup: Speedup): number | null {
  if (isRatio(speedup.pairedSpeedup)) return speedup.pairedSpeedup;
  return isRatio(speedup.speedup) ? speedup.speedup : null;
}

/**
 * Time and share saved from one estimate, so they never disagree: the paired speedup, else the ratio of the
 * medians; the time is that share of `defaultMedianMs`.
 */
export function estimateSavings(speedup: Speedup, defaultMedianMs: number): Savings {
  const ratio = estimateSpeedup(speedup);
  if (ratio === null) return { share: null, savedMs: speedup.savedMs, interval: null };
  const share = toSavedShare(ratio);
  const bounds = speedup.pairedInterval;
  if (!isRatio(speedup.pairedSpeedup) || bounds === null || !isRatio(bounds.low) || !isRatio(bounds.high)) {
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

/** The variant's build time against `default`'s as a relative change (−0.35: 35 % faster), with its interval. */
export interface VariantChange {
  readonly change: number | null;
  readonly interval: Range | null;
}

export function estimateVariantChange(speedup: Speedup): VariantChange {
  const ratio = estimateSpeedup(speedup);
  const bounds = speedup.pairedInterval;
  const paired =
    isRatio(speedup.pairedSpeedup) && bounds !== null && isRatio(bounds.low) && isRatio(bounds.high);
  return {
    change: ratio === null ? null : 1 / ratio - 1,
    // The speedup's high end is the variant's fastest plausible time, so the ends swap.
    interval: paired ? { low: 1 / bounds.high - 1, high: 1 / bounds.low - 1 } : null,
  };
}
