/**
 * Confidence intervals for the two comparisons made: variant vs variant paired by round (order statistics of the
 * per-round ratios), and a run vs its baseline (unpaired: a seeded percentile bootstrap, widened by the
 * baseline's run-to-run noise).
 */
import { createRandom, type Random } from './random.js';
import { median, middleOf } from './robust.js';

const CONFIDENCE = 0.95;
const BOOTSTRAP_REPLICATES = 4000;

/** An estimate with its 95 % interval; `low ≤ estimate ≤ high` holds for every interval made here. */
export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** The median of `values` resampled with replacement. */
function resampledMedian(values: readonly number[], random: Random): number {
  const draw = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) {
    draw[index] = values[Math.floor(random() * values.length)] as number;
  }
  return middleOf(draw.sort());
}

/** The `fraction` quantile of ascending values, interpolated linearly. */
function quantileOfSorted(sorted: ArrayLike<number>, fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below] as number;
  return low + ((sorted[above] as number) - low) * (position - below);
}

/** The central CONFIDENCE range of `replicate()` over BOOTSTRAP_REPLICATES draws. */
function percentileRange(replicate: () => number): { low: number; high: number } {
  const replicates = new Float64Array(BOOTSTRAP_REPLICATES);
  for (let index = 0; index < replicates.length; index++) replicates[index] = replicate();
  replicates.sort();
  const tail = (1 - CONFIDENCE) / 2;
  return { low: quantileOfSorted(replicates, tail), high: quantileOfSorted(replicates, 1 - tail) };
}

/** P(X ≤ k) for X ~ Binomial(n, ½). */
function binomialHalfCdf(n: number, k: number): number {
  let term = 0.5 ** n;
  let sum = 0;
  for (let index = 0; index <= k; index++) {
    sum += term;
    term = (term * (n - index)) / (index + 1);
  }
  return sum;
}

/**
 * The distribution-free interval of a median from order statistics (the sign test): the narrowest
 * [x₍k₎, x₍n−k+1₎] whose confidence reaches CONFIDENCE. Below 6 values no such pair exists, and the interval is
 * the whole range, whose confidence (1 − 2^(1−n): 94 % for 5) is given as it is, never rounded up.
 */
export function medianInterval(
  values: readonly number[],
): (Interval & { readonly confidence: number }) | null {
  if (values.length < 2) return null;
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let k = 1;
  while (k + 1 <= n / 2 && 1 - 2 * binomialHalfCdf(n, k) >= CONFIDENCE) k++;
  return {
    estimate: middleOf(sorted),
    low: sorted[k - 1] as number,
    high: sorted[n - k] as number,
    confidence: 1 - 2 * binomialHalfCdf(n, k - 1),
  };
}

/** Median of the per-round ratios reference ÷ variant, with its interval; null with fewer than two rounds. */
export function pairedRatioInterval(
  pairs: readonly { readonly referenceMs: number; readonly variantMs: number }[],
): (Interval & { readonly confidence: number }) | null {
  return medianInterval(
    pairs
      .filter((pair) => pair.referenceMs > 0 && pair.variantMs > 0)
      .map((pair) => pair.referenceMs / pair.variantMs),
  );
}

/** The 0.975 quantiles (two-sided 95 %) of Student's t for 1..30 degrees of freedom; beyond 30 the normal's 1.96. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

function studentT975(degreesOfFreedom: number): number {
  return T_975[degreesOfFreedom - 1] ?? 1.96;
}

/** Runs a baseline needs before its history tells the run-to-run noise (two successive differences). */
export const MIN_HISTORY_FOR_NOISE = 3;

/**
 * How much two runs of the same build differ, from the medians of successive baseline runs (newest first):
 * the root mean square of successive log differences. A real change between those runs only widens it.
 * Null with fewer than MIN_HISTORY_FOR_NOISE runs.
 */
