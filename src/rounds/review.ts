/**
 * After each round of a scenario, whether any comparison still needs more rounds. Paired comparisons (head and
 * base; each variant and `default`) are decided only at scheduled looks, at the confidence their look may spend.
 * Against the cached baseline's history or an earlier run's file the rounds only shrink this run's own noise, so
 * they go on until it is small next to the noise between runs, never looking at the change itself.
 */
import type { Scenario, Threshold, Variant } from '../config/config.js';
import { ASSUMED_BETWEEN_RUNS } from '../stats/between-runs.js';
import { relativeLimit } from '../config/threshold.js';
import { locateRun, pairedChange } from '../stats/changes.js';
import { claimDifference, decideAgainstLimit } from '../stats/decisions.js';
import type { Look } from '../stats/looks.js';
import { trimmedMean } from '../stats/trimmed.js';
import { ownVarianceTarget } from './targets.js';

/** Wall time per round of one side × variant: `head/default`, `base/default`, `head/mold`… */
export type WallByRound = ReadonlyMap<number, number>;

export interface ScenarioRounds {
  readonly scenario: Scenario;
  readonly threshold: Threshold;
  readonly gatedVariant: Variant;
  readonly variants: readonly Variant[];
  /** By arm key (`head/<variant>`, `base/<variant>`). */
  readonly walls: (arm: string) => WallByRound;
  /** The base builds this scenario and has not failed. */
  readonly withBase: boolean;
  /** Against the cached baseline: the largest own variance of this run's location that decides; null: not compared. */
  readonly historyTarget: number | null;
  /** Against an earlier run's results file: its log build times in this scenario; null: not compared. */
  readonly earlierLogTimes: readonly number[] | null;
}

function logRatios(head: WallByRound, other: WallByRound): number[] {
  const ratios: number[] = [];
  for (const [round, headMs] of head) {
    const otherMs = other.get(round);
    if (otherMs !== undefined && otherMs > 0 && headMs > 0) ratios.push(Math.log(headMs / otherMs));
  }
  return ratios;
}

function medianMs(walls: WallByRound): number {
  const sorted = [...walls.values()].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The comparisons this scenario tracks, each with whether it is decided: paired ones only at a look (null: this
 * round is none), at the confidence that look may spend.
 */
export function reviewRounds(
  state: ScenarioRounds,
  look: Look | null,
): { label: string; decided: boolean }[] {
  const { gatedVariant } = state;
  // Paired comparisons are read at a look only: between looks nothing may be decided.
  const readAt = (ratios: readonly number[]) =>
    look === null || ratios.length === 0 ? null : pairedChange(ratios, look.level);
  const head = state.walls(`head/${gatedVariant}`);
  const reviews: { label: string; decided: boolean }[] = [];
  if (state.withBase) {
    const base = state.walls(`base/${gatedVariant}`);
    const ratios = logRatios(head, base);
    const limit = base.size === 0 ? Number.POSITIVE_INFINITY : relativeLimit(state.threshold, medianMs(base));
    const change = readAt(ratios);
    const decided = change !== null && decideAgainstLimit(change, limit) !== 'undecided';
    reviews.push({ label: 'head vs base', decided });
  }
  if (state.historyTarget !== null) {
    const logTimes = [...head.values()].map(Math.log);
    const own = logTimes.length >= 3 ? locateRun(logTimes).variance : Number.POSITIVE_INFINITY;
    reviews.push({ label: 'this run vs the baseline', decided: own <= state.historyTarget });
  }
  if (state.earlierLogTimes !== null && state.earlierLogTimes.length > 0) {
    // One earlier run: the assumed noise between the two runs stays whatever the rounds. Like against the
    // history, the rounds stop once this run's own noise is small next to it, never looking at the change, so
    // the verdict's interval keeps its whole 5 % error (gate/compare-file.ts).
    const logTimes = [...head.values()].map(Math.log);
    const limit = relativeLimit(state.threshold, Math.exp(medianOfLogs(state.earlierLogTimes)));
    const own = logTimes.length >= 3 ? trimmedMean(logTimes).standardError ** 2 : Number.POSITIVE_INFINITY;
    reviews.push({
      label: 'this run vs the earlier run',
      decided: own <= ownVarianceTarget(2 * ASSUMED_BETWEEN_RUNS ** 2, limit),
    });
  }
  const reference = state.walls('head/default');
  for (const variant of state.variants) {
    if (variant === 'default' || reference.size === 0) continue;
    const ratios = logRatios(state.walls(`head/${variant}`), reference);
    const margin = relativeLimit(state.threshold, medianMs(reference));
    const change = readAt(ratios);
    const decided = change !== null && claimDifference(change, margin) !== 'undecided';
    reviews.push({ label: `${variant} vs default`, decided });
  }
  return reviews;
}

function medianOfLogs(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
