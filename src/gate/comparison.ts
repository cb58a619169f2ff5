/** What a comparison with the baseline found: data only, rendered by report/ and acted on by the gate. */
import type { CrateVersion } from '../analysis/analysis.js';
import type { Scenario, Threshold, Variant } from '../config/config.js';
import type { CrateComparison } from './compare-crates.js';
import type { BaseCost, RoundsRecord } from '../results/results.js';

/** `error`: the run's build or check failed, so nothing it shows can pass. */
export type Verdict = 'pass' | 'regression' | 'inconclusive' | 'error';

/**
 * Why a scenario got its verdict: `within` the threshold (the estimate is, and the interval rules out 1.5 times
 * it, or the rounds ran out with the estimate within); `noise` (against the cached history: beyond it, but the
 * interval reaches zero: no slowdown beyond the noise between runs, which more rounds cannot reduce); `regressed`
 * (the estimate is beyond the threshold and the
 * whole interval beyond half of it); `no-interval` (beyond it, but too few samples for an interval); `uncertain`
 * (beyond it, but the interval reaches below half of it); `unknown-noise` (beyond it, but the baseline has too
 * few runs from this machine to know how much two runs differ); `cross-machine` (beyond it, against runs of
 * another machine only); `no-baseline`, `not-in-baseline`, `not-measured` (nothing to compare); `base-failed`
 * (the pull request's base did not build, so nothing tells whether the head is slower); `not-for-base`
 * (`compare-to: base`, and the scenario is not one of `base-scenarios`); `run-failed` (this run's build or check
 * failed: nothing it measured may pass).
 */
export type VerdictReason =
  | 'within'
  | 'noise'
  | 'regressed'
  | 'no-interval'
  | 'uncertain'
  | 'unknown-noise'
  | 'cross-machine'
  | 'no-baseline'
  | 'not-in-baseline'
  | 'not-measured'
  | 'base-failed'
  | 'not-for-base'
  | 'run-failed';

export interface ScenarioComparison {
  readonly scenario: Scenario;
  readonly variant: Variant;
  readonly currentMedianMs: number | null;
  readonly baselineMedianMs: number | null;
  /** current ÷ baseline median − 1 (0.1 = 10 % slower); null when either side is missing. */
  readonly change: number | null;
  /** 95 % interval of the change (valid however many rounds ran); null when the data give no spread. */
  readonly interval: { readonly low: number; readonly high: number } | null;
  /**
   * What the interval's width holds: the noise of both runs' samples (one earlier run), the history's noise
   * between runs (the cached baseline), or the pairs' (the base built in this run).
   */
  readonly widthFrom: 'samples' | 'history' | 'pairs' | null;
  readonly threshold: Threshold;
  /** The threshold as a relative change against the baseline median; null without a baseline. */
  readonly limit: number | null;
  /** Typical change between two baseline runs (relative), from its history; null under three runs. */
  readonly runToRunNoise: number | null;
  /**
   * Baseline results that measured this scenario (the history the noise comes from); for a base: the pairs the
   * verdict rests on (those up to the look where it was decided).
   */
  readonly baselineRuns: number;
  /** How many rounds this run took for the scenario and why it stopped; null for results without it. */
  readonly rounds: RoundsRecord | null;
  readonly verdict: Verdict;
  readonly reason: VerdictReason;
  /**
   * `cache`: in a comparison with the base (`compare-to: auto`), this scenario was not built for the base and was
   * compared with the cached baseline (`Comparison.cacheBaseline`) instead. Absent: with the comparison's baseline.
   */
  readonly against?: 'cache';
}

/** Which earlier results a cached baseline's comparison used, and why others were left out. */
export interface HistoryUse {
  /** Results of the history compared with: same CPU model, cores and toolchain, not outlying. */
  readonly used: number;
  readonly total: number;
  /** Why the rest were left out, with how many each: `another CPU (AMD EPYC 9V74)`, `an outlying run`. */
  readonly leftOut: readonly { readonly why: string; readonly count: number }[];
}

/** How the baseline's machine differs from this run's (CPU model, cores, toolchain). */
export interface MachineDifference {
  readonly what: 'CPU' | 'cores' | 'toolchain';
  readonly baseline: string;
  readonly current: string;
}

export interface BaselineInfo {
  /**
   * `cache`: earlier runs' results from the Actions cache; `base`: the pull request's base, built in this run;
   * `file`: one earlier run's results file.
   */
  readonly kind: 'cache' | 'base' | 'file';
  readonly commit: string | null;
  readonly ref: string | null;
  readonly createdAt: string;
  /** Age of the newest baseline result when compared, in milliseconds. */
  readonly ageMs: number;
  readonly historyRuns: number;
  readonly machineDifferences: readonly MachineDifference[];
  /** For `cache`: the history entries used; null otherwise. */
  readonly history: HistoryUse | null;
  /** For `file`: its path as given. */
  readonly file?: string;
  /** For `base`: what building it added to the run; null or absent: not known. */
  readonly baseCost?: BaseCost | null;
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
  /** The cached baseline the scenarios marked `against: 'cache'` were compared with; absent: none were. */
  readonly cacheBaseline?: BaselineInfo | null;
  /** Compile time per crate against the baseline's; absent or empty without crate times on both sides. */
  readonly crates?: readonly CrateComparison[];
}

/** A function of a crate that grew against the baseline; `baselineLines` 0: the function is new there. */
export interface FunctionGrowth {
  readonly name: string;
  readonly currentLines: number;
  readonly baselineLines: number;
  readonly currentCopies: number;
  readonly baselineCopies: number;
}

/**
 * `within` the threshold; `grew` beyond it; `toolchain`: beyond it, but the baseline used another rustc (whose
 * IR differs by itself); `different-build`: beyond it, but the baseline counted another build (other cargo
 * flags, target or counter); `not-in-baseline`: the baseline did not count this crate; `not-gated`: no threshold.
 */
export type LlvmLinesReason =
  'within' | 'grew' | 'toolchain' | 'different-build' | 'not-in-baseline' | 'not-gated';

export interface LlvmLinesChange {
  readonly packageName: string;
  readonly target: string;
  readonly currentLines: number;
  readonly baselineLines: number | null;
  /** current ÷ baseline − 1; null without the baseline's count. */
  readonly change: number | null;
  /** Functions that grew the most, largest growth first (at most GROWN_KEPT), among those both sides kept. */
  readonly grown: readonly FunctionGrowth[];
  readonly verdict: Verdict;
  readonly reason: LlvmLinesReason;
}

export interface AnalysisComparison {
  /** The commit the analysis is compared with (the baseline's or the base's). */
  readonly baselineCommit: string | null;
  readonly llvmLinesThreshold: number | null;
  /** One entry per crate counted in this run. */
  readonly llvmLines: readonly LlvmLinesChange[];
  /** Crates added and removed against the baseline; null when either side has no dependency report. */
  readonly dependencies: { readonly added: CrateVersion[]; readonly removed: CrateVersion[] } | null;
}
