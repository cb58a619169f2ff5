/**
 * The change of a build time and its interval, on the log scale (0.0953 = 10 % slower), for the three ways
 * build-bench compares: builds paired round by round (head and base, a variant and `default`), a run against the
 * history of earlier runs (the cached baseline), and a run against one earlier run (a results file).
 */
import { type LogInterval, tInterval, trimmedMean, twoSampleInterval } from './trimmed.js';

export interface Change {
  /** Estimated change on the log scale. */
  readonly estimate: number;
  /** Null when the data give no spread (one round, one sample). */
  readonly interval: LogInterval | null;
}

/** A change's interval as relative changes (0.1 = 10 % slower); null stays null. */
export function relativeInterval(
  interval: LogInterval | null,
): { readonly low: number; readonly high: number } | null {
  return interval && { low: Math.expm1(interval.low), high: Math.expm1(interval.high) };
}

/** Per-round log ratios (this side ÷ the other): their trimmed mean and t interval at `level`. */
export function pairedChange(logRatios: readonly number[], level: number): Change {
  if (logRatios.length === 0) throw new RangeError('No pairs to compare');
  const trimmed = trimmedMean(logRatios);
  return {
    estimate: trimmed.mean,
    interval: tInterval(trimmed.mean, trimmed.standardError, trimmed.degreesOfFreedom, level),
  };
}

/**
 * One run's location: the median of its log build times (in a history, a run's location must resist a build that
 * took 75 % longer even among 3 or 5 samples, where a trimmed mean trims nothing), and that median's squared
 * standard error, (π/2)·σ²/n with σ from the median absolute deviation.
 */
export interface RunLocation {
  readonly mean: number;
  /** Squared standard error of `mean` from the run's own samples; NaN with one sample. */
  readonly variance: number;
  readonly samples: number;
}

export function locateRun(logTimes: readonly number[]): RunLocation {
  if (logTimes.length === 0) throw new RangeError('A run without samples has no location');
  const centre = median(logTimes);
  const n = logTimes.length;
  if (n < 2) return { mean: centre, variance: Number.NaN, samples: n };
  const sigma = 1.4826 * median(logTimes.map((value) => Math.abs(value - centre)));
  return { mean: centre, variance: ((Math.PI / 2) * sigma * sigma) / n, samples: n };
}

/** An earlier run this far from the others' median (in robust standard deviations) is left out of the centre. */
const OUTLYING_RUN = 5;
/** Runs a history needs before its spread tells how much two runs differ. */
export const MIN_RUNS_FOR_NOISE = 3;

export interface HistoryChange extends Change {
  /** How much runs differ beyond their own samples' noise: the standard deviation between runs (log scale). */
  readonly betweenRuns: number | null;
  /** The history's runs that made the centre, and those left out as outlying (indexes into the history). */
  readonly used: readonly number[];
  readonly outlying: readonly number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs far from the median of the others (Hampel's rule on the median absolute deviation). */
function findOutlyingRuns(means: readonly number[]): Set<number> {
  const center = median(means);
  const spread = 1.4826 * median(means.map((value) => Math.abs(value - center)));
  if (!(spread > 0)) return new Set();
  return new Set(
    means.flatMap((value, index) => (Math.abs(value - center) > OUTLYING_RUN * spread ? [index] : [])),
  );
}

/**
 * This run against the centre of earlier runs of the same build on the same kind of machine: the prediction
 * interval of a new run, d ± t·√(s²_between + v_current + s²/h), where s² is the variance of the history's run
 * locations, s²_between what is left of it after each run's own noise, and h the runs used. Outlying runs (a
 * noisy neighbour, a cold cache) are left out of the centre. Null interval under MIN_RUNS_FOR_NOISE runs.
 */
export function historyChange(
  current: RunLocation,
  history: readonly RunLocation[],
  level: number,
): HistoryChange {
  const outlying =
    history.length >= MIN_RUNS_FOR_NOISE + 1
      ? findOutlyingRuns(history.map((run) => run.mean))
      : new Set<number>();
  const used = history.flatMap((_, index) => (outlying.has(index) ? [] : [index]));
  const runs = used.map((index) => history[index]!);
  const centre = runs.reduce((sum, run) => sum + run.mean, 0) / runs.length;
  const estimate = current.mean - centre;
  const base = { estimate, used, outlying: [...outlying] };
  if (runs.length < MIN_RUNS_FOR_NOISE) return { ...base, interval: null, betweenRuns: null };
  const variance = runs.reduce((sum, run) => sum + (run.mean - centre) ** 2, 0) / (runs.length - 1);
  // Each run's own noise per sample, pooled: a run of n samples adds about perSample / n to its location's variance.
  const measured = runs.filter((run) => Number.isFinite(run.variance) && run.samples > 1);
  const perSample =
    measured.length === 0
      ? 0
      : measured.reduce((sum, run) => sum + run.variance * run.samples, 0) / measured.length;
  const historyOwn = runs.reduce((sum, run) => sum + perSample / run.samples, 0) / runs.length;
  const between = Math.max(0, variance - historyOwn);
  // This run's own noise comes from this run (a loaded runner is noisier than the history's), never below what
  // its few builds would show on the history's machines.
  const pooledOwn = perSample / current.samples;
  const currentOwn = Number.isFinite(current.variance) ? Math.max(current.variance, pooledOwn) : pooledOwn;
  const centreVariance = variance / runs.length;
  const standardError = Math.sqrt(between + currentOwn + centreVariance);
  // This run averages only its own few builds, so its share of the error is far from normal when they are few:
  // Welch–Satterthwaite counts it with n − 1 degrees of freedom.
  const parts = [
    [between, runs.length - 1],
    [currentOwn, Math.max(1, current.samples - 1)],
    [centreVariance, runs.length - 1],
  ] as const;
  const df =
    standardError === 0
      ? runs.length - 1
      : standardError ** 4 / parts.reduce((sum, [part, freedom]) => sum + part ** 2 / freedom, 0);
  return {
    ...base,
    interval: tInterval(estimate, standardError, Math.min(runs.length - 1, df), level),
    betweenRuns: Math.sqrt(between),
  };
}

/**
 * This run against one earlier run: Yuen's interval on their samples, widened by `betweenRuns` (a standard
 * deviation on the log scale): how much two runs may differ beyond their builds' noise, which one earlier run
 * cannot tell, so the caller says what it assumes.
 */
export function twoRunChange(
  currentLogTimes: readonly number[],
  earlierLogTimes: readonly number[],
  level: number,
  betweenRuns = 0,
): Change {
  const estimate = trimmedMean(currentLogTimes).mean - trimmedMean(earlierLogTimes).mean;
  return { estimate, interval: twoSampleInterval(currentLogTimes, earlierLogTimes, level, betweenRuns ** 2) };
}
