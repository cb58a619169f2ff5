/**
 * The pipeline, top to bottom: inputs → Config → baseline → mold → builds → Results → comparison → saved
 * baseline → Markdown → summary, outputs → gate.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config, type Variant } from './config/config.js';
import { parseConfig, type RawInputs } from './config/parse-config.js';
import { installMold, type MoldInstallation, type ToolCacheLike } from './install/install-mold.js';
import { runBenchmark } from './bench/run-benchmark.js';
import { buildResults } from './results/build-results.js';
import { writeResultsFile } from './results/results-file.js';
import type { Results } from './results/results.js';
import { renderReport } from './report/render-report.js';
import { renderTextComparison, renderTextTable } from './report/render-text.js';
import { collectComparisonOutputs, collectOutputs } from './report/outputs.js';
import { restoreBaseline, saveBaselineIfDue } from './baseline/baseline-steps.js';
import type { BaselineStore } from './baseline/baseline-store.js';
import { compareWithBaseline } from './gate/compare.js';
import type { Comparison } from './gate/comparison.js';
import { describeGateFailure, gateFails } from './gate/gate.js';
import { readRunFacts } from './github/run-facts.js';
import type { Clock, Logger, ProcessRunner } from './system/ports.js';
import { runCleanups } from './system/cleanup.js';

/** Every external system the pipeline talks to; the entry points pass real ones, tests pass local ones. */
export interface Deps {
  readonly inputs: RawInputs;
  readonly logger: Logger;
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** Relative `working-directory` and `results-path` are resolved against it. */
  readonly baseDirectory: string;
  readonly toolCache: ToolCacheLike;
  readonly baselineStore: BaselineStore;
  addPath(directory: string): void;
  setOutput(name: string, value: string): void;
  writeSummary(markdown: string): Promise<void>;
}

export interface RunOutcome {
  readonly results: Results;
  readonly resultsPath: string;
  readonly markdown: string;
  readonly comparison: Comparison;
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
    const config = readConfig(deps);
    const lookup = await logger.group('Restoring the baseline', () =>
      restoreBaseline(config, deps.baselineStore, logger),
    );
    const mold = await logger.group('Installing mold', () => provideMold(config, deps));
    const variants = usableVariants(config, mold, deps);
    const measured = await runBenchmark(config, variants, mold, deps);
    const results = buildResults(config, measured, deps.clock.date());
    const resultsPath = config.resultsPath ?? path.join(measured.benchDir, 'results.json');
    await writeResultsFile(resultsPath, results);
    const comparison = compareWithBaseline(results, lookup.baseline, config.gate, deps.clock.date());
    logger.info(renderTextTable(results));
    logger.info(renderTextComparison(comparison, lookup.absence));
    const saveNote = await logger.group('Saving the baseline', () =>
      saveBaselineIfDue(config, results, lookup.baseline, readRunFacts(deps.env), deps.baselineStore, logger),
    );
    const failOn = config.gate.failOn;
    const markdown = renderReport(results, {
      gate: { comparison, absence: lookup.absence, saveNote, failOn },
    });
    await deps.writeSummary(markdown);
    publishOutputs(deps, results, resultsPath, mold, comparison);
    const outcome = { results, resultsPath, markdown, comparison };
    if (results.failure) throw new BenchmarkFailedError(describeFailure(results), outcome);
    if (gateFails(comparison, failOn)) throw new GateFailedError(describeGateFailure(comparison), outcome);
    return outcome;
  } catch (error) {
    if (!(error instanceof StepFailedError)) deps.setOutput('status', 'failed');
    throw error;
  } finally {
    await runCleanups((message) => logger.warning(message));
  }
}

function readConfig(deps: Deps): Config {
  return parseConfig(deps.inputs, {
    baseDirectory: deps.baseDirectory,
    hasCargoManifest: (directory) => existsSync(path.join(directory, 'Cargo.toml')),
    pathKind: (file) => (!existsSync(file) ? 'missing' : statSync(file).isDirectory() ? 'directory' : 'file'),
  });
}

async function provideMold(config: Config, deps: Deps): Promise<MoldInstallation | null> {
  if (!config.variants.includes('mold')) return null;
  const mold = await installMold(config.mold, { ...deps, clock: () => deps.clock.nowMs() });
  if (mold) {
    const took = `${Math.round(mold.durationMs)} ms`;
    const from = {
      path: 'PATH',
      'tool-cache': 'the tool cache',
      download: 'the release download',
      'package-manager': 'the package manager',
    }[mold.source];
    deps.logger.info(`Using mold ${mold.version} at ${mold.binary} (from ${from}, ${took}).`);
  }
  return mold;
}

/** The mold variant is skipped (with a notice, given by the installer) where mold cannot run. */
function usableVariants(config: Config, mold: MoldInstallation | null, deps: Deps): Variant[] {
  const { logger } = deps;
  const skipped = config.variants.filter(
    (variant) =>
      (variant === 'mold' && !mold) ||
      (deps.platform !== 'linux' && (variant === 'lld' || variant === 'bfd')),
  );
  const rest = config.variants.filter((variant) => !skipped.includes(variant));
  if (skipped.length === 0) return rest;
  if (deps.platform !== 'linux')
    logger.notice(`Skipping ${skipped.join(', ')}: linker variants are measured on Linux only.`);
  if (rest.length === 0) {
    throw new ConfigError(
      'linkers',
      config.variants.join(', '),
      'every variant is skipped on this runner: nothing to measure',
    );
  }
  return rest;
}

function publishOutputs(
  deps: Deps,
  results: Results,
  resultsPath: string,
  mold: MoldInstallation | null,
  comparison: Comparison,
): void {
  const outputs = { ...collectOutputs(results), ...collectComparisonOutputs(comparison) };
  for (const [name, value] of Object.entries(outputs)) deps.setOutput(name, value);
  deps.setOutput('results-path', resultsPath);
  deps.setOutput('mold-version', mold?.version ?? '');
  deps.setOutput('mold-path', mold?.binary ?? '');
}

function describeFailure(results: Results): string {
  const failure = results.failure!;
  const where = `${failure.scenario} · ${failure.variant} (${failure.phase})`;
  const tail = failure.outputTail ? `\nLast lines of its output:\n${failure.outputTail}` : '';
  return `${failure.message}: ${where}, command \`${failure.command}\`.${tail}`;
}
