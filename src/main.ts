/**
 * The pipeline, top to bottom: inputs → Config → baseline → builds (or results files) → Results → comparison →
 * saved baseline → Markdown → summary, outputs, PR comment → gate.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config, StepConfig } from './config/config.js';
import type { RawInputs } from './config/parse-inputs.js';
import { parseStepConfig } from './config/parse-step-config.js';
import { checkPlatform } from './config/platform.js';
import type { ToolCacheLike } from './install/install-mold.js';
import { measureBuilds } from './bench/measure-step.js';
import { readEarlierResults, readReportResults, type Measured } from './results/results-files.js';
import type { BuildFailure, Results } from './results/results.js';
import { renderReport } from './report/render-report.js';
import { renderTrend } from './report/render-trend.js';
import { appendHistoryLine } from './results/history-file.js';
import { describeError } from './system/errors.js';
import { writeExports } from './export/write-exports.js';
import { describeBuildFailure, renderTextComparison, renderTextTable } from './report/render-text.js';
import { collectComparisonOutputs, collectOutputs } from './report/outputs.js';
import { restoreBaseline, saveBaselineIfDue, type BaselineLookup } from './baseline/baseline-steps.js';
import type { BaselineStore } from './baseline/baseline-store.js';
import { decideBaselineSave } from './baseline/save-policy.js';
import { compareWithBaseline, selectHistory } from './gate/compare.js';
import { compareCrates } from './gate/compare-crates.js';
import { compareWithBase, withCacheForUnbuilt } from './gate/compare-base.js';
import { compareWithFile } from './gate/compare-file.js';
import { compareAnalysis, withAnalysis } from './gate/compare-analysis.js';
import type { Comparison } from './gate/comparison.js';
import { describeGateFailure, gateFails } from './gate/gate.js';
import { markRunFailure } from './gate/verdict.js';
import type { PullRequestApi } from './github/github-api.js';
import { publishComment } from './github/publish-comment.js';
import { readRunContext, type RunContext } from './github/run-facts.js';
import type { Clock, Logger, ProcessRunner } from './system/ports.js';
import { runCleanups } from './system/cleanup.js';
import { createDiskPathFacts } from './system/path-facts.js';

/** GitHub takes at most 1 MiB of job summary per step. */
const SUMMARY_MAX_BYTES = 1024 * 1024;

/** Every external system the pipeline talks to; the entry points pass real ones, tests pass local ones. */
export interface Deps {
  readonly inputs: RawInputs;
  readonly logger: Logger;
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** Relative `working-directory`, `results-path` and `results` are resolved against it. */
  readonly baseDirectory: string;
  /** The Action's workspace, which paths stay inside unless `allow-outside-workspace`; absent for the CLI. */
  readonly workspace?: string;
  readonly toolCache: ToolCacheLike;
  readonly baselineStore: BaselineStore;
  /** The GitHub API for one repository (`owner/name`) with a token, for the PR comment. */
  createGitHubApi(token: string, repository: string): PullRequestApi;
  addPath(directory: string): void;
  setOutput(name: string, value: string): void;
  writeSummary(markdown: string): Promise<void>;
  /** How often a long build prints a line of progress; LIVE_PROGRESS_INTERVAL_MS when absent. */
  readonly liveProgressIntervalMs?: number;
  /**
   * `cli`: a run on a developer's machine: no pull request comment, no baseline save unless asked, and the tables
   * are the CLI's to print (on stdout, once). Absent: the Action.
   */
  readonly surface?: 'action' | 'cli';
}

export interface RunOutcome {
  readonly results: Results;
  readonly resultsPath: string;
  readonly markdown: string;
  /** Null in `mode: measure`, which compares nothing. */
  readonly comparison: Comparison | null;
  /** Why nothing was compared; null when something was (or in `mode: measure`). */
  readonly absence?: string | null;
}

/** The step fails, and everything was still measured, written and reported: the outcome says what. */
export class StepFailedError extends Error {
  constructor(
    message: string,
    readonly outcome: RunOutcome,
  ) {
    super(message);
    this.name = 'StepFailedError';
  }
}

/** A benchmark that stopped on a failing build or an unverified linker. */
export class BenchmarkFailedError extends StepFailedError {
  override name = 'BenchmarkFailedError';
}

