/** Compares the head with the pull request's base built in the same run, pair by pair, under the gate's rules. */
import type { GateConfig, Scenario, Variant } from '../config/config.js';
import type { BuildFailure, Results } from '../results/results.js';
import { pairedChangeInterval } from '../stats/interval.js';
import type { BaselineInfo, Comparison, ScenarioComparison } from './comparison.js';
import { EPSILON, gatedVariant, noComparison, worstOf } from './compare.js';
import { relativeLimit } from './threshold.js';

/** The base as built in this run: its results (null when it failed before measuring anything) and its ref. */
export interface BaseRun {
  readonly commit: string;
  readonly ref: string | null;
  readonly results: Results | null;
  readonly failed: boolean;
  /** Why the base failed, with its command and output tail; null when it built. */
  readonly failure: BuildFailure | null;
}

/** Head and base wall times of one variant in one scenario, paired by round; rounds missing a side are left out. */
function pairByRound(head: Results, base: Results, scenario: Scenario, variant: Variant): [number, number][] {
  const ok = (results: Results) =>
    results.samples.filter(
      (sample) => sample.exitCode === 0 && sample.scenario === scenario && sample.variant === variant,
    );
  const baseByRound = new Map(ok(base).map((sample) => [sample.round, sample.wallMs]));
  return ok(head).flatMap((sample) => {
    const baseMs = baseByRound.get(sample.round);
    return baseMs === undefined ? [] : [[sample.wallMs, baseMs] as [number, number]];
  });
}

function medianOf(results: Results | null, scenario: Scenario, variant: Variant): number | null {
  const summary = results?.summaries.find((item) => item.scenario === scenario && item.variant === variant);
  return summary?.medianMs ?? null;
}

function compareScenario(
  scenario: Scenario,
  variant: Variant,
  head: Results,
  base: BaseRun,
  gate: GateConfig,
): ScenarioComparison {
  const threshold = gate.thresholds[scenario];
  const currentMedianMs = medianOf(head, scenario, variant);
  const baselineMedianMs = medianOf(base.results, scenario, variant);
  const empty = noComparison(scenario, variant, threshold, currentMedianMs, baselineMedianMs);
  if (currentMedianMs === null) return { ...empty, reason: 'not-measured' };
  const pairs = base.results === null ? [] : pairByRound(head, base.results, scenario, variant);
  if (pairs.length === 0) {
    if (base.failed) return { ...empty, verdict: 'inconclusive', reason: 'base-failed' };
    return { ...empty, reason: 'not-in-baseline' };
  }
  const measured = pairedChangeInterval(pairs);
  const limit = relativeLimit(threshold, baselineMedianMs ?? currentMedianMs);
  const beyond = measured.change > limit + EPSILON;
  const confident = measured.interval !== null && measured.interval.low > limit + EPSILON;
  const common = {
    ...empty,
    change: measured.change,
    interval: measured.interval,
    widthFrom: measured.interval === null ? null : ('pairs' as const),
    limit,
    baselineRuns: measured.pairs,
  };
  if (!beyond)
    return {
      ...common,
      verdict: base.failed ? 'inconclusive' : 'pass',
      reason: base.failed ? 'base-failed' : 'within',
    };
  if (!confident) return { ...common, verdict: 'inconclusive', reason: 'uncertain' };
  return { ...common, verdict: 'regression', reason: 'regressed' };
}

/**
 * Every scenario the head planned, for its gated variant: scenarios the base did not run are `not-in-baseline`
 * (pass); a base that failed to build leaves the scenarios it did not pair `inconclusive`.
 */
export function compareWithBase(head: Results, base: BaseRun, gate: GateConfig, now: Date): Comparison {
  const variant = gatedVariant(head);
  const info: BaselineInfo = {
    kind: 'base',
    commit: base.commit,
    ref: base.ref,
    createdAt: base.results?.createdAt ?? now.toISOString(),
    ageMs: 0,
    historyRuns: 0,
    machineDifferences: [],
  };
  const scenarios =
    variant === null
      ? []
      : head.plan.scenarios.map((scenario) => compareScenario(scenario, variant, head, base, gate));
  return {
    baseline: info,
    scenarios,
    verdict: worstOf(scenarios.map((item) => item.verdict)),
    allowCrossMachine: gate.allowCrossMachine,
  };
}
