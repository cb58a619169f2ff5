/** What a comparison with the baseline found: data only, rendered by report/ and acted on by the gate. */
import type { Scenario, Threshold, Variant } from '../config/config.js';
import type { AnalysisComparison } from './compare-analysis.js';

export type Verdict = 'pass' | 'regression' | 'inconclusive';

/**
 * Why a scenario got its verdict: `within` the threshold; `regressed` beyond it with confidence; `no-interval`
 * (beyond it, but too few samples for an interval); `uncertain` (beyond it, but the interval reaches back over
 * it); `unknown-noise` (beyond it with confidence from the samples, but the baseline has too few runs to know how
 * much two runs differ); `cross-machine` (a regression
 * measured against another machine); `no-baseline`, `not-in-baseline`, `not-measured` (nothing to compare);
 * `base-failed` (the pull request's base did not build, so nothing tells whether the head is slower);
 * `not-for-base` (`compare-to: base`, and the scenario is not one of `base-scenarios`).
 */
export type VerdictReason =
  | 'within'
  | 'regressed'
  | 'no-interval'
  | 'uncertain'
  | 'unknown-noise'
  | 'cross-machine'
  | 'no-baseline'
  | 'not-in-baseline'
  | 'not-measured'
  | 'base-failed'
  | 'not-for-base';

export interface ScenarioComparison {
  readonly scenario: Scenario;
  readonly variant: Variant;
  readonly currentMedianMs: number | null;
  readonly baselineMedianMs: number | null;
  /** current ÷ baseline median − 1 (0.1 = 10 % slower); null when either side is missing. */
  readonly change: number | null;
  /** 95 % interval of the change; null when the data give no spread. */
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** Whether the interval's width came from the samples of the two runs or from the baseline's history. */
  readonly widthFrom: 'samples' | 'history' | 'pairs' | null;
  readonly threshold: Threshold;
  /** The threshold as a relative change against the baseline median; null without a baseline. */
  readonly limit: number | null;
  /** Typical change between two baseline runs (relative), from its history; null under three runs. */
  readonly runToRunNoise: number | null;
  /** Baseline results that measured this scenario (the history the noise comes from); for a base: the pairs. */
  readonly baselineRuns: number;
  readonly verdict: Verdict;
  readonly reason: VerdictReason;
}

/** How the baseline's machine differs from this run's (CPU model, cores, toolchain). */
export interface MachineDifference {
  readonly what: 'CPU' | 'cores' | 'toolchain';
  readonly baseline: string;
  readonly current: string;
}

export interface BaselineInfo {
  /** `cache`: an earlier run's results from the Actions cache; `base`: the pull request's base, built in this run. */
  readonly kind: 'cache' | 'base';
  readonly commit: string | null;
  readonly ref: string | null;
  readonly createdAt: string;
  /** Age of the newest baseline result when compared, in milliseconds. */
  readonly ageMs: number;
  readonly historyRuns: number;
  readonly machineDifferences: readonly MachineDifference[];
}

export interface Comparison {
  /** Null: no baseline was found (or it could not be read); the gate passes. */
  readonly baseline: BaselineInfo | null;
  readonly scenarios: readonly ScenarioComparison[];
  /** The worst verdict over the scenarios and the IR lines: regression, then inconclusive, then pass. */
  readonly verdict: Verdict;
  readonly allowCrossMachine: boolean;
  /** IR lines and crates against the baseline's; absent or null when this run has no analysis. */
  readonly analysis?: AnalysisComparison | null;
}