/** The gate found builds slower than the threshold allows (or could not tell, with `fail-on: inconclusive`). */
export class GateFailedError extends StepFailedError {
  override name = 'GateFailedError';
}

export async function run(deps: Deps): Promise<RunOutcome> {
  const { logger } = deps;
  try {
    const context = readRunContext(deps.env);
    const config = readConfig(deps, context);
    if (config.mode !== 'report') checkPlatform(deps.platform, deps.surface ?? 'action');
    if (config.mode === 'measure') return await measureOnly(config, context, deps);
    const earlier =
      config.mode === 'run' && config.compareFile !== null
        ? await readEarlierResults(
            config.compareFile,
            deps.inputs['compare-to'] ?? config.compareFile,
            config.id,
          )
        : null;
    const cached = needsCachedBaseline(config, context)
      ? await logger.group('Restoring the baseline', () =>
          restoreBaseline(config, deps.baselineStore, logger),
        )
      : { baseline: null, absence: null };
    const lookup = { ...cached, earlier };
    const measured =
      config.mode === 'report'
        ? await logger.group('Reading the results files', () => readReportResults(config, deps))
        : await measureBuilds(config, deps, context.pullRequestBase, { baseline: cached.baseline, earlier });
    return await judgeAndPublish(config, measured, lookup, context, deps);
  } catch (error) {
    if (!(error instanceof StepFailedError)) deps.setOutput('status', 'failed');
    throw error;
  } finally {
    await runCleanups((message) => logger.warning(message));
  }
}

/** What a run compares with: the cached baseline (or why there is none), or an earlier run's results file. */
type Against = BaselineLookup & { readonly earlier: Results | null };

/** The cached baseline is read to compare with it, or to extend it when this run saves the next one. */
function needsCachedBaseline(config: StepConfig, context: RunContext): boolean {
  if (config.mode === 'run' && config.compareTo === 'file')
    return decideBaselineSave(config.baseline.save, context.facts).save;
  // `auto` compares with the cache what the base does not build, and everything when there is no base.
  if (config.mode === 'report' || config.compareTo === 'cache' || config.compareToAuto) return true;
  return decideBaselineSave(config.baseline.save, context.facts).save;
}

function readConfig(deps: Deps, context: RunContext): StepConfig {
  return parseStepConfig(deps.inputs, {
    pullRequest: context.pullRequest !== null,
    baseDirectory: deps.baseDirectory,
    hasCargoManifest: (directory) => existsSync(path.join(directory, 'Cargo.toml')),
    pathKind: (file) => (!existsSync(file) ? 'missing' : statSync(file).isDirectory() ? 'directory' : 'file'),
    paths: createDiskPathFacts(deps.workspace ?? null),
  });
}

/** `mode: measure`: the results file, a summary of the numbers and the outputs; no baseline, comment or gate. */
async function measureOnly(config: Config, context: RunContext, deps: Deps): Promise<RunOutcome> {
  const { results, resultsPath, mold } = await measureBuilds(config, deps);
  if (deps.surface !== 'cli') deps.logger.info(renderTextTable(results));
  const markdown = renderReport(results, { runUrl: context.runUrl, maxBytes: SUMMARY_MAX_BYTES });
  await deps.writeSummary(markdown);
  publishOutputs(deps, { results, resultsPath, mold }, null);
  await exportResults(config, { results, resultsPath }, deps);
  await recordHistory(config, results, null, deps);
  const outcome = { results, resultsPath, markdown, comparison: null };
  if (results.failure) throw new BenchmarkFailedError(describeBuildFailure(results.failure), outcome);
  return outcome;
}

