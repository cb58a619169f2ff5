/** The measuring stage end to end: inspect the project, set up shims, sources and arms, execute, describe. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config, Variant } from '../config/config.js';
import type { Environment, RoundsRecord } from '../results/results.js';
import type { Logger, ProcessRunner } from '../system/ports.js';
import { registerCleanup } from '../system/cleanup.js';
import { chooseGatedVariant } from '../variants/gated-variant.js';
import { inspectCargoProject, type CargoProject } from '../cargo/cargo.js';
import { describeEnvironment } from './environment.js';
import { executePlan, type ExecuteOutcome } from './execute.js';
import { planScenarios } from '../rounds/plan.js';
import type { Analysis } from '../analysis/analysis.js';
import { analyzeCheckout } from '../analysis/analyze-project.js';
import { findRustcWrapper } from '../cargo/cargo.js';
import { compileShims, ShimCompileError } from '../shims/io/compile-shims.js';
import { probeLinkerTools } from '../variants/io/linker-tools.js';
import { hasSettings, usesLinker } from '../variants/variant-spec.js';
import { resolveSettingsVariants, settingsProjectOf } from '../variants/settings-variants.js';
import { chooseTouchFiles, createSetTimes, prepareSources, setUpArms } from './arms.js';
import type { Arm, SideSources } from './run-build.js';
import { benchDirectory, type ShimTools } from './variant-setup.js';
import { describeTouchedFiles, openProjectJournal, restoreSources } from './restore-sources.js';
import { describeBaseOutcome, prepareBase, type BaseCheckout, type BaseOutcome } from './base-side.js';

export type { BaseCheckout } from './base-side.js';
import type { RoundsTargets } from '../rounds/targets.js';
import { describeIncrementalNotes, describeSameLinker } from './run-notes.js';
import { setAsideEarlierResults } from '../results/io/set-aside.js';

export interface BenchmarkDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly nowMs: () => number;
  readonly liveProgressIntervalMs?: number;
}

export interface MoldOnPath {
  readonly version: string;
  readonly binDir: string;
  readonly binary: string;
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
  readonly rounds: RoundsRecord[];
}

const NO_TARGETS: RoundsTargets = { historyTarget: () => null, earlierLogTimes: () => null };

/** `.build-bench/` of a non-Cargo command, with a `.gitignore` so that git leaves it alone. */
function makeCommandBenchDir(workingDirectory: string): string {
  const benchDir = path.join(workingDirectory, '.build-bench');
  mkdirSync(benchDir, { recursive: true });
  const ignore = path.join(benchDir, '.gitignore');
  if (!existsSync(ignore))
    writeFileSync(ignore, '# Written by build-bench: its results and shims, nothing to commit.\n*\n');
  return benchDir;
}

/** The compiled shims, or null (with a note) where builds run without them. */
async function provideShimBinary(
  config: Config,
  variants: readonly Variant[],
  benchDir: string,
  deps: BenchmarkDeps,
  notes: string[],
): Promise<string | null> {
  if (deps.platform !== 'linux') return null;
  try {
    return (await compileShims(path.join(benchDir, 'shims', 'bin'), deps.runner, deps.env)).binary;
  } catch (error) {
    if (!(error instanceof ShimCompileError)) throw error;
    if (config.buildSystem === 'cargo' && variants.some((variant) => variant !== 'default')) throw error;
    notes.push(
      `${error.message}. Builds run without it: no link times, crate times or nanosecond-exact restores.`,
    );
    return null;
  }
}

