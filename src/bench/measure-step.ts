/** The measuring stage of `run` and `measure`: mold, the builds, and the results document written to disk. */
import os from 'node:os';
import path from 'node:path';
import { ConfigError, type Config, type Variant } from '../config/config.js';
import { installMold, type MoldInstallation } from '../install/io/install-mold.js';
import type { Deps } from '../pipeline/deps.js';
import { buildResults } from '../results/build-results.js';
import { writeResultsFile } from '../results/io/results-file.js';
import type { Results } from '../results/results.js';
import type { BaseRun } from '../gate/compare-base.js';
import { checkOutBase, type BaseRequest } from './base-worktree.js';
import { runBenchmark, type BaseCheckout, type BenchmarkOutcome } from './run-benchmark.js';
import type { Baseline } from '../baseline/baseline.js';
import { chooseGatedVariant } from '../variants/gated-variant.js';
import { createRoundsTargets } from '../rounds/targets.js';
import { linkerOf, usesLinker } from '../variants/variant-spec.js';

/** The systems measuring talks to: the pipeline's, without the baseline, the GitHub API and the outputs. */
export type MeasureDeps = Pick<
  Deps,
  | 'logger'
  | 'runner'
  | 'clock'
  | 'env'
  | 'platform'
  | 'arch'
  | 'toolCache'
  | 'addPath'
  | 'liveProgressIntervalMs'
>;

export interface Measurement {
  readonly results: Results;
  readonly resultsPath: string;
  readonly mold: MoldInstallation | null;
  /** With `compare-to: base`: the base built in this run, or why there was none to build. */
  readonly base: BaseRun | { readonly absence: string } | null;
}

/** What the rounds are compared with while they run: the cached baseline, or an earlier run's results file. */
export interface MeasureAgainst {
  readonly baseline: Baseline | null;
  readonly earlier: Results | null;
}

export async function measureBuilds(
  config: Config,
  deps: MeasureDeps,
  pullRequestBase: BaseRequest['pullRequestBase'] = null,
  against: MeasureAgainst = { baseline: null, earlier: null },
): Promise<Measurement> {
  const mold = await deps.logger.group('Installing mold', () => provideMold(config, deps));
  const variants = usableVariants(config, mold);
  const resolution =
    config.mode === 'run' && config.compareTo === 'base'
      ? await deps.logger.group('Checking out the base', () =>
          checkOutBase(
            { config, pullRequestBase, tempDirectory: deps.env.RUNNER_TEMP ?? os.tmpdir() },
            deps.runner,
          ),
        )
      : null;
  if (resolution?.kind === 'none') {
    const instead = config.compareToAuto ? ' The cached baseline is compared with instead.' : '';
    deps.logger.info(`No base to compare with: ${resolution.reason}.${instead}`);
  }
  const checkout = resolution?.kind === 'checkout' ? resolution.checkout : null;
  if (resolution?.kind === 'checkout' && resolution.fetched)
    deps.logger.info(
      `The clone lacked the base commit: fetched ${resolution.checkout.commit} one commit deep.`,
    );
  if (checkout) deps.logger.info(`Building the base ${checkout.commit} in ${checkout.workingDirectory}.`);
  const machine = { cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', cores: os.availableParallelism() };
  const targets = createRoundsTargets(
    config,
    chooseGatedVariant(variants, config.gatedVariant)!,
    machine,
    against.baseline,
    against.earlier,
    (scenario) =>
      config.compareTo === 'cache' ||
      (config.compareToAuto && (checkout === null || !checkout.scenarios.includes(scenario))),
  );
  const measured = await runBenchmark(
    config,
    variants,
    mold,
    { ...deps, nowMs: () => deps.clock.nowMs() },
    checkout,
    targets,
  );
  const createdAt = deps.clock.date();
  const moldInstall = mold ? { source: mold.source, durationMs: mold.durationMs } : null;
  const results = buildResults(
    config,
    { ...measured, environment: { ...measured.environment, moldInstall } },
    createdAt,
  );
  const resultsPath = config.resultsPath ?? path.join(measured.benchDir, 'results.json');
  await writeResultsFile(resultsPath, results);
  const base =
    resolution === null
      ? null
      : resolution.kind === 'none'
        ? { absence: `No base to compare with: ${resolution.reason}.` }
        : describeBase(config, resolution.checkout, resolution.ref, measured, createdAt);
  return { results, resultsPath, mold, base };
}

/** The base's own results document (its samples, linkers and failure), for the paired comparison. */
function describeBase(
  config: Config,
  checkout: BaseCheckout,
  ref: string | null,
  measured: BenchmarkOutcome,
  createdAt: Date,
): BaseRun {
  // A checkout was given, so the benchmark reported on its base.
  const outcome = measured.base!;
  const results = buildResults(
    { ...config, scenarios: checkout.scenarios, workingDirectory: checkout.workingDirectory },
    {
      environment: {
        ...measured.environment,
        commit: checkout.commit,
        ref,
        pullRequest: null,
        rustc: outcome.rustc ?? measured.environment.rustc,
        cargo: outcome.cargo ?? measured.environment.cargo,
      },
      samples: outcome.samples,
      linkers: outcome.linkers,
      failure: outcome.failure,
      notes: [],
      touchedFiles: outcome.touchedFiles,
      variants: measured.variants,
      analysis: outcome.analysis,
    },
    createdAt,
  );
  return {
    commit: checkout.commit,
    ref,
    results,
    failure: outcome.failure,
    cost: outcome.cost,
  };
}

async function provideMold(config: Config, deps: MeasureDeps): Promise<MoldInstallation | null> {
  if (!usesLinker(config.variants, 'mold')) return null;
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

/** The mold variant is skipped (with a notice, given by the installer) where mold cannot be had. */
function usableVariants(config: Config, mold: MoldInstallation | null): Variant[] {
  const skipped = config.variants.filter((variant) => linkerOf(variant) === 'mold' && !mold);
  const rest = config.variants.filter((variant) => !skipped.includes(variant));
  if (skipped.length === 0) return rest;
  if (rest.length === 0) {
    throw new ConfigError(
      'linkers',
      config.variants.join(', '),
      'every variant is skipped on this runner: nothing to measure',
    );
  }
  return rest;
}
