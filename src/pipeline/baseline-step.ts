/**
 * The steps around the builds that read and write what earlier runs left: the earlier run's results file and the
 * cached baseline before, the baseline saved after (when this run is one that keeps it).
 */
import type { StepConfig } from '../config/config.js';
import { restoreBaseline, saveBaselineIfDue } from '../baseline/baseline-steps.js';
import { decideBaselineSave } from '../baseline/save-policy.js';
import type { RunContext } from '../system/run-facts.js';
import { readEarlierResults } from '../results/io/results-files.js';
import type { Results } from '../results/results.js';
import type { Against } from './compare-step.js';
import type { Deps } from './deps.js';

/** The cached baseline is read to compare with it, or to extend it when this run saves the next one. */
function needsCachedBaseline(config: StepConfig, context: RunContext): boolean {
  if (config.mode === 'run' && config.compareTo === 'file')
    return decideBaselineSave(config.baseline.save, context.facts).save;
  // `auto` compares with the cache what the base does not build, and everything when there is no base.
  if (config.mode === 'report' || config.compareTo === 'cache' || config.compareToAuto) return true;
  return decideBaselineSave(config.baseline.save, context.facts).save;
}

/** What this run will be compared with: an earlier run's results file, and the cached baseline when needed. */
export async function lookUpBaselines(config: StepConfig, context: RunContext, deps: Deps): Promise<Against> {
  const earlier =
    config.mode === 'run' && config.compareFile !== null
      ? await readEarlierResults(
          config.compareFile,
          deps.inputs['compare-to'] ?? config.compareFile,
          config.id,
        )
      : null;
  const cached = needsCachedBaseline(config, context)
    ? await deps.logger.group('Restoring the baseline', () =>
        restoreBaseline(config, deps.baselineStore, deps.logger),
      )
    : { baseline: null, absence: null };
  return { ...cached, earlier };
}

export interface SavedBaseline {
  /** This run is one that keeps the baseline (a push to the default branch, by default). */
  readonly due: boolean;
  /** What happened to the results as a baseline; null when the CLI had nothing to say. */
  readonly note: string | null;
}

/** Saves these results as the next baseline when due; the CLI says nothing when it is not. */
export async function saveBaselineStep(
  config: StepConfig,
  results: Results,
  against: Against,
  context: RunContext,
  deps: Deps,
): Promise<SavedBaseline> {
  const due = decideBaselineSave(config.baseline.save, context.facts).save;
  if (deps.surface === 'cli' && !due) return { due, note: null };
  const note = await deps.logger.group('Saving the baseline', () =>
    saveBaselineIfDue(config, results, against.baseline, context.facts, deps.baselineStore, deps.logger),
  );
  return { due, note };
}
