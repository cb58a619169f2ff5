/** The measuring stage end to end: inspect the project, set up variants, plan, execute, describe. */
import path from 'node:path';
import type { Config, Scenario, Variant } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import type { BuildFailure, Environment } from '../results/results.js';
import type { Logger, ProcessRunner } from '../system/ports.js';
import { registerCleanup } from '../system/cleanup.js';
import { chooseGatedVariant } from '../gate/compare.js';
import { findFiles } from './find-files.js';
import { CargoError, inspectCargoProject, type CargoProject } from './cargo-project.js';
import { describeEnvironment } from './environment.js';
import { armKey, executePlan, type Arm, type ExecuteOutcome, type SideOutcome } from './execute.js';
import { planRun } from './plan.js';
import type { Analysis } from '../analysis/analysis.js';
import { analyzeCheckout } from '../analysis/analyze-project.js';
import { TouchedFiles } from './touch-files.js';
import { benchDirectory, setUpCargoVariant, setUpCommandVariant } from './variant-setup.js';

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

/** The pull request's base, checked out in its own worktree, to build interleaved with the head. */
export interface BaseCheckout {
  readonly commit: string;
  /** The project's directory inside the worktree. */
  readonly workingDirectory: string;
  /** Where the base's target directories go: outside the user's tree, removed with the worktree. */
  readonly targetRoot: string;
  readonly scenarios: readonly Scenario[];
}

/** What the base's builds gave, with the files its incremental scenario touched. */
export interface BaseOutcome extends SideOutcome {
  readonly touchedFiles: string[];
  /** The base's build settings, crates and IR lines, to compare the head's with; null: not analysed. */
  readonly analysis: Analysis | null;
  /** The toolchain that built the base (its own `rust-toolchain.toml` may differ); null: not known. */
  readonly rustc: string | null;
  readonly cargo: string | null;
}

