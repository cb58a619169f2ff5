/**
 * The 10 % trimmed mean and its standard error (Tukey and McLaughlin; Yuen for two samples). A build now and then
 * takes 75 % longer than the rest: a plain mean and standard deviation swallow that, a median throws away most of
 * the data; the trimmed mean drops the outer tenth on each side and keeps Student's t for its interval. A tenth,
 * not a fifth: under ten values it trims nothing, so five rounds keep 4 degrees of freedom instead of 2 (t = 2.8,
 * not 4.3), which is what lets a gate whose budget allows few rounds see a slowdown; the simulations through the
 * round loop (test/gate/gate-decisions.test.ts) measured that, and the coverage tests hold either way.
 */
import { studentTQuantile } from './student-t.js';

/** Share trimmed from each end. */
export const TRIM = 0.1;

export interface TrimmedMean {
  readonly mean: number;
  /** Standard error of `mean`; 0 when all values agree; NaN with one value. */
  readonly standardError: number;
  /** Degrees of freedom of its t interval: values kept − 1. */
  readonly degreesOfFreedom: number;
  readonly n: number;
}

/** The trimmed mean of `values` (at least one finite value) with its Tukey–McLaughlin standard error. */
export function trimmedMean(values: readonly number[]): TrimmedMean {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const trim = Math.floor(TRIM * n);
  const kept = n - 2 * trim;
  let sum = 0;
  for (let index = trim; index < n - trim; index++) sum += sorted[index]!;
  const mean = sum / kept;
  if (n < 2) return { mean, standardError: Number.NaN, degreesOfFreedom: 0, n };
  const winsorized = (index: number): number => sorted[Math.min(n - trim - 1, Math.max(trim, index))]!;
  let winsorizedSum = 0;
  for (let index = 0; index < n; index++) winsorizedSum += winsorized(index);
  const winsorizedMean = winsorizedSum / n;
  let squares = 0;
  for (let index = 0; index < n; index++) squares += (winsorized(index) - winsorizedMean) ** 2;
  const winsorizedVariance = squares / (n - 1);
  return {
    mean,
    standardError: Math.sqrt(((n - 1) * winsorizedVariance) / (kept * (kept - 1))),
    degreesOfFreedom: kept - 1,
    n,
  };
}

export interface LogInterval {
  /** Estimated change on the log scale: 0.0953 is 10 % slower. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  /** Two-sided confidence of this interval on its own (below the printed level when the error is split). */
  readonly level: number;
}

/** The two-sided `level` t interval around `estimate`; null without a usable standard error. */
export function tInterval(
  estimate: number,
  standardError: number,
  degreesOfFreedom: number,
  level: number,
): LogInterval | null {
  if (!(degreesOfFreedom >= 1) || !Number.isFinite(standardError)) return null;
  const half =
    standardError === 0 ? 0 : studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom) * standardError;
  return { estimate, low: estimate - half, high: estimate + half, level };
}

/**
 * Yuen's interval for the difference of the trimmed means of two independent samples (a run against an earlier
 * run), with Welch's degrees of freedom; `knownVariance` (taken as known, no degrees of freedom) widens it.
 */
export function twoSampleInterval(
  current: readonly number[],
  earlier: readonly number[],
  level: number,
  knownVariance = 0,
): LogInterval | null {
  const a = trimmedMean(current);
  const b = trimmedMean(earlier);
  if (a.n < 2 || b.n < 2) return null;
  const va = a.standardError ** 2;
  const vb = b.standardError ** 2;
  const se = Math.sqrt(va + vb + knownVariance);
  const sampled = va ** 2 / a.degreesOfFreedom + vb ** 2 / b.degreesOfFreedom;
  const df = se === 0 || sampled === 0 ? 1000 : se ** 4 / sampled;
  return tInterval(a.mean - b.mean, se, Math.max(1, df), level);
}
