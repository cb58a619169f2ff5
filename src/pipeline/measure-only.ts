/** `mode: measure`: the results file, a summary of the numbers and the outputs; no baseline, comment or gate. */
import type { Config } from '../config/config.js';
import { measureBuilds } from '../bench/measure-step.js';
import type { RunContext } from '../system/run-facts.js';
import { renderReport } from '../report/render-report.js';
import { renderTextTable } from '../report/render-text.js';
import type { Deps, RunOutcome } from './deps.js';
import {
  concludeStep,
  exportResults,
  publishOutputs,
  recordHistory,
  SUMMARY_MAX_BYTES,
} from './publish-step.js';

export async function measureOnly(config: Config, context: RunContext, deps: Deps): Promise<RunOutcome> {
  const { results, resultsPath, mold } = await measureBuilds(config, deps);
  if (deps.surface !== 'cli') deps.logger.info(renderTextTable(results));
  const markdown = renderReport(results, { runUrl: context.runUrl, maxBytes: SUMMARY_MAX_BYTES });
  await deps.writeSummary(markdown);
  publishOutputs(deps, { results, resultsPath, mold }, null);
  await exportResults(config, { results, resultsPath }, deps);
  await recordHistory(config, results, null, deps);
  return concludeStep({ results, resultsPath, markdown, comparison: null }, config);
}
