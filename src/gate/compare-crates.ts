/**
 * Which crates got slower to compile: each crate's time in this run against the same crate's in the base (pairs
 * by round), the cached history, or an earlier run. Many crates are compared at once, so each interval is
 * Bonferroni-corrected over the crates of its scenario: together they hold 95 %. A crate is named as slower when
 * its estimate is beyond the scenario's threshold and its interval is wholly above zero.
 */
import { gatedVariant } from '../variants/gated-variant.js';
import type { GateConfig, Scenario, Variant } from '../config/config.js';
import type { Results, Sample } from '../results/results.js';
import {
  historyChange,
  locateRun,
  pairedChange,
  relativeInterval,
  twoRunChange,
  type Change,
} from '../stats/changes.js';
import { SEQUENTIAL_ERROR } from '../stats/looks.js';
import { median } from '../stats/robust.js';
import { relativeLimit } from '../config/threshold.js';
import { ASSUMED_BETWEEN_RUNS } from '../stats/between-runs.js';

export interface CrateComparison {
  readonly scenario: Scenario;
  /** The crate's label, e.g. `serde 1.0.210` or `demo-app 0.1.0 (bin demo_app)`. */
  readonly crate: string;
  /** Median compile time in this run, and in what it is compared with (the centre of the history), in ms. */
  readonly currentMs: number;
  readonly baselineMs: number;
  /** Relative change (0.4 = 40 % slower) and its interval, simultaneous over the scenario's crates. */
  readonly change: number;
  readonly interval: { readonly low: number; readonly high: number } | null;
  /** The estimate is beyond the scenario's threshold and the interval wholly above zero. */
  readonly slower: boolean;
  /** Confidence of each interval on its own: 1 − 5 % / crates compared. */
  readonly level: number;
}

type Side = 'pairs' | 'history' | 'file';

/** Crate time by round of one scenario × variant, from samples that recorded crate times. */
function crateTimesByRound(
  samples: readonly Sample[],
  scenario: Scenario,
  variant: Variant,
): Map<string, Map<number, number>> {
  const byCrate = new Map<string, Map<number, number>>();
  for (const sample of samples) {
    if (
      sample.exitCode !== 0 ||
      sample.scenario !== scenario ||
      sample.variant !== variant ||
      sample.crateMs === null
    )
      continue;
    for (const [crate, ms] of Object.entries(sample.crateMs)) {
      if (!(ms > 0)) continue;
      const rounds = byCrate.get(crate) ?? new Map<number, number>();
      if (!rounds.has(sample.round)) rounds.set(sample.round, ms);
      byCrate.set(crate, rounds);
    }
  }
  return byCrate;
}

/** The crates a scenario spent the most time on: median compile time per crate, slowest first. */
export function rankCrateTimes(
  results: Results,
  scenario: Scenario,
  variant: Variant,
): { crate: string; medianMs: number; rounds: number }[] {
  return [...crateTimesByRound(results.samples, scenario, variant)]
    .map(([crate, rounds]) => ({ crate, medianMs: median([...rounds.values()]), rounds: rounds.size }))
    .sort((a, b) => b.medianMs - a.medianMs || a.crate.localeCompare(b.crate));
}

interface Candidate {
  readonly crate: string;
  readonly currentMs: number;
  readonly baselineMs: number;
  readonly change: (level: number) => Change;
}

function candidatesAgainst(
  kind: Side,
  current: Results,
  others: readonly Results[],
  scenario: Scenario,
  variant: Variant,
): Candidate[] {
  const mine = crateTimesByRound(current.samples, scenario, variant);
  const theirs = others.map((other) => crateTimesByRound(other.samples, scenario, variant));
  const candidates: Candidate[] = [];
  for (const [crate, rounds] of mine) {
    const own = [...rounds.values()].map(Math.log);
    if (kind === 'pairs') {
      const base = theirs[0]?.get(crate);
      if (!base) continue;
      const ratios = [...rounds].flatMap(([round, ms]) =>
        base.has(round) ? [Math.log(ms / base.get(round)!)] : [],
      );
      if (ratios.length < 2) continue;
      candidates.push({
        crate,
        currentMs: median([...rounds.values()]),
        baselineMs: median([...base.values()]),
        change: (level) => pairedChange(ratios, level),
      });
      continue;
    }
    const earlier = theirs
      .map((other) => other.get(crate))
      .filter((times): times is Map<number, number> => times !== undefined);
    if (earlier.length === 0 || own.length < 2) continue;
    const logs = earlier.map((times) => [...times.values()].map(Math.log));
    const baselineMs = median(logs.map((values) => Math.exp(median(values))));
    const change =
      kind === 'file'
        ? // Like the scenario's: each run drifts by ASSUMED_BETWEEN_RUNS, and a drift moves every crate at once.
          (level: number) => twoRunChange(own, logs[0]!, level, ASSUMED_BETWEEN_RUNS * Math.SQRT2)
        : (level: number) => historyChange(locateRun(own), logs.map(locateRun), level);
    candidates.push({ crate, currentMs: median([...rounds.values()]), baselineMs, change });
  }
  return candidates;
}

/**
 * Every crate compiled in both this run and what it is compared with, in the gated variant of each scenario;
 * slower ones first, then by the time they added.
 */
export function compareCrates(
  current: Results,
  against: { readonly kind: Side; readonly results: readonly Results[] },
  gate: GateConfig,
): CrateComparison[] {
  const variant = gatedVariant(current);
  if (variant === null) return [];
  const comparisons: CrateComparison[] = [];
  for (const scenario of current.plan.scenarios) {
    const candidates = candidatesAgainst(against.kind, current, against.results, scenario, variant);
    const level = 1 - SEQUENTIAL_ERROR / Math.max(1, candidates.length);
    for (const candidate of candidates) {
      const change = candidate.change(level);
      const interval = change.interval;
      const relative = Math.expm1(change.estimate);
      const limit = relativeLimit(gate.thresholds[scenario], candidate.baselineMs);
      comparisons.push({
        scenario,
        crate: candidate.crate,
        currentMs: candidate.currentMs,
        baselineMs: candidate.baselineMs,
        change: relative,
        interval: relativeInterval(interval),
        slower: interval !== null && interval.low > 0 && relative > limit,
        level,
      });
    }
  }
  return comparisons.sort(
    (a, b) =>
      Number(b.slower) - Number(a.slower) || b.currentMs - b.baselineMs - (a.currentMs - a.baselineMs),
  );
}
