/** Compares the head with the pull request's base built in the same run, pair by pair, under the gate's rules. */
import type { GateConfig, Scenario, Variant } from '../config/config.js';
import type { BaseCost, BuildFailure, Results } from '../results/results.js';
import { relativeInterval } from '../stats/changes.js';
import { decideAgainstLimit } from '../stats/decisions.js';
import { pairedChangeAtDecision, roundBoundsOf } from '../stats/sequential.js';
import type { BaselineInfo, Comparison, ScenarioComparison } from './comparison.js';
import { noComparison } from './compare.js';
import { medianOf } from '../results/queries.js';
import { gatedVariant } from '../variants/gated-variant.js';
import { relativeLimit } from '../config/threshold.js';
import { decideChange, worstOf } from './verdict.js';

/** The base as built in this run: its results (the scenarios it planned, the samples it got) and its ref. */
export interface BaseRun {
  readonly commit: string;
  readonly ref: string | null;
  readonly results: Results;
  /** Why the base stopped building, with its command and output tail; null when it built. */
  readonly failure: BuildFailure | null;
  /** What building it added to the run; null when it was not built (absent: not known). */
  readonly cost?: BaseCost | null;
}

/** Head and base wall times of one variant in one scenario, paired by round; rounds missing a side are left out. */
export function pairByRound(
  head: Results,
  base: Results,
  scenario: Scenario,
  variant: Variant,
): [number, number][] {
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
  const empty = noComparison(scenario, variant, threshold, currentMedianMs, baselineMedianMs, head);
  if (currentMedianMs === null) return { ...empty, reason: 'not-measured' };
  if (!base.results.plan.scenarios.includes(scenario)) return { ...empty, reason: 'not-for-base' };
  const pairs = pairByRound(head, base.results, scenario, variant);
  if (pairs.length === 0) {
    if (base.failure !== null) return { ...empty, verdict: 'inconclusive', reason: 'base-failed' };
    return { ...empty, reason: 'not-in-baseline' };
  }
  const limit = relativeLimit(threshold, baselineMedianMs ?? currentMedianMs);
  const change = pairedChangeAtDecision(
    pairs.map(([headMs, baseMs]) => Math.log(headMs / baseMs)),
    roundBoundsOf(head.plan, scenario),
    (look) => decideAgainstLimit(look, limit),
    head.rounds.find((record) => record.scenario === scenario)?.looks ?? null,
  );
  const interval = change.interval;
  return {
    ...empty,
    change: Math.expm1(change.estimate),
    interval: relativeInterval(interval),
    widthFrom: interval === null ? null : 'pairs',
    limit,
    baselineRuns: change.rounds,
    // Pairs carry their own noise, and both sides ran on this runner.
    ...decideChange(change, limit),
  };
}

/**
 * Every scenario the head planned, for its gated variant: scenarios outside `base-scenarios` are `not-for-base`
 * (pass); the pairs a base built before it failed still count, and a scenario without any is `inconclusive`.
 */
export function compareWithBase(head: Results, base: BaseRun, gate: GateConfig): Comparison {
  const variant = gatedVariant(head);
  const info: BaselineInfo = {
    kind: 'base',
    commit: base.commit,
    ref: base.ref,
    createdAt: base.results.createdAt,
    ageMs: 0,
    historyRuns: 0,
    machineDifferences: [],
    history: null,
    baseCost: base.cost ?? null,
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

/**
 * `compare-to: auto`: the scenarios the base does not build (`base-scenarios`; clean builds by default) are
 * compared with the cached baseline instead, and marked so; the verdict is the worst over all of them.
 */
export function withCacheForUnbuilt(withBase: Comparison, withCache: Comparison): Comparison {
  if (withCache.baseline === null) return withBase;
  let used = false;
  const scenarios = withBase.scenarios.map((item): ScenarioComparison => {
    if (item.reason !== 'not-for-base') return item;
    const cached = withCache.scenarios.find(
      (other) => other.scenario === item.scenario && other.variant === item.variant,
    );
    if (cached === undefined) return item;
    used = true;
    return { ...cached, against: 'cache' };
  });
  if (!used) return withBase;
  return {
    ...withBase,
    scenarios,
    cacheBaseline: withCache.baseline,
    verdict: worstOf(scenarios.map((item) => item.verdict)),
  };
}
