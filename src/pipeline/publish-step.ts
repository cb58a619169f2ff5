/**
 * The publishing steps: the report (job summary, with the default branch's trend when this run keeps the
 * baseline), the history line, the outputs, the exports and the pull request comment; then the step's status.
 */
import type { StepConfig } from '../config/config.js';
import type { Comparison } from '../gate/comparison.js';
import { describeGateFailure, gateFails } from '../gate/gate.js';
import { publishComment } from '../github/publish-comment.js';
import type { RunContext } from '../system/run-facts.js';
import { writeExports } from '../export/io/write-exports.js';
import { collectComparisonOutputs, collectOutputs } from '../report/outputs.js';
import { renderReport } from '../report/render-report.js';
import { describeBuildFailure } from '../report/render-text.js';
import { renderTrend } from '../report/render-trend.js';
import { appendHistoryLine } from '../results/io/history-file.js';
import type { Measured } from '../results/io/results-files.js';
import type { Results } from '../results/results.js';
import { describeError } from '../system/errors.js';
import type { SavedBaseline } from './baseline-step.js';
import type { Against, Compared } from './compare-step.js';
import { BenchmarkFailedError, GateFailedError, type Deps, type RunOutcome } from './deps.js';

/** GitHub takes at most 1 MiB of job summary per step. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;

export interface Judged {
  readonly config: StepConfig;
  readonly measured: Measured;
  readonly compared: Compared;
  readonly saved: SavedBaseline;
  readonly against: Against;
  readonly context: RunContext;
}

/** Reports the judged run everywhere it goes; the outcome carries what the step's status is decided on. */
export async function publishRun(judged: Judged, deps: Deps): Promise<RunOutcome> {
  const { config, measured, compared, saved, against, context } = judged;
  const { results, resultsPath } = measured;
  const { comparison, absence, baseFailure } = compared;
  const failOn = config.gate.failOn;
  const render = (maxBytes: number): string =>
    renderReport(results, {
      gate: { comparison, absence, saveNote: saved.note, failOn, baseFailure },
      runUrl: context.runUrl,
      maxBytes,
    });
  const markdown = render(SUMMARY_MAX_BYTES);
  // A run that saves the baseline shows the default branch's trend in its job summary (not in the comment).
  const trend =
    saved.due && results.status === 'complete' ? renderTrend(results, against.baseline?.history ?? []) : null;
  await deps.writeSummary(trend === null ? markdown : `${markdown}\n${trend}\n`);
  await recordHistory(config, results, comparison, deps);
  publishOutputs(deps, measured, comparison);
  await exportResults(config, measured, deps);
  const commentUrl =
    deps.surface === 'cli'
      ? null
      : await deps.logger.group('Commenting on the pull request', () =>
          publishComment(
            {
              config,
              results,
              allPassed: comparison.verdict === 'pass' && results.status === 'complete',
              renderMarkdown: render,
              context,
            },
            {
              createApi: (token, repository) => deps.createGitHubApi(token, repository),
              logger: deps.logger,
            },
          ),
        );
  deps.setOutput('comment-url', commentUrl ?? '');
  return { results, resultsPath, markdown, comparison, absence };
}

/** The step's status: a failed benchmark, or the gate's verdict under `fail-on`, fails it (the outcome goes along). */
export function concludeStep(outcome: RunOutcome, config: StepConfig): RunOutcome {
  if (outcome.results.failure)
    throw new BenchmarkFailedError(describeBuildFailure(outcome.results.failure), outcome);
  if (outcome.comparison !== null && gateFails(outcome.comparison, config.gate.failOn))
    throw new GateFailedError(describeGateFailure(outcome.comparison), outcome);
  return outcome;
}

/** Input `history-file`: this run's figures as one more JSON line; a file that cannot be written is a warning. */
export async function recordHistory(
  config: StepConfig,
  results: Results,
  comparison: Comparison | null,
  deps: Deps,
): Promise<void> {
  if (config.historyFile === null) return;
  try {
    await appendHistoryLine(config.historyFile, results, comparison);
    deps.logger.info(`Appended this run's figures to ${config.historyFile}.`);
  } catch (error) {
    deps.logger.warning(
      `Input 'history-file': could not append to ${config.historyFile}: ${describeError(error)}`,
    );
  }
}

/** Input `export`: the results in other tools' formats next to the results file, their paths as outputs. */
export async function exportResults(
  config: StepConfig,
  measured: Pick<Measured, 'results' | 'resultsPath'>,
  deps: Deps,
): Promise<void> {
  if (config.exportFormats.length === 0) return;
  const files = await writeExports(measured.results, config.exportFormats, measured.resultsPath);
  for (const [format, file] of Object.entries(files)) {
    deps.logger.info(`Exported the results for ${format}: ${file}`);
    deps.setOutput(`${format}-file`, file);
  }
}

export function publishOutputs(deps: Deps, measured: Measured, comparison: Comparison | null): void {
  const outputs = {
    ...collectOutputs(measured.results),
    ...(comparison === null ? {} : collectComparisonOutputs(comparison)),
  };
  for (const [name, value] of Object.entries(outputs)) deps.setOutput(name, value);
  deps.setOutput('results-path', measured.resultsPath);
  deps.setOutput('mold-version', measured.mold?.version ?? '');
  deps.setOutput('mold-path', measured.mold?.binary ?? '');
}
