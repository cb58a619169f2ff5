/** Turns samples into per scenario × variant summaries and variant-vs-default speedups. */
import type { Scenario, Variant } from '../config/config.js';
import type { Sample, Speedup, Summary } from '../results/results.js';
import { claimDifference } from './decisions.js';
import { looksOf, pairedChangeOverLooks, type RoundBounds } from './sequential.js';
import type { Change } from './changes.js';
import type { Look } from './looks.js';
import { SEQUENTIAL_CONFIDENCE } from './looks.js';
import { maxOf, median, medianAbsoluteDeviation, minOf } from './robust.js';

/** Only builds that succeeded are measurements; a failed build's time says nothing about the linker. */
function isSuccessful(sample: Sample): boolean {
  return sample.exitCode === 0;
}

/** Median over the values that were measured; null when none were. */
function medianOfMeasured(values: readonly (number | null)[]): number | null {
  const measured = values.filter((value): value is number => value !== null);
  return measured.length === 0 ? null : median(measured);
}

function summarizeOne(scenario: Scenario, variant: Variant, samples: readonly Sample[]): Summary {
  const wallMs = samples.map((sample) => sample.wallMs);
  const medianMs = median(wallMs);
  const medianLinkMs = medianOfMeasured(samples.map((sample) => sample.linkMs));
  return {
    scenario,
    variant,
    n: samples.length,
    medianMs,
    minMs: minOf(wallMs),
    maxMs: maxOf(wallMs),
    madMs: medianAbsoluteDeviation(wallMs),
    medianCpuMs: medianOfMeasured(samples.map((sample) => sample.cpuMs)),
    medianPeakRssKb: medianOfMeasured(samples.map((sample) => sample.peakRssKb)),
    medianLinkMs,
    linkShare: medianLinkMs === null || medianMs <= 0 ? null : medianLinkMs / medianMs,
  };
}

/**
 * One Summary per scenario × variant with at least one successful sample, in the order of
 * `scenarios`, then `variants`. Failed samples (exit code ≠ 0) are left out.
 */
export function summarizeSamples(
  samples: readonly Sample[],
  scenarios: readonly Scenario[],
  variants: readonly Variant[],
): Summary[] {
  const successful = samples.filter(isSuccessful);
  const summaries: Summary[] = [];
  for (const scenario of scenarios) {
    for (const variant of variants) {
      const own = successful.filter((sample) => sample.scenario === scenario && sample.variant === variant);
      if (own.length > 0) summaries.push(summarizeOne(scenario, variant, own));
    }
  }
  return summaries;
}

/** Wall time by round of one scenario × variant's successful samples; the earliest build wins a round. */
function wallMsByRound(
  samples: readonly Sample[],
  scenario: Scenario,
  variant: Variant,
): Map<number, number> {
  const byRound = new Map<number, number>();
  const own = samples
    .filter((sample) => isSuccessful(sample) && sample.scenario === scenario && sample.variant === variant)
    .sort((a, b) => a.sequence - b.sequence);
  for (const sample of own) {
    if (!byRound.has(sample.round)) byRound.set(sample.round, sample.wallMs);
  }
  return byRound;
}

/** How a variant's paired interval is read: the rounds' bounds (for the look's confidence) and the margin. */
export interface SpeedupRules {
  /** The fewest and most rounds of the scenario. */
  readonly bounds: (scenario: Scenario) => RoundBounds;
  /** The looks the rounds loop took in the scenario; null: none recorded (the schedule of `bounds` is read). */
  readonly looks?: (scenario: Scenario) => readonly Look[] | null;
  /** Relative change within which two variants count as similar (the scenario's threshold against `default`). */
  readonly margin: (scenario: Scenario, defaultMedianMs: number) => number;
}

/** Per round where both built: log(variant ÷ default), in round order. */
export function variantLogRatios(samples: readonly Sample[], scenario: Scenario, variant: Variant): number[] {
  const defaultByRound = wallMsByRound(samples, scenario, 'default');
  const variantByRound = wallMsByRound(samples, scenario, variant);
  const logRatios: number[] = [];
  for (const [round, referenceMs] of defaultByRound) {
    const variantMs = variantByRound.get(round);
    if (variantMs !== undefined && variantMs > 0 && referenceMs > 0)
      logRatios.push(Math.log(variantMs / referenceMs));
  }
  return logRatios;
}

/**
 * The variant's change against `default` with the error of every look shared among `choices` variants (the
 * union bound): the interval of the fastest of several stays a 95 % claim once it is the one picked. Null
 * without two paired rounds.
 */
export function chosenVariantChange(
  samples: readonly Sample[],
  scenario: Scenario,
  variant: Variant,
  rules: SpeedupRules,
  choices: number,
): Change | null {
  const logRatios = variantLogRatios(samples, scenario, variant);
  if (logRatios.length < 2) return null;
  const looks = looksOf(logRatios.length, rules.bounds(scenario), rules.looks?.(scenario) ?? null);
  const shared = looks.map((look) => ({
    rounds: look.rounds,
    level: 1 - (1 - look.level) / Math.max(1, choices),
  }));
  return pairedChangeOverLooks(logRatios, rules.bounds(scenario), shared);
}

/** default ÷ variant over rounds where both built successfully: exp of the trimmed mean log ratio, with its interval. */
function pairedSpeedupOf(
  samples: readonly Sample[],
  scenario: Scenario,
  variant: Variant,
  rules: SpeedupRules,
  defaultMedianMs: number,
): Pick<Speedup, 'pairedSpeedup' | 'pairedInterval' | 'claim' | 'rounds'> {
  const logRatios = variantLogRatios(samples, scenario, variant);
  if (logRatios.length === 0) return { pairedSpeedup: null, pairedInterval: null, claim: null, rounds: 0 };
  const change = pairedChangeOverLooks(logRatios, rules.bounds(scenario), rules.looks?.(scenario) ?? null);
  const interval = change.interval;
  return {
    pairedSpeedup: Math.exp(-change.estimate),
    // The speedup's low end is the variant's slowest plausible change, and the other way round.
    pairedInterval: interval && {
      low: Math.exp(-interval.high),
      high: Math.exp(-interval.low),
      confidence: SEQUENTIAL_CONFIDENCE,
    },
    claim: claimDifference(change, rules.margin(scenario, defaultMedianMs)),
    rounds: logRatios.length,
  };
}

/**
 * Every non-default variant against `default` in the same scenario, in the order of `summaries`.
 * A variant without a `default` summary in its scenario (or with a zero median) has no speedup.
 */
export function computeSpeedups(
  samples: readonly Sample[],
  summaries: readonly Summary[],
  rules: SpeedupRules,
): Speedup[] {
  const speedups: Speedup[] = [];
  for (const summary of summaries) {
    if (summary.variant === 'default') continue;
    const reference = summaries.find(
      (candidate) => candidate.scenario === summary.scenario && candidate.variant === 'default',
    );
    if (reference === undefined || summary.medianMs <= 0) continue;
    speedups.push({
      scenario: summary.scenario,
      variant: summary.variant,
      speedup: reference.medianMs / summary.medianMs,
      ...pairedSpeedupOf(samples, summary.scenario, summary.variant, rules, reference.medianMs),
      savedMs: reference.medianMs - summary.medianMs,
    });
  }
  return speedups;
}
