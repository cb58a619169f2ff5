/** Describes the machine and toolchain a measurement was taken on. */
import os from 'node:os';
import type { Config } from '../config/config.js';
import type { Environment } from '../results/results.js';
import type { ProcessRunner } from '../system/ports.js';
import { readRunContext } from '../system/run-facts.js';

async function firstLine(
  runner: ProcessRunner,
  file: string,
  args: string[],
  cwd: string,
): Promise<string | null> {
  try {
    const result = await runner.run(file, args, { cwd });
    return result.exitCode === 0 ? (result.stdout.split('\n')[0]?.trim() ?? null) : null;
  } catch {
    return null;
  }
}

export interface EnvironmentInput {
  readonly config: Config;
  readonly env: NodeJS.ProcessEnv;
  readonly rustc: string | null;
  readonly cargo: string | null;
  readonly linkerVersions: Environment['linkerVersions'];
}

export async function describeEnvironment(
  input: EnvironmentInput,
  runner: ProcessRunner,
): Promise<Environment> {
  const { config, env } = input;
  const cpus = os.cpus();
  const commit =
    env.GITHUB_SHA ?? (await firstLine(runner, 'git', ['rev-parse', 'HEAD'], config.workingDirectory));
  const ref =
    env.GITHUB_REF ??
    (await firstLine(runner, 'git', ['symbolic-ref', '-q', 'HEAD'], config.workingDirectory));
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    rustc: input.rustc,
    cargo: input.cargo,
    linkerVersions: input.linkerVersions,
    command: config.command,
    workingDirectory: config.workingDirectory,
    commit,
    ref,
    event: env.GITHUB_EVENT_NAME ?? null,
    pullRequest: readRunContext(env).pullRequest,
    cargoIncremental: env.CARGO_INCREMENTAL ?? null,
    // How mold was installed is the measuring step's to add: it installed mold.
    moldInstall: null,
  };
}
