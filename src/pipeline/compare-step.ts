/**
 * The comparison step: one comparer, chosen by what this run is compared with (the cached baseline, an earlier
 * run's results file, the pull request's base built in this run, or nothing), each comparing the scenarios, the
 * analysis (IR lines, crates) and the compile time per crate with the same side. A run whose build or check
 * failed is marked so, and never passes.
 */
import type { StepConfig } from '../config/config.js';
import type { BaselineLookup } from '../baseline/baseline-steps.js';
import { compareWithBaseline, selectHistory } from '../gate/compare.js';
import { compareCrates } from '../gate/compare-crates.js';
import { compareWithBase, withCacheForUnbuilt, type BaseRun } from '../gate/compare-base.js';
import { compareWithFile } from '../gate/compare-file.js';
import { compareAnalysis, withAnalysis } from '../gate/compare-analysis.js';
import type { Comparison } from '../gate/comparison.js';
import { markRunFailure } from '../gate/verdict.js';
import type { Measured } from '../results/io/results-files.js';
import type { BuildFailure, Results } from '../results/results.js';

/** What a run is compared with: the cached baseline (or why there is none), and an earlier run's results file. */
export type Against = BaselineLookup & { readonly earlier: Results | null };

export interface Compared {
  readonly comparison: Comparison;
  /** Why nothing was compared; null when something was. */
  readonly absence: string | null;
  /** With a base: why it did not build (its command and output tail); null when it did. */
  readonly baseFailure: BuildFailure | null;
}

type Comparer = (config: StepConfig, results: Results, now: Date) => Compared;

/** With the cached baseline's history (or with nothing, saying why). */
function withCache(baseline: BaselineLookup['baseline'], absence: string | null): Comparer {
  return (config, results, now) => ({
    comparison: {
      ...withAnalysis(
        compareWithBaseline(results, baseline, config.gate, now),
        compareAnalysis(results, baseline?.history[0] ?? null, config.gate),
      ),
      crates: compareCrates(
        results,
        {
          kind: 'history',
          results: selectHistory(results.environment, baseline?.history ?? [], config.gate.allowCrossMachine)
            .entries,
        },
        config.gate,
      ),
    },
    absence,
    baseFailure: null,
  });
}

/** With one earlier run's results file (`file`: its path as given). */
function withFile(earlier: Results, file: string): Comparer {
  return (config, results, now) => ({
    comparison: {
      ...withAnalysis(
        compareWithFile(results, earlier, file, config.gate, now),
        compareAnalysis(results, earlier, config.gate),
      ),
      crates: compareCrates(results, { kind: 'file', results: [earlier] }, config.gate),
    },
    absence: null,
    baseFailure: null,
  });
}

/** With the base built in this run, pair by pair; with `auto`, what the base did not build against the cache. */
function withBase(base: BaseRun, cache: Comparer | null): Comparer {
  return (config, results, now) => {
    const paired = compareWithBase(results, base, config.gate);
    const comparison =
      cache === null ? paired : withCacheForUnbuilt(paired, cache(config, results, now).comparison);
    return {
      comparison: {
        ...withAnalysis(comparison, compareAnalysis(results, base.results, config.gate, true)),
        crates: compareCrates(results, { kind: 'pairs', results: [base.results] }, config.gate),
      },
      absence: null,
      baseFailure: base.failure,
    };
  };
}

/** The one comparer for what `compare-to` asks (a report merges runs and compares them with the cache). */
function chooseComparer(config: StepConfig, measured: Measured, lookup: Against): Comparer {
  const cache = withCache(lookup.baseline, lookup.absence);
  if (config.mode === 'report') return cache;
  if (config.compareTo === 'file' && lookup.earlier)
    return withFile(lookup.earlier, config.compareFile ?? '');
  if (config.compareTo === 'none')
    return withCache(null, "Not compared with anything: input 'compare-to' is none.");
  if (config.compareTo !== 'base') return cache;
  const base = measured.base ?? null;
  // `auto` without a base to build (a push, or a base without the project) compares with the cache.
  if (config.compareToAuto && (base === null || 'absence' in base)) return cache;
  if (base === null) return withCache(null, 'No base was built.');
  if ('absence' in base) return withCache(null, base.absence);
  return withBase(base, config.compareToAuto ? cache : null);
}

export function compareRun(config: StepConfig, measured: Measured, lookup: Against, now: Date): Compared {
  const { results } = measured;
  const compared = chooseComparer(config, measured, lookup)(config, results, now);
  const failed = results.status === 'failed' || results.failure !== null;
  return { ...compared, comparison: markRunFailure(compared.comparison, failed) };
}
