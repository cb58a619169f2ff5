/** The pipeline's baseline steps: restore and read it before the builds, save the new one after them. */
import type { PublishConfig } from '../config/config.js';
import type { Results } from '../results/results.js';
import { ResultsFormatError } from '../results/read-results.js';
import { describeError } from '../system/errors.js';
import type { Logger } from '../system/ports.js';
import { extendBaseline, parseBaseline, type Baseline } from './baseline.js';
import type { BaselineStore } from './io/baseline-store.js';
import { decideBaselineSave, type RunFacts } from './save-policy.js';

export interface BaselineLookup {
  readonly baseline: Baseline | null;
  /** What the report says when there is no baseline to compare with; null when there is one. */
  readonly absence: string | null;
}

/** Never throws for a missing, unreadable or unreachable baseline: each is "no baseline" plus a warning. */
export async function restoreBaseline(
  config: PublishConfig,
  store: BaselineStore,
  logger: Logger,
): Promise<BaselineLookup> {
  const outcome = await store.restore(config.id).catch((error: unknown) => ({
    kind: 'failed' as const,
    message: `restoring the baseline failed: ${describeError(error)}`,
  }));
  if (outcome.kind !== 'found') return reportAbsence(outcome.kind, outcome.message, logger);
  try {
    const baseline = parseBaseline(outcome.text, config.id);
    const newest = baseline.history[0]!;
    logger.info(
      `Baseline ${outcome.key}: commit ${newest.environment.commit ?? 'unknown'}, measured ${newest.createdAt}, ` +
        `${baseline.history.length} result(s) in its history.`,
    );
    return { baseline, absence: null };
  } catch (error) {
    if (!(error instanceof ResultsFormatError)) throw error;
    const why = error.future ? `${error.message}; update build-bench to read it` : error.message;
    logger.warning(`Ignoring the baseline ${outcome.key}: ${why}.`);
    return { baseline: null, absence: `No baseline: the one found could not be read (${why}).` };
  }
}

function reportAbsence(
  kind: 'missing' | 'unavailable' | 'failed',
  message: string,
  logger: Logger,
): BaselineLookup {
  if (kind === 'missing') {
    logger.info(`No baseline yet: ${message}. The default branch saves one.`);
    return {
      baseline: null,
      absence: 'No baseline yet: a run on the default branch saves one, and later runs compare with it.',
    };
  }
  if (kind === 'failed') logger.warning(`Comparing with no baseline: ${message}.`);
  else logger.info(`No baseline: ${message}.`);
  return { baseline: null, absence: `No baseline: ${message}.` };
}

/** Saves `results` on top of the previous baseline when the run should; says what it did. */
export async function saveBaselineIfDue(
  config: PublishConfig,
  results: Results,
  previous: Baseline | null,
  facts: RunFacts,
  store: BaselineStore,
  logger: Logger,
): Promise<string> {
  const decision = decideBaselineSave(config.baseline.save, facts);
  const skipped = !decision.save
    ? `Baseline not saved: ${decision.reason}.`
    : results.status !== 'complete'
      ? 'Baseline not saved: the benchmark did not complete.'
      : null;
  if (skipped !== null) {
    logger.info(skipped);
    return skipped;
  }
  const next = extendBaseline(previous, results, config.baseline.historySize);
  const outcome = await store.save(config.id, `${JSON.stringify(next)}\n`).catch((error: unknown) => ({
    kind: 'failed' as const,
    message: `saving the baseline failed: ${describeError(error)}`,
  }));
  if (outcome.kind === 'saved') {
    const message = `Baseline saved as ${outcome.key} (${decision.reason}), ${next.history.length} result(s) in its history.`;
    logger.info(message);
    return message;
  }
  logger.warning(`Baseline not saved: ${outcome.message}.`);
  return `Baseline not saved: ${outcome.message}.`;
}
