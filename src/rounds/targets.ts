/**
 * What the rounds of each scenario are compared with while they run: the cached baseline's history (how small
 * this run's own noise must get) and an earlier run's results file (its build times). Against either, the noise
 * between runs stays whatever the rounds; they narrow only this run's own.
 */
import type { Config, Scenario, Variant } from '../config/config.js';
import type { Baseline } from '../baseline/baseline.js';
import type { Environment, Results } from '../results/results.js';
import { successfulWallMs } from '../results/queries.js';
import { relativeLimit } from '../config/threshold.js';
import { locateRun, MIN_RUNS_FOR_NOISE } from '../stats/changes.js';

export interface RoundsTargets {
  readonly historyTarget: (scenario: Scenario) => number | null;
  readonly earlierLogTimes: (scenario: Scenario) => readonly number[] | null;
}

/**
 * Against the history, more rounds shrink only this run's own noise; they are worth adding until it is a ninth
 * of the noise between runs (the interval then is at most 5 % wider than with no noise of its own), or a sixth of
 * the threshold when runs hardly differ.
 */
const OWN_SHARE_OF_BETWEEN = 1 / 9;
const OWN_SHARE_OF_LIMIT = 1 / 6;

function logTimes(results: Results, scenario: Scenario, variant: Variant): number[] {
  return successfulWallMs(results, scenario, variant)
    .filter((value) => value > 0)
    .map(Math.log);
}

/** The largest own variance of this run's location worth stopping at; null without a history that tells the noise. */
export function historyRoundTarget(
  history: readonly Results[],
  scenario: Scenario,
  variant: Variant,
  threshold: Config['gate']['thresholds'][Scenario],
): number | null {
  const runs = history
    .map((entry) => logTimes(entry, scenario, variant))
    .filter((times) => times.length > 0)
    .map(locateRun);
  if (runs.length < MIN_RUNS_FOR_NOISE) return null;
  const mean = runs.reduce((sum, run) => sum + run.mean, 0) / runs.length;
  const variance = runs.reduce((sum, run) => sum + (run.mean - mean) ** 2, 0) / (runs.length - 1);
  const measured = runs.filter((run) => Number.isFinite(run.variance));
  const own =
    measured.length === 0 ? 0 : measured.reduce((sum, run) => sum + run.variance, 0) / measured.length;
  const between = Math.max(0, variance - own);
  return ownVarianceTarget(between, relativeLimit(threshold, Math.exp(mean)));
}

/**
 * The own variance of this run's location below which more rounds hardly narrow a comparison with other runs
 * whose noise between runs is `betweenVariance` (log scale), against the relative limit `limit`.
 */
export function ownVarianceTarget(betweenVariance: number, limit: number): number {
  return Math.max(betweenVariance * OWN_SHARE_OF_BETWEEN, (Math.log1p(limit) * OWN_SHARE_OF_LIMIT) ** 2);
}

/**
 * `againstCache`: whether a scenario is compared with the cached baseline: every one with `compare-to: cache`; with
 * `auto`, those the base does not build (every one when there is no base).
 */
export function createRoundsTargets(
  config: Config,
  variant: Variant,
  machine: Pick<Environment, 'cpuModel' | 'cores'>,
  baseline: Baseline | null,
  earlier: Results | null,
  againstCache: (scenario: Scenario) => boolean = () => config.compareTo === 'cache',
): RoundsTargets {
  const sameMachine = (entry: Results): boolean =>
    config.gate.allowCrossMachine ||
    (entry.environment.cpuModel === machine.cpuModel && entry.environment.cores === machine.cores);
  const history = baseline === null ? [] : baseline.history.filter(sameMachine);
  return {
    historyTarget: (scenario) =>
      againstCache(scenario)
        ? historyRoundTarget(history, scenario, variant, config.gate.thresholds[scenario])
        : null,
    earlierLogTimes: (scenario) => (earlier === null ? null : logTimes(earlier, scenario, variant)),
  };
}
