/**
 * The pipeline, top to bottom: inputs → Config → baseline → builds (or results files) → Results → comparison →
 * saved baseline → Markdown → summary, outputs, PR comment → gate. Each step is one call; the composition roots
 * (`action.ts`, `cli.ts`) hand in the systems it talks to (`Deps`).
 */
import { measureBuilds } from './bench/measure-step.js';
import { checkPlatform } from './config/platform.js';
import { readRunContext } from './system/run-facts.js';
import { lookUpBaselines, saveBaselineStep } from './pipeline/baseline-step.js';
import { compareRun } from './pipeline/compare-step.js';
import { StepFailedError, type Deps, type RunOutcome } from './pipeline/deps.js';
import { readStepConfig } from './pipeline/inputs-step.js';
import { measureOnly } from './pipeline/measure-only.js';
import { concludeStep, publishRun } from './pipeline/publish-step.js';
import { renderTextComparison, renderTextTable } from './report/render-text.js';
import { readReportResults } from './results/io/results-files.js';
import { runCleanups } from './system/cleanup.js';

export async function run(deps: Deps): Promise<RunOutcome> {
  const { logger } = deps;
  try {
    const context = readRunContext(deps.env);
    const config = readStepConfig(deps, context);
    if (config.mode !== 'report') checkPlatform(deps.platform, deps.surface ?? 'action');
    if (config.mode === 'measure') return await measureOnly(config, context, deps);
    const against = await lookUpBaselines(config, context, deps);
    const measured =
      config.mode === 'report'
        ? await logger.group('Reading the results files', () => readReportResults(config, deps))
        : await measureBuilds(config, deps, context.pullRequestBase, against);
    const compared = compareRun(config, measured, against, deps.clock.date());
    if (deps.surface !== 'cli') {
      logger.info(renderTextTable(measured.results));
      logger.info(renderTextComparison(compared.comparison, compared.absence));
    }
    const saved = await saveBaselineStep(config, measured.results, against, context, deps);
    const outcome = await publishRun({ config, measured, compared, saved, against, context }, deps);
    return concludeStep(outcome, config);
  } catch (error) {
    if (!(error instanceof StepFailedError)) deps.setOutput('status', 'failed');
    throw error;
  } finally {
    await runCleanups((message) => logger.warning(message));
  }
}
