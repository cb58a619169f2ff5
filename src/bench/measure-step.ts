/** The measuring stage of `run` and `measure`: mold, the builds, and the results document written to disk. */
import path from 'node:path';
import { ConfigError, type Config, type Variant } from '../config/config.js';
import { installMold, type MoldInstallation } from '../install/install-mold.js';
import type { Deps } from '../main.js';
import { buildResults } from '../results/build-results.js';
import { writeResultsFile } from '../results/results-file.js';
import type { Results } from '../results/results.js';
import { runBenchmark } from './run-benchmark.js';

/** The systems measuring talks to: the pipeline's, without the baseline, the GitHub API and the outputs. */
export type MeasureDeps = Pick<
  Deps,
  'logger' | 'runner' | 'clock' | 'env' | 'platform' | 'arch' | 'toolCache' | 'addPath'
>;

export interface Measurement {
  readonly results: Results;
  readonly resultsPath: string;
  readonly mold: MoldInstallation | null;
}

export async function measureBuilds(config: Config, deps: MeasureDeps): Promise<Measurement> {
  const mold = await deps.logger.group('Installing mold', () => provideMold(config, deps));
  const variants = usableVariants(config, mold, deps);
  const measured = await runBenchmark(config, variants, mold, deps);
  const results = buildResults(config, measured, deps.clock.date());
  const resultsPath = config.resultsPath ?? path.join(measured.benchDir, 'results.json');
  await writeResultsFile(resultsPath, results);
  return { results, resultsPath, mold };
}

async function provideMold(config: Config, deps: MeasureDeps): Promise<MoldInstallation | null> {
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
function usableVariants(config: Config, mold: MoldInstallation | null, deps: MeasureDeps): Variant[] {
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
