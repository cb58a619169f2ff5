/** The measuring stage end to end: inspect the project, set up variants, plan, execute, describe. */
import path from 'node:path';
import type { Config, Variant } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import type { Environment } from '../results/results.js';
import type { Logger, ProcessRunner } from '../system/ports.js';
import { registerCleanup } from '../system/cleanup.js';
import { findFiles } from './find-files.js';
import { inspectCargoProject, type CargoProject } from './cargo-project.js';
import { describeEnvironment } from './environment.js';
import { executePlan, type ExecuteOutcome } from './execute.js';
import { planRun } from './plan.js';
import { TouchedFiles } from './touch-files.js';
import {
  benchDirectory,
  setUpCargoVariant,
  setUpCommandVariant,
  type VariantSetup,
} from './variant-setup.js';

export interface BenchmarkDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
}

export interface MoldOnPath {
  readonly version: string;
  readonly binDir: string;
  readonly binary: string;
}

export interface BenchmarkOutcome extends ExecuteOutcome {
  readonly environment: Environment;
  readonly touchedFiles: string[];
  /** Where build-bench keeps its target directories and, by default, the results. */
  readonly benchDir: string;
  readonly variants: readonly Variant[];
}

function chooseTouchFiles(config: Config, cargo: CargoProject | null): string[] {
  if (!config.scenarios.includes('incremental')) return [];
  if (config.touchPatterns.length > 0)
    return findFiles(config.workingDirectory, config.touchPatterns, 'touch');
  if (cargo?.topCrate) return [cargo.topCrate.srcPath];
  throw new ConfigError(
    'touch',
    '',
    'the incremental scenario of a non-Cargo command needs the files to touch',
  );
}

export async function runBenchmark(
  config: Config,
  variants: readonly Variant[],
  mold: MoldOnPath | null,
  deps: BenchmarkDeps,
): Promise<BenchmarkOutcome> {
  const { logger, runner, env } = deps;
  const cargo = config.buildSystem === 'cargo' ? await inspectCargoProject(config, runner, env) : null;
  const benchDir = cargo
    ? benchDirectory(cargo.targetDirectory)
    : path.join(config.workingDirectory, '.build-bench');
  const touchPaths = chooseTouchFiles(config, cargo);
  const touchedFiles = touchPaths.map((file) => path.relative(config.workingDirectory, file));
  if (touchedFiles.length > 0) logger.info(`The incremental scenario touches: ${touchedFiles.join(', ')}`);
  if (cargo?.configuredLinker) {
    logger.info(
      `Honouring the configured linker ${cargo.configuredLinker.linker} (from ${cargo.configuredLinker.source}).`,
    );
  }
  const setups = new Map<Variant, VariantSetup>();
  for (const variant of variants) {
    setups.set(
      variant,
      cargo
        ? setUpCargoVariant(
            config,
            {
              targetDirectory: cargo.targetDirectory,
              triples: cargo.triples,
              realLinker: cargo.configuredLinker?.linker ?? 'cc',
              withShim: deps.platform === 'linux',
            },
            variant,
            mold?.binDir ?? null,
          )
        : setUpCommandVariant(config, variant, benchDir, mold?.binary ?? null),
    );
  }
  const notes: string[] = [];
  const incrementalAlreadyOn = env.CARGO_INCREMENTAL === '1';
  if (
    cargo &&
    config.scenarios.includes('incremental') &&
    env.CARGO_INCREMENTAL !== undefined &&
    !incrementalAlreadyOn
  ) {
    notes.push(
      `CARGO_INCREMENTAL was ${env.CARGO_INCREMENTAL} in the environment; the incremental scenario ran with CARGO_INCREMENTAL=1.`,
    );
  }
  if (config.scenarios.includes('clean'))
    notes.push('Clean builds have no warm-up: each one is a full build from an empty target directory.');
  const plan = planRun({ ...config, variants, incrementalAlreadyOn: incrementalAlreadyOn || !cargo });
  const touched = touchPaths.length > 0 ? new TouchedFiles(touchPaths) : null;
  const restoreTouched = registerCleanup(() => touched?.restore());
  let outcome: ExecuteOutcome;
  try {
    outcome = await logger.group(`Building: ${plan.length} builds`, () =>
      executePlan(
        {
          config,
          plan,
          setups,
          touched,
          findArtifacts: () =>
            Promise.resolve(findFiles(config.workingDirectory, config.artifactPatterns, 'artifacts')),
        },
        deps,
      ),
    );
  } finally {
    await restoreTouched();
  }
  const linkerVersions: Partial<Record<Variant, string>> = {};
  for (const check of outcome.linkers) linkerVersions[check.variant] = check.linker;
  if (mold && variants.includes('mold')) linkerVersions.mold = `mold ${mold.version}`;
  const environment = await describeEnvironment(
    { config, env, rustc: cargo?.rustcVersion ?? null, cargo: cargo?.cargoVersion ?? null, linkerVersions },
    runner,
  );
  return { ...outcome, notes: [...notes, ...outcome.notes], environment, touchedFiles, benchDir, variants };
}
