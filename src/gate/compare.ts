/** Compares a run with its baseline scenario by scenario, and decides each verdict against its threshold. */
import type { GateConfig, Scenario, Variant } from '../config/config.js';
import type { Baseline } from '../baseline/baseline.js';
import type { Environment, Results } from '../results/results.js';
import { relativeChangeInterval, runToRunSpread } from '../stats/interval.js';
import { seedFrom } from '../stats/random.js';
import type {
  BaselineInfo,
  Comparison,
  MachineDifference,
  ScenarioComparison,
  Verdict,
} from './comparison.js';
import { relativeLimit } from './threshold.js';

/** Rounding slack: a change equal to the threshold up to float error is not beyond it. */
export const EPSILON = 1e-9;

/** The variant the gate watches: the project's own linker (`default`) when measured, else the first one. */
export function chooseGatedVariant(variants: readonly Variant[]): Variant | null {
  return variants.includes('default') ? 'default' : (variants[0] ?? null);
}

export function gatedVariant(results: Results): Variant | null {
  return chooseGatedVariant(results.plan.variants);
}

function successfulWallMs(results: Results, scenario: Scenario, variant: Variant): number[] {
  return results.samples
    .filter((sample) => sample.exitCode === 0 && sample.scenario === scenario && sample.variant === variant)
    .map((sample) => sample.wallMs);
}

export function medianOf(results: Results, scenario: Scenario, variant: Variant): number | null {
  return (
    results.summaries.find((item) => item.scenario === scenario && item.variant === variant)?.medianMs ?? null
  );
}

function machineDifferences(baseline: Environment, current: Environment): MachineDifference[] {
  const differences: MachineDifference[] = [];
  if (baseline.cpuModel !== current.cpuModel) {
    differences.push({ what: 'CPU', baseline: baseline.cpuModel, current: current.cpuModel });
  }
  if (baseline.cores !== current.cores) {
    differences.push({ what: 'cores', baseline: String(baseline.cores), current: String(current.cores) });
  }
  if ((baseline.rustc ?? '') !== (current.rustc ?? '')) {
    differences.push({
      what: 'toolchain',
      baseline: baseline.rustc ?? 'none',
      current: current.rustc ?? 'none',
    });
  }
  return differences;
}

export function worstOf(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('regression')) return 'regression';
  return verdicts.includes('inconclusive') ? 'inconclusive' : 'pass';
}

/** A scenario's comparison before anything is compared: a `pass`, its reason still to be told. */
export function noComparison(
  scenario: Scenario,
  variant: Variant,
  threshold: GateConfig['thresholds'][Scenario],
  currentMedianMs: number | null,
  baselineMedianMs: number | null,
) {
  return {
    scenario,
    variant,
    currentMedianMs,
    baselineMedianMs,
    change: null,
    interval: null,
    widthFrom: null,
    threshold,
    limit: null,
    runToRunNoise: null,
    baselineRuns: 0,
    verdict: 'pass',
  } as const;
}

function compareScenario(
  scenario: Scenario,
  variant: Variant,
  current: Results,
  baseline: Baseline | null,
  gate: GateConfig,
  crossMachine: boolean,
): ScenarioComparison {
  const threshold = gate.thresholds[scenario];
  const currentMedianMs = medianOf(current, scenario, variant);
  const newest = baseline?.history[0];
  const baselineMedianMs = newest ? medianOf(newest, scenario, variant) : null;
  const empty = noComparison(scenario, variant, threshold, currentMedianMs, baselineMedianMs);
  if (!newest) return { ...empty, reason: 'no-baseline' };
  if (currentMedianMs === null) return { ...empty, reason: 'not-measured' };
  if (baselineMedianMs === null) return { ...empty, reason: 'not-in-baseline' };
  const currentMs = successfulWallMs(current, scenario, variant);
  const baselineMs = successfulWallMs(newest, scenario, variant);
  // A summary without a successful sample behind it (a hand-edited file) counts as not measured.
  if (currentMs.length === 0) return { ...empty, reason: 'not-measured' };
  if (baselineMs.length === 0) return { ...empty, reason: 'not-in-baseline' };
  const runMediansMs = (baseline?.history ?? [])
    .map((entry) => medianOf(entry, scenario, variant))
    .filter((value): value is number => value !== null);
  const history = runToRunSpread(runMediansMs);
  const measured = relativeChangeInterval(
    currentMs,
    baselineMs,
    history,
    seedFrom(`${scenario}/${variant}/baseline`),
  );
  const limit = relativeLimit(threshold, baselineMedianMs);
  return {
    ...empty,
    change: measured.change,
    interval: measured.interval,
    widthFrom: measured.widthFrom,
    limit,
    runToRunNoise: history && Math.expm1(history.logSpread),
    baselineRuns: runMediansMs.length,
    ...decide(measured, limit, {
      noiseKnown: history !== null,
      otherMachine: crossMachine && !gate.allowCrossMachine,
    }),
  };
}

/**
 * A regression needs the change beyond the threshold `limit`, an interval wholly beyond it, a known run-to-run
 * noise (two runs differ by more than their own samples show), and a comparable machine.
 */
export function decide(
  measured: { readonly change: number; readonly interval: { readonly low: number } | null },
  limit: number,
  context: { readonly noiseKnown: boolean; readonly otherMachine: boolean },
): Pick<ScenarioComparison, 'verdict' | 'reason'> {
  if (measured.change <= limit + EPSILON) return { verdict: 'pass', reason: 'within' };
  if (measured.interval === null) return { verdict: 'inconclusive', reason: 'no-interval' };
  if (measured.interval.low <= limit + EPSILON) return { verdict: 'inconclusive', reason: 'uncertain' };
  if (!context.noiseKnown) return { verdict: 'inconclusive', reason: 'unknown-noise' };
  if (context.otherMachine) return { verdict: 'inconclusive', reason: 'cross-machine' };
  return { verdict: 'regression', reason: 'regressed' };
}

/** Every scenario the run planned, for its gated variant, against the newest baseline result. */
export function compareWithBaseline(
  current: Results,
  baseline: Baseline | null,
  gate: GateConfig,
  now: Date,
): Comparison {
  const variant = gatedVariant(current);
  const newest = baseline?.history[0];
  const differences = newest ? machineDifferences(newest.environment, current.environment) : [];
  const info: BaselineInfo | null = newest
    ? {
        kind: 'cache',
        commit: newest.environment.commit,
        ref: newest.environment.ref,
        createdAt: newest.createdAt,
        ageMs: Math.max(0, now.getTime() - Date.parse(newest.createdAt)),
        historyRuns: baseline?.history.length ?? 0,
        machineDifferences: differences,
      }
    : null;
  const scenarios =
    variant === null
      ? []
      : current.plan.scenarios.map((scenario) =>
          compareScenario(scenario, variant, current, baseline, gate, differences.length > 0),
        );
  return {
    baseline: info,
    scenarios,
    verdict: worstOf(scenarios.map((item) => item.verdict)),
    allowCrossMachine: gate.allowCrossMachine,
  };
}