export interface BenchmarkOutcome extends Omit<ExecuteOutcome, 'base'> {
  readonly environment: Environment;
  readonly touchedFiles: string[];
  /** Where build-bench keeps its target directories and, by default, the results. */
  readonly benchDir: string;
  readonly variants: readonly Variant[];
  readonly base: BaseOutcome | null;
  /** Null for a non-Cargo command, or when a build failed. */
  readonly analysis: Analysis | null;
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

/** One arm per variant of one side: set up its target directory and shim, in `projectConfig`'s directory. */
function setUpArms(
  projectConfig: Config,
  cargo: CargoProject | null,
  side: 'head' | 'base',
  variants: readonly Variant[],
  place: { readonly benchDir: string; readonly targetDirectory: string | null },
  touched: TouchedFiles | null,
  mold: MoldOnPath | null,
  platform: NodeJS.Platform,
): [string, Arm][] {
  return variants.map((variant) => {
    const setup = cargo
      ? setUpCargoVariant(
          projectConfig,
          {
            targetDirectory: place.targetDirectory ?? cargo.targetDirectory,
            triples: cargo.triples,
            realLinker: cargo.configuredLinker?.linker ?? 'cc',
            withShim: platform === 'linux',
          },
          variant,
          mold?.binDir ?? null,
        )
      : setUpCommandVariant(projectConfig, variant, place.benchDir, mold?.binary ?? null);
    const findArtifacts = (): Promise<string[]> =>
      Promise.resolve(findFiles(projectConfig.workingDirectory, projectConfig.artifactPatterns, 'artifacts'));
    const arm: Arm = { setup, workingDirectory: projectConfig.workingDirectory, touched, findArtifacts };
    return [armKey(side, variant), arm];
  });
}

/** The base's project as cargo sees it; a base that cargo cannot read is a base failure, not the run's. */
async function inspectBase(
  baseConfig: Config,
  deps: BenchmarkDeps,
): Promise<{ cargo: CargoProject | null } | { failure: string }> {
  if (baseConfig.buildSystem !== 'cargo') return { cargo: null };
  try {
    return { cargo: await inspectCargoProject(baseConfig, deps.runner, deps.env) };
  } catch (error) {
    if (error instanceof CargoError || error instanceof ConfigError) return { failure: error.message };
    throw error;
  }
}

export async function runBenchmark(
  config: Config,
  variants: readonly Variant[],
  mold: MoldOnPath | null,
  deps: BenchmarkDeps,
  baseCheckout: BaseCheckout | null = null,
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
  const touched = touchPaths.length > 0 ? new TouchedFiles(touchPaths) : null;
  const arms = new Map<string, Arm>(
    setUpArms(
      config,
      cargo,
      'head',
      variants,
      { benchDir, targetDirectory: null },
      touched,
      mold,
      deps.platform,
    ),
  );
  // Only the gated variant is compared with the base, so only it is built there.
  const baseVariants = [chooseGatedVariant(variants)!];
  const base =
    baseCheckout === null ? null : await prepareBase(config, baseCheckout, baseVariants, mold, deps);
  if (base !== null && 'arms' in base) for (const [key, arm] of base.arms) arms.set(key, arm);
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
  const plan = planRun({
    ...config,
    variants,
    incrementalAlreadyOn: incrementalAlreadyOn || !cargo,
    baseScenarios: base !== null && 'arms' in base ? baseCheckout!.scenarios : [],
    baseVariants,
  });
  const touchedSets = [...new Set([...arms.values()].map((arm) => arm.touched))];
  const restoreTouched = registerCleanup(() => touchedSets.forEach((set) => set?.restore()));
  let outcome: ExecuteOutcome;
  try {
    outcome = await logger.group(`Building: ${plan.length} builds`, () =>
      executePlan({ config, plan, arms }, deps),
    );
  } finally {
    await restoreTouched();
  }
  const analysis =
    cargo && outcome.failure === null
      ? await analyzeCheckout(config, config.workingDirectory, cargo, benchDir, deps)
      : null;
  const baseAnalysis =
    base !== null && 'arms' in base && base.cargo && !outcome.base?.failure
      ? await analyzeCheckout(
          config,
          baseCheckout!.workingDirectory,
          base.cargo,
          benchDirectory(baseCheckout!.targetRoot),
          deps,
          'base',
        )
      : null;
  const linkerVersions: Partial<Record<Variant, string>> = {};
  for (const check of outcome.linkers) linkerVersions[check.variant] = check.linker;
  if (mold && variants.includes('mold')) linkerVersions.mold = `mold ${mold.version}`;
  const environment = await describeEnvironment(
    { config, env, rustc: cargo?.rustcVersion ?? null, cargo: cargo?.cargoVersion ?? null, linkerVersions },
    runner,
  );
  const baseOutcome: BaseOutcome | null =
    base === null
      ? null
      : 'arms' in base
        ? {
            ...(outcome.base ?? { samples: [], linkers: [], failure: null }),
            touchedFiles: base.touchedFiles,
            analysis: baseAnalysis,
            rustc: base.cargo?.rustcVersion ?? null,
            cargo: base.cargo?.cargoVersion ?? null,
          }
        : {
            samples: [],
            linkers: [],
            failure: base.failure,
            touchedFiles: [],
            analysis: null,
            rustc: null,
            cargo: null,
          };
  return {
    samples: outcome.samples,
    linkers: outcome.linkers,
    failure: outcome.failure,
    notes: [...notes, ...outcome.notes],
    environment,
    touchedFiles,
    benchDir,
    variants,
    base: baseOutcome,
    analysis,
  };
}

/** The base's arms in its worktree, or why it cannot be built (reported, and the gate says inconclusive). */
async function prepareBase(
  config: Config,
  checkout: BaseCheckout,
  variants: readonly Variant[],
  mold: MoldOnPath | null,
  deps: BenchmarkDeps,
): Promise<
  { arms: [string, Arm][]; touchedFiles: string[]; cargo: CargoProject | null } | { failure: BuildFailure }
> {
  const baseConfig: Config = {
    ...config,
    workingDirectory: checkout.workingDirectory,
    scenarios: checkout.scenarios,
  };
  const failure = (message: string): { failure: BuildFailure } => ({
    failure: {
      scenario: checkout.scenarios[0] ?? config.scenarios[0]!,
      variant: variants[0]!,
      phase: 'prepare',
      command: config.command,
      exitCode: null,
      outputTail: '',
      message: `Base: ${message}`,
    },
  });
  const inspected = await inspectBase(baseConfig, deps);
  if ('failure' in inspected) return failure(inspected.failure);
  let touchPaths: string[];
  try {
    touchPaths = chooseTouchFiles(baseConfig, inspected.cargo);
  } catch (error) {
    if (error instanceof ConfigError) return failure(error.message);
    throw error;
  }
  const touched = touchPaths.length > 0 ? new TouchedFiles(touchPaths) : null;
  const place = { benchDir: benchDirectory(checkout.targetRoot), targetDirectory: checkout.targetRoot };
  return {
    arms: setUpArms(baseConfig, inspected.cargo, 'base', variants, place, touched, mold, deps.platform),
    touchedFiles: touchPaths.map((file) => path.relative(checkout.workingDirectory, file)),
    cargo: inspected.cargo,
  };
}
