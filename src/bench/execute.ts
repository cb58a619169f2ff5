/** Runs the plan: prepares each scenario, times each build, reads the link log, verifies the linker. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config, Variant } from '../config/config.js';
import type { BuildFailure, LinkerCheck, Sample } from '../results/results.js';
import type { Clock, CommandResult, Logger, ProcessRunner } from '../system/ports.js';
import { LINK_LOG_ENV, parseLinkLog, type LinkRecord } from './link-shim-script.js';
import { estimateRemainingMs, type PlannedBuild } from './plan.js';
import { describeProgress } from './progress.js';
import type { TouchedFiles } from './touch-files.js';
import type { VariantSetup } from './variant-setup.js';
import { registerCleanup } from '../system/cleanup.js';
import { checkLinker, LinkerMismatchError } from './verify-linker.js';

export interface ExecuteDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
}

export interface ExecuteInput {
  readonly config: Config;
  readonly plan: readonly PlannedBuild[];
  readonly setups: ReadonlyMap<Variant, VariantSetup>;
  readonly touched: TouchedFiles | null;
  /** Files whose linker is verified for `command` builds (the `artifacts` input, resolved). */
  readonly findArtifacts: () => Promise<string[]>;
}

export interface ExecuteOutcome {
  readonly samples: Sample[];
  readonly linkers: LinkerCheck[];
  readonly failure: BuildFailure | null;
  readonly notes: string[];
  /** Milliseconds spent inside build and clean commands (the rest is build-bench's own overhead). */
  readonly commandMs: number;
}

interface Finished {
  readonly scenario: PlannedBuild['scenario'];
  readonly phase: PlannedBuild['phase'];
  readonly wallMs: number;
}

export async function executePlan(input: ExecuteInput, deps: ExecuteDeps): Promise<ExecuteOutcome> {
  const { config, plan, setups } = input;
  const samples: Sample[] = [];
  const linkers = new Map<Variant, LinkerCheck>();
  const verifiedPhases = new Set<string>();
  const notes: string[] = [];
  const finished: Finished[] = [];
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'build-bench-'));
  const removeLogDir = registerCleanup(() => rmSync(logDir, { recursive: true, force: true }));
  let commandMs = 0;
  const fail = (
    build: PlannedBuild,
    phase: BuildFailure['phase'],
    message: string,
    result?: CommandResult,
  ): BuildFailure => ({
    scenario: build.scenario,
    variant: build.variant,
    phase,
    command: config.command,
    exitCode: result?.exitCode ?? null,
    outputTail: result?.outputTail ?? '',
    message,
  });
  try {
    for (const [index, build] of plan.entries()) {
      const setup = setups.get(build.variant)!;
      const baseEnv = {
        ...deps.env,
        ...setup.env,
        ...(build.forceIncremental ? { CARGO_INCREMENTAL: '1' } : {}),
      };
      if (build.scenario === 'clean') {
        const cleaned = await cleanVariant(config, setup, baseEnv, deps);
        commandMs += cleaned?.wallMs ?? 0;
        if (cleaned && cleaned.exitCode !== 0) {
          return finish(
            fail(build, build.phase, `The clean command failed with exit code ${cleaned.exitCode}`, cleaned),
          );
        }
      } else if (build.scenario === 'incremental' && build.phase !== 'prepare') {
        input.touched?.touch();
      }
      const linkLog = path.join(logDir, `links-${index}.log`);
      const result = await deps.runner.run(setup.file, setup.args, {
        cwd: config.workingDirectory,
        env: { ...baseEnv, [LINK_LOG_ENV]: linkLog },
        timeoutMs: config.buildTimeoutMs,
      });
      input.touched?.restore();
      commandMs += result.wallMs;
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
        return finish(fail(build, build.phase, why, result));
      }
      const phaseKey = `${build.variant}/${build.scenario}`;
      if (!verifiedPhases.has(phaseKey)) {
        try {
          const linked = setup.timesLinks
            ? links.map((link) => path.resolve(config.workingDirectory, link.output))
            : await input.findArtifacts();
          const check = checkLinker(build.variant, linked);
          if (check) {
            const files = check.files.map((file) => path.relative(config.workingDirectory, file));
            linkers.set(build.variant, { ...check, files });
            verifiedPhases.add(phaseKey);
          }
        } catch (error) {
          if (error instanceof LinkerMismatchError) {
            linkers.set(build.variant, error.check);
            return finish(fail(build, 'verify', error.message));
          }
          throw error;
        }
      }
      if (build.phase === 'sample') {
        samples.push({
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
    for (const variant of setups.keys()) {
      if (linkers.has(variant)) continue;
      notes.push(
        `No file linked by the '${variant}' variant could be read, so its linker is not verified ` +
          (config.buildSystem === 'cargo'
            ? '(nothing was linked, or a linker set in RUSTFLAGS bypassed the link shim).'
            : "(input 'artifacts' matched no file)."),
      );
    }
    return finish(null);
  } finally {
    input.touched?.restore();
    await removeLogDir();
  }

  function finish(failure: BuildFailure | null): ExecuteOutcome {
    return { samples, linkers: [...linkers.values()], failure, notes, commandMs };
  }
}

function linkTotalMs(links: readonly LinkRecord[], setup: VariantSetup): number | null {
  return setup.timesLinks ? round2(links.reduce((sum, link) => sum + link.durationMs, 0)) : null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Cargo: empty the variant's target directory. Other commands: run `clean-command` with the variant's env. */
async function cleanVariant(
  config: Config,
  setup: VariantSetup,
  env: NodeJS.ProcessEnv,
  deps: ExecuteDeps,
): Promise<CommandResult | null> {
  if (config.buildSystem === 'cargo') {
    rmSync(setup.targetDir, { recursive: true, force: true });
    return null;
  }
  return deps.runner.run('/bin/sh', ['-c', config.cleanCommand ?? 'true'], {
    cwd: config.workingDirectory,
    env,
  });
}
