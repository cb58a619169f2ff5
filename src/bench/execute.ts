/** Runs the plan: prepares each scenario, times each build, reads the link log, verifies the linker. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config, Variant } from '../config/config.js';
import type { BuildFailure, LinkerCheck, Sample } from '../results/results.js';
import type { CommandResult, Logger, ProcessRunner } from '../system/ports.js';
import { LINK_LOG_ENV, linkWallMs, parseLinkLog, type LinkRecord } from './link-shim-script.js';
import { estimateRemainingMs, type PlannedBuild, type Side } from './plan.js';
import { describeProgress } from './progress.js';
import type { TouchedFiles } from './touch-files.js';
import type { VariantSetup } from './variant-setup.js';
import { registerCleanup } from '../system/cleanup.js';
import { verifyBuild } from './verify-build.js';

export interface ExecuteDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
}

/** One side × variant: how it builds, where, and which files its incremental scenario touches. */
export interface Arm {
  readonly setup: VariantSetup;
  readonly workingDirectory: string;
  readonly touched: TouchedFiles | null;
  /** Files whose linker is verified for `command` builds (the `artifacts` input, resolved). */
  readonly findArtifacts: () => Promise<string[]>;
}

export function armKey(side: Side, variant: Variant): string {
  return `${side}/${variant}`;
}

export interface ExecuteInput {
  readonly config: Config;
  readonly plan: readonly PlannedBuild[];
  /** By `armKey(side, variant)`. */
  readonly arms: ReadonlyMap<string, Arm>;
}

/** What one side's builds gave. */
export interface SideOutcome {
  readonly samples: Sample[];
  readonly linkers: LinkerCheck[];
  readonly failure: BuildFailure | null;
}

export interface ExecuteOutcome extends SideOutcome {
  readonly notes: string[];
  /** The base's builds; null when none were planned. A failing base stops the base only, never the head. */
  readonly base: SideOutcome | null;
}

interface Finished {
  readonly scenario: PlannedBuild['scenario'];
  readonly phase: PlannedBuild['phase'];
  readonly wallMs: number;
}