export async function runBenchmark(
  config: Config,
  requestedVariants: readonly Variant[],
  mold: MoldOnPath | null,
  deps: BenchmarkDeps,
  baseCheckout: BaseCheckout | null = null,
  targets: RoundsTargets = NO_TARGETS,
): Promise<BenchmarkOutcome> {
  const { logger, runner, env } = deps;
  const notes: string[] = [];
  const cargo = config.buildSystem === 'cargo' ? await inspectCargoProject(config, runner, env) : null;
  const { variants, notes: settingsNotes } = cargo
    ? await resolveSettingsVariants(config, requestedVariants, settingsProjectOf(cargo), deps)
    : { variants: [...requestedVariants], notes: [] };
  notes.push(...settingsNotes);
  const benchDir = cargo
    ? benchDirectory(cargo.targetDirectory)
    : makeCommandBenchDir(config.workingDirectory);
  const journal = openProjectJournal(benchDir, logger);
  setAsideEarlierResults(config.resultsPath ?? path.join(benchDir, 'results.json'), logger);
  const binary = await provideShimBinary(config, variants, benchDir, deps, notes);
  const shims = await provideShimTools(config, cargo, binary, mold, variants, benchDir, deps, notes);
  const touchPaths = chooseTouchFiles(config, cargo);
  const touchedFiles = touchPaths.map((file) => path.relative(config.workingDirectory, file));
  if (touchedFiles.length > 0) logger.info(describeTouchedFiles(touchedFiles));
  if (cargo?.configuredLinker) {
    logger.info(
      `Honouring the configured linker ${cargo.configuredLinker.linker} (from ${cargo.configuredLinker.source}).`,
    );
  }
  const setTimes = createSetTimes(binary, path.join(benchDir, 'shims'));
  const sidesToRestore: SideSources[] = [];
  // Registered before any change: a signal from here on puts back whatever has been changed.
  const restore = registerCleanup(() => {
    restoreSources(sidesToRestore, logger);
    journal.close();
  });
  const headSources = prepareSources(config, touchPaths, setTimes, journal);
  if (headSources) sidesToRestore.push(headSources);
  const arms = new Map<string, Arm>(
    setUpArms(
      {
        config,
        side: 'head',
        cargo,
        targetDirectory: null,
        benchDir,
        sources: headSources,
        shims,
        moldBinary: mold?.binary ?? null,
      },
      variants,
    ),
  );
  // Only the gated variant is compared with the base, so only it is built there.
  const gatedVariant = chooseGatedVariant(variants, config.gatedVariant)!;
  const base =
    baseCheckout === null
      ? null
      : await prepareBase(config, baseCheckout, [gatedVariant], mold?.binary ?? null, shims, deps, benchDir);
  if (base !== null && 'arms' in base) for (const [key, arm] of base.arms) arms.set(key, arm);
  notes.push(...describeIncrementalNotes(config, cargo, env));
  const plans = planScenarios({
    ...config,
    variants,
    incrementalAlreadyOn: env.CARGO_INCREMENTAL === '1' || !cargo,
    baseScenarios: base !== null && 'arms' in base ? baseCheckout!.scenarios : [],
    baseVariants: [gatedVariant],
    captureVariant: gatedVariant,
    linkVariants: variants.filter((variant) => !hasSettings(variant)),
  });
  let outcome: ExecuteOutcome;
  try {
    outcome = await logger.group('Building', () =>
      executePlan(
        { config, plans, arms, rounds: { gatedVariant, ...targets } },
        { ...deps, nowMs: deps.nowMs },
      ),
    );
  } finally {
    await restore();
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
  if (mold && usesLinker(variants, 'mold')) linkerVersions.mold = `mold ${mold.version}`;
  const sameLinker = describeSameLinker(outcome);
  for (const note of sameLinker) logger.warning(note);
  notes.push(...sameLinker);
  const environment = await describeEnvironment(
    { config, env, rustc: cargo?.rustcVersion ?? null, cargo: cargo?.cargoVersion ?? null, linkerVersions },
    runner,
  );
  return {
    samples: outcome.samples,
    linkers: outcome.linkers,
    settingProofs: outcome.settingProofs,
    failure: outcome.failure,
    notes: [...notes, ...outcome.notes],
    rounds: outcome.rounds,
    targetBytes: outcome.targetBytes,
    environment,
    touchedFiles,
    benchDir,
    variants,
    base: describeBaseOutcome(base, outcome, baseAnalysis),
    analysis,
  };
}

async function provideShimTools(
  config: Config,
  cargo: CargoProject | null,
  binary: string | null,
  mold: MoldOnPath | null,
  variants: readonly Variant[],
  benchDir: string,
  deps: BenchmarkDeps,
  notes: string[],
): Promise<ShimTools> {
  const realLinker = cargo?.configuredLinker?.linker ?? 'cc';
  if (cargo === null || binary === null) {
    return { binary: null, linker: { realLinker, mold: null, systemLld: false }, userWrapper: null };
  }
  const probed = await probeLinkerTools(
    realLinker,
    mold,
    path.join(benchDir, 'shims'),
    deps.runner,
    deps.env,
    variants,
  );
  for (const note of probed.notes) deps.logger.info(note);
  notes.push(...probed.notes);
  return { binary, linker: probed.tools, userWrapper: findRustcWrapper(config.workingDirectory, deps.env) };
}
