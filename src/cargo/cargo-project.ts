/** Asks cargo about the project: target directory, host triple, the top crate, the configured linker. */
import { describeError } from '../system/errors.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import type { ProcessRunner } from '../system/ports.js';
import { findTopCrate, parseCargoMetadata, type CargoMetadata, type TopCrate } from './cargo-metadata.js';
import {
  findConfiguredBuildTarget,
  findConfiguredLinker,
  type ConfiguredLinker,
} from './io/configured-linker.js';
import { triplesInCommand } from './command-flags.js';
import { selectBuiltPackages, type PackageSelection } from './built-packages.js';

export interface CargoProject {
  readonly targetDirectory: string;
  /** The directory of the workspace's root manifest, whose `[profile]` tables apply. */
  readonly workspaceRoot: string;
  /** `cargo metadata --no-deps`: the members and their targets. */
  readonly metadata: CargoMetadata;
  readonly triples: readonly string[];
  readonly topCrate: TopCrate | null;
  /** The members the command builds and compiles: what `touch` must pick files from. */
  readonly packages: PackageSelection;
  readonly configuredLinker: ConfiguredLinker | null;
  readonly rustcVersion: string;
  readonly cargoVersion: string;
}

export class CargoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CargoError';
  }
}

async function capture(
  runner: ProcessRunner,
  file: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const result = await runner.run(file, args, { cwd, env, tailLines: 20 }).catch((error: unknown) => {
    throw new CargoError(`${file} could not be started (${describeError(error)}); is Rust installed?`);
  });
  if (result.exitCode !== 0) {
    throw new CargoError(
      `\`${file} ${args.join(' ')}\` failed with exit code ${result.exitCode}:\n${result.outputTail}`,
    );
  }
  return result.stdout;
}

export async function inspectCargoProject(
  config: Config,
  runner: ProcessRunner,
  env: NodeJS.ProcessEnv,
): Promise<CargoProject> {
  const cwd = config.workingDirectory;
  const metadata = parseCargoMetadata(
    await capture(runner, 'cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], cwd, env),
  );
  const rustcInfo = await capture(runner, 'rustc', ['-vV'], cwd, env);
  const hostTriple = /^host: (\S+)$/m.exec(rustcInfo)?.[1];
  if (!hostTriple) throw new CargoError('`rustc -vV` did not name the host triple');
  const cargoVersion = (await capture(runner, 'cargo', ['-V'], cwd, env)).trim();
  // With a target given, the shim links that target's artifacts (what is shipped); host build scripts keep theirs.
  const fromCommand = triplesInCommand(config.command);
  const configured = fromCommand.length > 0 ? null : findConfiguredBuildTarget(cwd, env);
  const targets = configured === null ? fromCommand : [configured];
  const packages = selectBuiltPackages(metadata, config.command, cwd);
  const topCrate = findTopCrate(metadata, packages);
  if (config.scenarios.includes('incremental') && config.touchPatterns.length === 0 && topCrate === null) {
    throw new ConfigError(
      'touch',
      '',
      packages.selected.length === 0
        ? `\`${config.command}\` builds no member of the workspace; name the files to touch`
        : 'the workspace has no binary or library crate to touch; name the files to touch',
    );
  }
  return {
    targetDirectory: metadata.target_directory,
    workspaceRoot: metadata.workspace_root,
    metadata,
    triples: targets.length > 0 ? [...new Set(targets)] : [hostTriple],
    topCrate,
    packages,
    configuredLinker: findConfiguredLinker(cwd, targets[0] ?? hostTriple, env),
    rustcVersion: rustcInfo.split('\n')[0]!.trim(),
    cargoVersion,
  };
}