export async function executePlan(input: ExecuteInput, deps: ExecuteDeps): Promise<ExecuteOutcome> {
  const { config, plan, arms } = input;
  const sides = {
    head: {
      samples: [] as Sample[],
      linkers: new Map<Variant, LinkerCheck>(),
      failure: null as BuildFailure | null,
    },
    base: {
      samples: [] as Sample[],
      linkers: new Map<Variant, LinkerCheck>(),
      failure: null as BuildFailure | null,
    },
  };
  const verifiedPhases = new Set<string>();
  const notes: string[] = [];
  const finished: Finished[] = [];
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'build-bench-'));
  const removeLogDir = registerCleanup(() => rmSync(logDir, { recursive: true, force: true }));
  const addNote = (note: string): void => {
    if (!notes.includes(note)) notes.push(note);
  };
  const fail = (
    build: PlannedBuild,
    phase: BuildFailure['phase'],
    message: string,
    result?: CommandResult,
    command = config.command,
  ): BuildFailure => ({
    scenario: build.scenario,
    variant: build.variant,
    phase,
    command,
    exitCode: result?.exitCode ?? null,
    outputTail: result?.outputTail ?? '',
    message: build.side === 'base' ? `Base: ${message}` : message,
  });
  /** A head failure ends the run; a base failure ends the base's builds only. */
  const stop = (build: PlannedBuild, failure: BuildFailure): boolean => {
    sides[build.side].failure = failure;
    return build.side === 'head';
  };
  try {
    for (const [index, build] of plan.entries()) {
      if (sides[build.side].failure !== null) continue;
      const arm = arms.get(armKey(build.side, build.variant))!;
      const { setup } = arm;
      const side = sides[build.side];
      const baseEnv = {
        ...deps.env,
        ...setup.env,
        ...(build.forceIncremental ? { CARGO_INCREMENTAL: '1' } : {}),
      };
      if (build.scenario === 'clean') {
        const cleaned = await cleanVariant(config, arm, baseEnv, deps);
        if (cleaned && cleaned.exitCode !== 0) {
          const message = `The clean command failed with exit code ${cleaned.exitCode}`;
          if (stop(build, fail(build, build.phase, message, cleaned, config.cleanCommand ?? ''))) break;
          continue;
        }
      } else if (build.scenario === 'incremental' && build.phase !== 'prepare') {
        arm.touched?.touch();
      }
      const linkLog = path.join(logDir, `links-${index}.log`);
      const startedEpochMs = setup.timesLinks ? 0 : readFileClockMs(`${linkLog}.start`);
      const result = await deps.runner.run(setup.file, setup.args, {
        cwd: arm.workingDirectory,
        env: { ...baseEnv, [LINK_LOG_ENV]: linkLog },
        timeoutMs: config.buildTimeoutMs,
      });
      arm.touched?.restore();
      const links = existsSync(linkLog) ? parseLinkLog(readFileSync(linkLog, 'utf8')) : [];
      finished.push({ scenario: build.scenario, phase: build.phase, wallMs: result.wallMs });
      deps.logger.progress(
        describeProgress(
          build,
          index,
          plan.length,
          result,
          linkTotalMs(links, setup),
          estimateRemainingMs(plan.slice(index + 1), finished),
        ),
      );
      if (result.exitCode !== 0) {
        const why = result.timedOut
          ? `The build timed out after ${config.buildTimeoutMs / 60_000} min (input 'build-timeout-minutes')`
          : `The build failed with exit code ${result.exitCode ?? `signal ${result.signal}`}`;
        if (stop(build, fail(build, build.phase, why, result))) break;
        continue;
      }
      const phaseKey = `${build.side}/${build.variant}/${build.scenario}`;
      if (!verifiedPhases.has(phaseKey)) {
        const verified = await verifyBuild(build, setup, links, startedEpochMs, arm);
        if ('failure' in verified) {
          if (verified.check) side.linkers.set(build.variant, verified.check);
          if (stop(build, fail(build, 'verify', verified.failure))) break;
          continue;
        }
        if (verified.check) {
          side.linkers.set(build.variant, verified.check);
          verifiedPhases.add(phaseKey);
        }
      }
      if (
        setup.timesLinks &&
        build.side === 'head' &&
        build.scenario === 'incremental' &&
        build.phase === 'sample' &&
        links.length === 0
      ) {
        addNote(
          `An incremental build of '${build.variant}' linked nothing: are the touched files part of this build?`,
        );
      }
      if (build.phase === 'sample') {
        side.samples.push({
          scenario: build.scenario,
          variant: build.variant,
          round: build.round,
          sequence: index,
          wallMs: round2(result.wallMs),
          cpuMs: result.cpuMs === null ? null : round2(result.cpuMs),
          peakRssKb: result.peakRssKb,
          linkMs: linkTotalMs(links, setup),
          linkCount: setup.timesLinks ? links.length : null,
          exitCode: 0,
        });
      }
    }
    for (const [key, arm] of arms) {
      const { setup } = arm;
      const buildSide: Side = key.startsWith('base/') ? 'base' : 'head';
      const side = sides[buildSide];
      if (sides.head.failure !== null || side.failure !== null || side.linkers.has(setup.variant)) continue;
      const why = unverifiedReason(config, setup);
      if (setup.variant !== 'default' && (setup.timesLinks || config.buildSystem === 'command')) {
        const last = plan
          .filter((build) => build.variant === setup.variant && build.side === buildSide)
          .at(-1);
        if (last === undefined) continue;
        stop(last, fail(last, 'verify', `The '${setup.variant}' variant could not be verified: ${why}`));
        continue;
      }
      if (buildSide === 'head')
        addNote(`The linker of the '${setup.variant}' variant is not verified: ${why}`);
    }
    return finish();
  } finally {
    for (const arm of arms.values()) arm.touched?.restore();
    await removeLogDir();
  }

  function finish(): ExecuteOutcome {
    const outcomeOf = (side: (typeof sides)['head']): SideOutcome => ({
      samples: side.samples,
      linkers: [...side.linkers.values()],
      failure: side.failure,
    });
    const hasBase = plan.some((build) => build.side === 'base');
    return { ...outcomeOf(sides.head), notes, base: hasBase ? outcomeOf(sides.base) : null };
  }
}

/** Time during which at least one link ran (parallel links count once); null without the shim. */
function linkTotalMs(links: readonly LinkRecord[], setup: VariantSetup): number | null {
  return setup.timesLinks ? round2(linkWallMs(links)) : null;
}

function unverifiedReason(config: Config, setup: VariantSetup): string {
  if (config.buildSystem === 'command') return "no file of input 'artifacts' was written by its builds.";
  if (!setup.timesLinks) return 'links are timed and read on Linux only.';
  return 'nothing went through the link shim (nothing was linked, or RUSTFLAGS set `-C linker`).';
}

/** The kernel's file clock, read from a fresh file: artifacts a build writes after this are not older. */
function readFileClockMs(markerPath: string): number {
  writeFileSync(markerPath, '');
  return statSync(markerPath).mtimeMs;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Cargo: empty the variant's target directory. Other commands: run `clean-command` with the variant's env. */
async function cleanVariant(
  config: Config,
  arm: Arm,
  env: NodeJS.ProcessEnv,
  deps: ExecuteDeps,
): Promise<CommandResult | null> {
  if (config.buildSystem === 'cargo') {
    rmSync(arm.setup.targetDir, { recursive: true, force: true });
    return null;
  }
  return deps.runner.run('/bin/sh', ['-c', config.cleanCommand ?? 'true'], {
    cwd: arm.workingDirectory,
    env,
  });
}
