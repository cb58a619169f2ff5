/** One build of one arm: what comes before it (clean, touch), the timed run with live progress, and its logs. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config, type Variant } from '../config/config.js';
import type { Sample } from '../results/results.js';
import {
  crateLabel,
  parseCrateLog,
  parseLinkLog,
  linkWallMs,
  type CrateRecord,
  type LinkRecord,
} from '../shims/link-log.js';
import { SHIM_ENV } from '../shims/shim-env.js';
import type { CommandResult, Logger, ProcessRunner } from '../system/ports.js';
import type { SourceEdit } from '../edits/source-edit.js';
import type { SourceFiles } from '../edits/source-files.js';
import {
  describeLiveProgress,
  readCargoProgress,
  startLiveProgress,
  type CargoProgress,
} from './live-progress.js';
import type { PlannedBuild, Side } from '../rounds/plan.js';
import type { VariantSetup } from './variant-setup.js';
import { snapshotArtifacts, type ArtifactSnapshot, type VerifyTarget } from './verify-build.js';
import { finalLinks } from './link-captures.js';

/** The source files of one side (head or base) that its builds touch or edit. */
export interface SideSources {
  readonly files: SourceFiles;
  readonly touchPaths: readonly string[];
  /** The edit scenario's change; null when the run has no edit scenario. */
  readonly edit: SourceEdit | null;
}

/** One side × variant: how it builds, where, and what its scenarios change. */
export interface Arm {
  readonly side: Side;
  readonly variant: Variant;
  readonly setup: VariantSetup;
  readonly workingDirectory: string;
  readonly sources: SideSources | null;
  readonly verify: VerifyTarget;
}

export function armKey(side: Side, variant: Variant): string {
  return `${side}/${variant}`;
}

export interface BuildDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly nowMs: () => number;
  /** How often a long build prints a line of progress; LIVE_PROGRESS_INTERVAL_MS when absent. */
  readonly liveProgressIntervalMs?: number;
}

/** What one build gave: the process's result, its links and crates, and (command builds) its artifacts before it. */
export interface BuildRun {
  readonly result: CommandResult;
  readonly links: readonly LinkRecord[];
  readonly crates: readonly CrateRecord[];
  readonly artifactsBefore: ArtifactSnapshot | null;
  readonly linkMs: number | null;
}

/** Cargo: empty the variant's target directory. Other commands: run `clean-command` with the variant's env. */
export async function cleanArm(
  config: Config,
  arm: Arm,
  env: NodeJS.ProcessEnv,
  runner: ProcessRunner,
): Promise<CommandResult | null> {
  if (config.buildSystem === 'cargo') {
    rmSync(arm.setup.targetDir, { recursive: true, force: true });
    return null;
  }
  return runner.run('/bin/sh', ['-c', config.cleanCommand ?? 'true'], { cwd: arm.workingDirectory, env });
}

/** The artifacts there are before a build: none yet when `artifacts` matches nothing until the first build. */
function artifactsBeforeBuild(target: VerifyTarget): string[] {
  try {
    return target.findArtifacts();
  } catch (error) {
    if (error instanceof ConfigError) return [];
    throw error;
  }
}

/** Runs the build once, timed, with a line of live progress every few seconds while it runs. */
export async function runBuild(
  config: Config,
  arm: Arm,
  build: PlannedBuild,
  logDirectory: string,
  what: string,
  deps: BuildDeps,
): Promise<BuildRun> {
  const { setup } = arm;
  const linkLog = path.join(logDirectory, `links-${deps.nowMs()}-${arm.side}-${arm.variant}.log`);
  const crateLog = `${linkLog}.crates`;
  const artifactsBefore = setup.timesLinks ? null : snapshotArtifacts(artifactsBeforeBuild(arm.verify));
  let progress: CargoProgress | null = null;
  const stop = startLiveProgress(
    (elapsedMs) => deps.logger.info(describeLiveProgress(what, elapsedMs, progress)),
    deps.nowMs,
    deps.liveProgressIntervalMs,
  );
  const command = commandOf(arm, build);
  let result: CommandResult;
  try {
    result = await deps.runner.run(command.file, command.args, {
      cwd: arm.workingDirectory,
      env: {
        ...deps.env,
        ...(build.forceIncremental ? { CARGO_INCREMENTAL: '1' } : {}),
        // After the forced CARGO_INCREMENTAL: a variant that sets `incremental` itself keeps its choice.
        ...setup.env,
        ...command.env,
        [SHIM_ENV.linkLog]: linkLog,
        [SHIM_ENV.crateLog]: crateLog,
      },
      timeoutMs: config.buildTimeoutMs,
      onOutput: (chunk) => {
        progress = readCargoProgress(chunk) ?? progress;
      },
    });
  } finally {
    stop();
  }
  const links = existsSync(linkLog) ? parseLinkLog(readFileSync(linkLog, 'utf8')) : [];
  const crates = existsSync(crateLog) ? parseCrateLog(readFileSync(crateLog, 'utf8')) : [];
  for (const file of [linkLog, crateLog]) rmSync(file, { force: true });
  return {
    result,
    links,
    crates,
    artifactsBefore,
    linkMs: setup.timesLinks ? round2(linkWallMs(links)) : null,
  };
}

/**
 * What one build runs: the variant's command; in the link scenario, its prepare build keeps the links it runs
 * (the capture folder set), and every other build replays the final links kept, with this variant's linker.
 */
function commandOf(
  arm: Arm,
  build: PlannedBuild,
): { file: string; args: readonly string[]; env: Record<string, string> } {
  const { setup } = arm;
  if (build.scenario !== 'link' || setup.links === null)
    return { file: setup.file, args: setup.args, env: {} };
  if (build.phase === 'prepare')
    return { file: setup.file, args: setup.args, env: { [SHIM_ENV.linkCapture]: setup.links.captureDir } };
  const folders = finalLinks(setup.links.captureDir, arm.verify.cdylibNames).map((link) => link.folder);
  return { file: setup.links.replay, args: folders, env: {} };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Compile time per crate label, rustc runs of one crate added up (a crate built for host and target counts both). */
function crateTimes(crates: readonly CrateRecord[]): Record<string, number> {
  const times: Record<string, number> = {};
  for (const record of crates) {
    const label = crateLabel(record);
    times[label] = round2((times[label] ?? 0) + record.durationMs);
  }
  return times;
}

/** The measured sample of a successful build. */
export function toSample(build: PlannedBuild, sequence: number, run: BuildRun, arm: Arm): Sample {
  const { result, links, crates } = run;
  const overheads = [...links, ...crates].map((record) => record.overheadMs);
  const edit = arm.sources?.edit;
  return {
    scenario: build.scenario,
    variant: build.variant,
    round: build.round,
    sequence,
    wallMs: round2(result.wallMs),
    cpuMs: result.cpuMs === null ? null : round2(result.cpuMs),
    peakRssKb: result.peakRssKb,
    linkMs: run.linkMs,
    linkCount: arm.setup.timesLinks ? links.length : null,
    exitCode: 0,
    overheadMs: arm.setup.timesLinks ? round2(overheads.reduce((sum, value) => sum + value, 0)) : null,
    crateMs: arm.setup.timesCrates ? crateTimes(crates) : null,
    edit: build.scenario !== 'edit' || !edit ? null : edit.state === 'changed' ? 'apply' : 'revert',
  };
}