export function runToRunSpread(runMediansMs: readonly number[]): { logSpread: number; runs: number } | null {
  const positive = runMediansMs.filter((value) => value > 0);
  if (positive.length < MIN_HISTORY_FOR_NOISE) return null;
  let sumOfSquares = 0;
  for (let index = 1; index < positive.length; index++) {
    const difference = Math.log(positive[index - 1] as number) - Math.log(positive[index] as number);
    sumOfSquares += difference * difference;
  }
  return { logSpread: Math.sqrt(sumOfSquares / (positive.length - 1)), runs: positive.length };
}

export interface RelativeChange {
  /** current median ÷ baseline median − 1: 0.1 is 10 % slower. */
  readonly change: number;
  /** 95 % interval of the change; null when a side has one sample and the baseline has no history. */
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** Which noise made the interval: this run's and the baseline's samples, or the baseline's run history. */
  readonly widthFrom: 'samples' | 'history' | null;
}

/**
 * The relative change of the median from the baseline's samples to the current ones, on the log scale.
 * The interval is the wider, on each side, of two: the bootstrap of both sample sets (noise within a run),
 * and Student's t times the run-to-run spread of the baseline's history (noise between runs and machines).
 * Both sample sets must be non-empty.
 */
export function relativeChangeInterval(
  currentMs: readonly number[],
  baselineMs: readonly number[],
  history: { logSpread: number; runs: number } | null,
  seed: number,
): RelativeChange {
  const current = currentMs.filter((value) => value > 0);
  const baseline = baselineMs.filter((value) => value > 0);
  const logChange = Math.log(median(current)) - Math.log(median(baseline));
  const change = Math.expm1(logChange);
  const historyHalfWidth = history === null ? null : studentT975(history.runs - 1) * history.logSpread;
  if (current.length < 2 || baseline.length < 2) {
    // One sample has no spread of its own; only the history can tell how far a run may stray.
    if (historyHalfWidth === null) return { change, interval: null, widthFrom: null };
    return {
      change,
      interval: {
        low: Math.expm1(logChange - historyHalfWidth),
        high: Math.expm1(logChange + historyHalfWidth),
      },
      widthFrom: 'history',
    };
  }
  const random = createRandom(seed);
  const range = percentileRange(
    () => Math.log(resampledMedian(current, random)) - Math.log(resampledMedian(baseline, random)),
  );
  let below = Math.max(0, logChange - range.low);
  let above = Math.max(0, range.high - logChange);
  let widthFrom: 'samples' | 'history' = 'samples';
  if (historyHalfWidth !== null) {
    if (historyHalfWidth > Math.max(below, above)) widthFrom = 'history';
    below = Math.max(below, historyHalfWidth);
    above = Math.max(above, historyHalfWidth);
  }
  return {
    change,
    interval: { low: Math.expm1(logChange - below), high: Math.expm1(logChange + above) },
    widthFrom,
  };
}

export interface PairedChange {
  /** exp(mean of per-pair log ratios) − 1: 0.1 is 10 % slower than the base. */
  readonly change: number;
  /** 95 % interval (Student's t on the mean log ratio); null under two pairs. */
  readonly interval: { readonly low: number; readonly high: number } | null;
  readonly pairs: number;
}

/**
 * Head against base, pair by pair: builds of one round ran next to each other on one machine, so the noise
 * between runs cancels in each ratio, and what is left is the noise within a run. The mean of the log ratios
 * and its t interval: pairs are few (the default `runs` is 5), and order statistics of 5 cannot reach 95 %.
 */
export function pairedChangeInterval(pairs: readonly (readonly [number, number])[]): PairedChange {
  const logRatios = pairs
    .filter(([current, base]) => current > 0 && base > 0)
    .map(([current, base]) => Math.log(current) - Math.log(base));
  const count = logRatios.length;
  const mean = logRatios.reduce((sum, value) => sum + value, 0) / Math.max(1, count);
  if (count < 2) return { change: Math.expm1(mean), interval: null, pairs: count };
  const variance = logRatios.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1);
  const halfWidth = studentT975(count - 1) * Math.sqrt(variance / count);
  return {
    change: Math.expm1(mean),
    interval: { low: Math.expm1(mean - halfWidth), high: Math.expm1(mean + halfWidth) },
    pairs: count,
  };
}
