/** Robust, distribution-free statistics over plain numbers. Inputs are never mutated. */

/** A statistic was asked of no values: there is nothing to summarize, and no number would be honest. */
export class EmptyInputError extends Error {
  constructor(statistic: string) {
    super(`Cannot compute the ${statistic} of no values`);
    this.name = 'EmptyInputError';
  }
}

/** A value was NaN or infinite: it would silently poison every order statistic. */
export class NonFiniteValueError extends Error {
  constructor(statistic: string, value: number) {
    super(`Cannot compute the ${statistic} of a non-finite value (${value})`);
    this.name = 'NonFiniteValueError';
  }
}

/** An ascending copy of the values; throws on empty or non-finite input. */
function sortedCopy(values: readonly number[], statistic: string): Float64Array {
  if (values.length === 0) throw new EmptyInputError(statistic);
  for (const value of values) {
    if (!Number.isFinite(value)) throw new NonFiniteValueError(statistic, value);
  }
  // A typed array sorts numerically (not as strings) and leaves the caller's array alone.
  return Float64Array.from(values).sort();
}

/** The middle value of an ascending array; the mean of the two middle values for even lengths. */
export function middleOf(sorted: Float64Array): number {
  const upper = sorted.length >> 1;
  const high = sorted[upper] as number;
  if (sorted.length % 2 === 1) return high;
  const low = sorted[upper - 1] as number;
  // low + (high - low) / 2 cannot overflow, unlike (low + high) / 2.
  return low + (high - low) / 2;
}

export function median(values: readonly number[]): number {
  return middleOf(sortedCopy(values, 'median'));
}

/** Median of the absolute deviations from the median (unscaled): 0 when at least half the values agree. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const center = middleOf(sortedCopy(values, 'median absolute deviation'));
  return middleOf(Float64Array.from(values, (value) => Math.abs(value - center)).sort());
}

export function minOf(values: readonly number[]): number {
  return extremeOf(values, 'minimum', (candidate, best) => candidate < best);
}

export function maxOf(values: readonly number[]): number {
  return extremeOf(values, 'maximum', (candidate, best) => candidate > best);
}

/** One pass, no spread: Math.min(...values) overflows the stack on very long arrays. */
function extremeOf(
  values: readonly number[],
  statistic: string,
  isBetter: (candidate: number, best: number) => boolean,
): number {
  let best: number | undefined;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new NonFiniteValueError(statistic, value);
    if (best === undefined || isBetter(value, best)) best = value;
  }
  if (best === undefined) throw new EmptyInputError(statistic);
  return best;
}