/** Compare, save the baseline when due, report everywhere, then let the gate decide the step's status. */
async function judgeAndPublish(
  config: StepConfig,
  measured: Measured,
  lookup: Against,
  context: RunContext,
  deps: Deps,
): Promise<RunOutcome> {
  const { logger } = deps;
  const { results, resultsPath } = measured;
  const compared = compare(config, measured, lookup, deps.clock.date());
  const { absence, baseFailure } = compared;
  const comparison = markRunFailure(
    compared.comparison,
    results.status === 'failed' || results.failure !== null,
  );
  const local = deps.surface === 'cli';
  if (!local) {
    logger.info(renderTextTable(results));
    logger.info(renderTextComparison(comparison, absence));
  }
  const saveDue = decideBaselineSave(config.baseline.save, context.facts).save;
  const saveNote =
    local && !saveDue
      ? null
      : await logger.group('Saving the baseline', () =>
          saveBaselineIfDue(config, results, lookup.baseline, context.facts, deps.baselineStore, logger),
        );
  const failOn = config.gate.failOn;
  const render = (maxBytes: number): string =>
    renderReport(results, {
      gate: { comparison, absence, saveNote, failOn, baseFailure },
      runUrl: context.runUrl,
      maxBytes,
    });
  const markdown = render(SUMMARY_MAX_BYTES);
  // A run that saves the baseline shows the default branch's trend in its job summary (not in the comment).
  const trend =
    saveDue && results.status === 'complete' ? renderTrend(results, lookup.baseline?.history ?? []) : null;
  await deps.writeSummary(trend === null ? markdown : `${markdown}\n${trend}\n`);
  await recordHistory(config, results, comparison, deps);
  publishOutputs(deps, measured, comparison);
  await exportResults(config, measured, deps);
  const commentUrl = local
    ? null
    : await logger.group('Commenting on the pull request', () =>
        publishComment(
          {
            config,
            results,
            allPassed: comparison.verdict === 'pass' && results.status === 'complete',
            renderMarkdown: render,
            context,
          },
          { createApi: (token, repository) => deps.createGitHubApi(token, repository), logger },
        ),
      );
  deps.setOutput('comment-url', commentUrl ?? '');
  const outcome = { results, resultsPath, markdown, comparison, absence };
  if (results.failure) throw new BenchmarkFailedError(describeBuildFailure(results.failure), outcome);
  if (gateFails(comparison, failOn)) throw new GateFailedError(describeGateFailure(comparison), outcome);
  return outcome;
}

/**
 * The comparison `compare-to` asks for: with the cached baseline, with the base built in this run, or none; the
 * analysis (IR lines, crates) is compared with the same side's.
 */
function compare(
  config: StepConfig,
  measured: Measured,
  lookup: Against,
  now: Date,
): { comparison: Comparison; absence: string | null; baseFailure: BuildFailure | null } {
  const { results } = measured;
  const compareTo = config.mode === 'report' ? 'cache' : config.compareTo;
  const against = (baseline: BaselineLookup['baseline'], absence: string | null) => ({
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
  if (compareTo === 'cache') return against(lookup.baseline, lookup.absence);
  if (compareTo === 'file' && lookup.earlier && config.mode !== 'report') {
    return {
      comparison: {
        ...withAnalysis(
          compareWithFile(results, lookup.earlier, config.compareFile ?? '', config.gate, now),
          compareAnalysis(results, lookup.earlier, config.gate),
        ),
        crates: compareCrates(results, { kind: 'file', results: [lookup.earlier] }, config.gate),
      },
      absence: null,
      baseFailure: null,
    };
  }
  const base = measured.base ?? null;
  if (compareTo === 'none') return against(null, "Not compared with anything: input 'compare-to' is none.");
  const auto = config.mode === 'run' && config.compareToAuto;
  // `auto` without a base to build (a push, or a base without the project) compares with the cache.
  if (auto && (base === null || 'absence' in base)) return against(lookup.baseline, lookup.absence);
  if (base === null) return against(null, 'No base was built.');
  if ('absence' in base) return against(null, base.absence);
  const withBase = compareWithBase(results, base, config.gate);
  return {
    comparison: {
      ...withAnalysis(
        auto ? withCacheForUnbuilt(withBase, against(lookup.baseline, null).comparison) : withBase,
        compareAnalysis(results, base.results, config.gate, true),
      ),
      crates: compareCrates(results, { kind: 'pairs', results: [base.results] }, config.gate),
    },
    absence: null,
    baseFailure: base.failure,
  };
}

/** Input `history-file`: this run's figures as one more JSON line; a file that cannot be written is a warning. */
async function recordHistory(
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
async function exportResults(
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

function publishOutputs(deps: Deps, measured: Measured, comparison: Comparison | null): void {
  const outputs = {
    ...collectOutputs(measured.results),
    ...(comparison === null ? {} : collectComparisonOutputs(comparison)),
  };
  for (const [name, value] of Object.entries(outputs)) deps.setOutput(name, value);
  deps.setOutput('results-path', measured.resultsPath);
  deps.setOutput('mold-version', measured.mold?.version ?? '');
  deps.setOutput('mold-path', measured.mold?.binary ?? '');
}
