/**
 * Before each build: room on the disk for a variant's first build (and, for the base, its target directory
 * started from the head's), an empty target for clean builds, the touched files for incremental ones.
 */
import { ConfigError, type Config } from '../config/config.js';
import type { BuildFailure } from '../results/results.js';
import type { CommandResult } from '../system/ports.js';
import { ChangedByUserError } from '../edits/source-files.js';
import type { BaseCostMeter } from './base-cost.js';
import { checkDiskFor, DiskSpaceError } from './disk.js';
import { clearCapturedLinks, finalLinks } from './link-captures.js';
import type { PlannedBuild } from '../rounds/plan.js';
import { armKey, cleanArm, type Arm, type BuildDeps } from './run-build.js';

/** Why a build could not be prepared: the run stops there, as after a failing build. */
export interface PrepareProblem {
  readonly phase: BuildFailure['phase'];
  readonly message: string;
  readonly result?: CommandResult;
  readonly command?: string;
}

export interface PrepareContext {
  readonly config: Config;
  readonly arms: ReadonlyMap<string, Arm>;
  /** Arms (`armKey`) that built once already, and the bytes their target directories took after it. */
  readonly started: ReadonlySet<string>;
  readonly sizes: ReadonlyMap<string, number>;
  readonly baseCost: BaseCostMeter;
  readonly deps: BuildDeps;
}

export async function prepareBuild(
  build: PlannedBuild,
  arm: Arm,
  context: PrepareContext,
): Promise<PrepareProblem | null> {
  const { config, started, deps } = context;
  try {
    if (config.buildSystem === 'cargo' && !started.has(armKey(build.side, build.variant))) {
      checkDiskFor(armKey(build.side, build.variant), arm.setup.targetDir, context.sizes);
      const head = context.arms.get(armKey('head', build.variant));
      const headBuilt = head !== undefined && started.has(armKey('head', build.variant));
      // The base's first build starts from the head's target directory of the same variant, built just before.
      if (build.side === 'base' && build.scenario !== 'clean' && headBuilt) {
        const fresh = await context.baseCost.seed(
          head.setup.targetDir,
          arm.setup.targetDir,
          arm.workingDirectory,
        );
        // The base's checkout is build-bench's own: its new times are the benchmark's doing, not a user's edit.
        if (fresh) arm.sources?.files.adoptAll();
      }
    }
    if (build.scenario === 'clean') {
      const cleaned = await cleanArm(config, arm, { ...deps.env, ...arm.setup.env }, deps.runner);
      if (cleaned && cleaned.exitCode !== 0) {
        return {
          phase: build.phase,
          message: `The clean command failed with exit code ${cleaned.exitCode}`,
          result: cleaned,
          command: config.cleanCommand ?? '',
        };
      }
    } else if (build.scenario === 'incremental' && build.phase !== 'prepare' && arm.sources) {
      arm.sources.files.touch(arm.sources.touchPaths);
    } else if (build.scenario === 'link') {
      return prepareLink(build, arm);
    }
    return null;
  } catch (error) {
    if (
      error instanceof DiskSpaceError ||
      error instanceof ChangedByUserError ||
      error instanceof ConfigError
    ) {
      const suffix =
        error instanceof ChangedByUserError ? ': the benchmark stopped so as not to hide the change' : '';
      return { phase: 'prepare', message: `${error.message}${suffix}` };
    }
    throw error;
  }
}

/**
 * The failure of a side at `build`: a problem preparing it, a failing build or an unproven variant (`command`: the
 * build's command line unless the problem names another, e.g. the clean command).
 */
export function describeFailure(
  build: PlannedBuild,
  [phase, message, result, command]: [BuildFailure['phase'], string, CommandResult?, string?],
  buildCommand: string,
): BuildFailure {
  return {
    scenario: build.scenario,
    variant: build.variant,
    phase,
    command: command ?? buildCommand,
    exitCode: result?.exitCode ?? null,
    outputTail: result?.outputTail ?? '',
    message: build.side === 'base' ? `Base: ${message}` : message,
  };
}

/**
 * The link scenario: its prepare build touches the files (so the crates they are in compile and link again) with
 * an empty capture folder; every later build replays what it kept, so there must be a final link among it.
 */
function prepareLink(build: PlannedBuild, arm: Arm): PrepareProblem | null {
  const links = arm.setup.links;
  if (links === null) {
    return {
      phase: 'prepare',
      message: "The link scenario needs build-bench's link shim, and it could not be compiled here",
    };
  }
  if (build.phase === 'prepare') {
    clearCapturedLinks(links.captureDir);
    if (arm.sources) arm.sources.files.touch(arm.sources.touchPaths);
    return null;
  }
  if (finalLinks(links.captureDir, arm.verify.cdylibNames).length > 0) return null;
  return {
    phase: 'prepare',
    message:
      'The link scenario has no final link to replay: its capture build linked no executable or cdylib (input ' +
      "'touch' names files of the crate whose links it replays)",
  };
}
