/**
 * The pull request's base as the second side of a run: its arms in its own worktree, or why it cannot be built
 * (reported, and the gate says inconclusive), and what its builds gave.
 */
import path from 'node:path';
import type { Analysis } from '../analysis/analysis.js';
import { ConfigError, type Config, type Scenario, type Variant } from '../config/config.js';
import type { BaseCost, BuildFailure } from '../results/results.js';
import type { ProcessRunner } from '../system/ports.js';
import { chooseTouchFiles, prepareSources, setUpArms } from './arms.js';
import { NO_JOURNAL } from '../edits/journal.js';
import { CargoError, inspectCargoProject, type CargoProject } from '../cargo/cargo.js';
import type { ExecuteOutcome, SideOutcome } from './execute.js';
import type { Arm, SideSources } from './run-build.js';
import { benchDirectory, type ShimTools } from './variant-setup.js';

interface BaseDeps {
  readonly runner: ProcessRunner;
  readonly env: NodeJS.ProcessEnv;
}

/** The base's arms, the files it touches and its project; or why it cannot be built. */
export type PreparedBase =
  { arms: [string, Arm][]; touchedFiles: string[]; cargo: CargoProject | null } | { failure: BuildFailure };

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
  /** What building the base added to the run; null when it could not be prepared. */
  readonly cost: BaseCost | null;
}

export function describeBaseOutcome(
  base: PreparedBase | null,
  outcome: ExecuteOutcome,
  analysis: Analysis | null,
): BaseOutcome | null {
  if (base === null) return null;
  if ('failure' in base) {
    return {
      samples: [],
      linkers: [],
      settingProofs: [],
      failure: base.failure,
      touchedFiles: [],
      analysis: null,
      rustc: null,
      cargo: null,
      cost: null,
    };
  }
  return {
    ...(outcome.base ?? { samples: [], linkers: [], settingProofs: [], failure: null, cost: null }),
    touchedFiles: base.touchedFiles,
    analysis,
    rustc: base.cargo?.rustcVersion ?? null,
    cargo: base.cargo?.cargoVersion ?? null,
  };
}

/** The base's project as cargo sees it; a base that cargo cannot read is a base failure, not the run's. */
async function inspectBase(
  baseConfig: Config,
  deps: BaseDeps,
): Promise<{ cargo: CargoProject | null } | { failure: string }> {
  if (baseConfig.buildSystem !== 'cargo') return { cargo: null };
  try {
    return { cargo: await inspectCargoProject(baseConfig, deps.runner, deps.env) };
  } catch (error) {
    if (error instanceof CargoError || error instanceof ConfigError) return { failure: error.message };
    throw error;
  }
}

/** The base's arms in its worktree, or why it cannot be built (reported, and the gate says inconclusive). */
export async function prepareBase(
  config: Config,
  checkout: BaseCheckout,
  variants: readonly Variant[],
  moldBinary: string | null,
  shims: ShimTools,
  deps: BaseDeps,
  headBenchDir: string,
): Promise<PreparedBase> {
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
  let sources: SideSources | null;
  try {
    touchPaths = chooseTouchFiles(baseConfig, inspected.cargo);
    // The base's worktree is removed at the end: its files need no restoring.
    sources = prepareSources(baseConfig, touchPaths, () => undefined, NO_JOURNAL);
  } catch (error) {
    if (error instanceof ConfigError) return failure(error.message);
    throw error;
  }
  const benchDir = benchDirectory(checkout.targetRoot);
  return {
    arms: setUpArms(
      {
        config: baseConfig,
        side: 'base',
        cargo: inspected.cargo,
        targetDirectory: checkout.targetRoot,
        benchDir,
        // The head's shims: the same linker path, so the base's first build reuses the head's dependencies.
        shimRoot: headBenchDir,
        sources,
        shims,
        moldBinary,
      },
      variants,
    ),
    touchedFiles: touchPaths.map((file) => path.relative(checkout.workingDirectory, file)),
    cargo: inspected.cargo,
  };
}
