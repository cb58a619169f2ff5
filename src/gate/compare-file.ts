/**
 * Compares a run with one earlier run's results file (a developer's before and after, on one machine). One
 * earlier run says nothing about how much runs differ: the interval holds the noise within the two runs plus an
 * assumed ±7 % between runs (ASSUMED_BETWEEN_RUNS), so a large change is decisive and the drift between runs is not.
 * As against the history, a change whose interval reaches zero could not be told from that noise: inconclusive.
 */
import type { GateConfig, Scenario, Variant } from '../config/config.js';
import type { Results } from '../results/results.js';
import { relativeInterval, twoRunChange } from '../stats/changes.js';
import { SEQUENTIAL_CONFIDENCE } from '../stats/looks.js';
import type { BaselineInfo, Comparison, ScenarioComparison } from './comparison.js';
import { machineDifferences, noComparison } from './compare.js';
import { medianOf, successfulWallMs } from '../results/queries.js';
import { ASSUMED_BETWEEN_RUNS } from '../stats/between-runs.js';
import { gatedVariant } from '../variants/gated-variant.js';
import { relativeLimit } from '../config/threshold.js';
import { decideChange, worstOf } from './verdict.js';

function compareScenario(
  scenario: Scenario,
  variant: Variant,
  current: Results,
  earlier: Results,
  gate: GateConfig,
  otherMachine: boolean,
): ScenarioComparison {
  const threshold = gate.thresholds[scenario];
  const currentMedianMs = medianOf(current, scenario, variant);
  const earlierMedianMs = medianOf(earlier, scenario, variant);
  const empty = noComparison(scenario, variant, threshold, currentMedianMs, earlierMedianMs, current);
  const own = successfulWallMs(current, scenario, variant).map(Math.log);
  const before = successfulWallMs(earlier, scenario, variant).map(Math.log);
  if (currentMedianMs === null || own.length === 0) return { ...empty, reason: 'not-measured' };
  if (earlierMedianMs === null || before.length === 0) return { ...empty, reason: 'not-in-baseline' };
  // As against the history, the rounds never looked at the change (they stop on this run's own noise), so the
  // interval keeps the whole 5 % error.
  // Each run strays from the machine's usual speed by ASSUMED_BETWEEN_RUNS: their difference, by √2 times it.
  const change = twoRunChange(own, before, SEQUENTIAL_CONFIDENCE, ASSUMED_BETWEEN_RUNS * Math.SQRT2);
  const interval = change.interval;
  const limit = relativeLimit(threshold, earlierMedianMs);
  return {
    ...empty,
    change: Math.expm1(change.estimate),
    interval: relativeInterval(interval),
    widthFrom: interval === null ? null : 'samples',
    limit,
    baselineRuns: 1,
    ...decideChange(change, limit, otherMachine ? 'cross-machine' : null, true),
  };
}

export function compareWithFile(
  current: Results,
  earlier: Results,
  file: string,
  gate: GateConfig,
  now: Date,
): Comparison {
  const variant = gatedVariant(current);
  const differences = machineDifferences(earlier.environment, current.environment);
  const otherMachine = differences.length > 0 && !gate.allowCrossMachine;
  const info: BaselineInfo = {
    kind: 'file',
    commit: earlier.environment.commit,
    ref: earlier.environment.ref,
    createdAt: earlier.createdAt,
    ageMs: Math.max(0, now.getTime() - Date.parse(earlier.createdAt)),
    historyRuns: 1,
    machineDifferences: differences,
    history: null,
    file,
  };
  const scenarios =
    variant === null
      ? []
      : current.plan.scenarios.map((scenario) =>
          compareScenario(scenario, variant, current, earlier, gate, otherMachine),
        );
  return {
    baseline: info,
    scenarios,
    verdict: worstOf(scenarios.map((item) => item.verdict)),
    allowCrossMachine: gate.allowCrossMachine,
  };
}
