/** The arms of one side (head or base): its sources to touch and edit, and one set-up per variant. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Config, Variant } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { builtinEdit, patchEdit } from '../edits/source-edit.js';
import { SourceFiles, setTimesWithUtimes, type SetTimes } from '../edits/source-files.js';
import { installShim } from '../shims/io/compile-shims.js';
import { SET_TIMES_NAME } from '../shims/shim-env.js';
import type { ChangeJournal } from '../edits/journal.js';
import type { CargoProject } from '../cargo/cargo.js';
import { owningMember } from '../cargo/cargo.js';
import { findFiles } from '../system/find-files.js';
import { armKey, type Arm, type SideSources } from './run-build.js';
import type { Side } from '../rounds/plan.js';
import { setUpCargoVariant, setUpCommandVariant, type ShimTools } from './variant-setup.js';

/** The files the incremental scenario touches and the built-in edit changes: `touch`, else the top crate's root. */
export function chooseTouchFiles(config: Config, cargo: CargoProject | null): string[] {
  const needed =
    config.scenarios.includes('incremental') ||
    (config.scenarios.includes('edit') && config.editPatch === null);
  if (!needed) return [];
  if (config.touchPatterns.length > 0) {
    const files = findFiles(config.workingDirectory, config.touchPatterns, 'touch');
    if (cargo) checkFilesAreBuilt(files, cargo, config.command);
    return files;
  }
  if (cargo?.topCrate) return [cargo.topCrate.srcPath];
  throw new ConfigError(
    'touch',
    '',
    'the incremental scenario of a non-Cargo command needs the files to touch',
  );
}

/**
 * A touched file of a member the command does not compile would measure a no-op: refused before any build,
 * naming `touch` and the crates that are built.
 */
function checkFilesAreBuilt(files: readonly string[], cargo: CargoProject, command: string): void {
  const compiled = new Set(cargo.packages.compiled);
  for (const file of files) {
    const owner = owningMember(cargo.metadata, file);
    if (owner === null || compiled.has(owner)) continue;
    const built = cargo.packages.compiled.map((name) => `\`${name}\``).join(', ') || 'no member';
    throw new ConfigError(
      'touch',
      path.relative(cargo.workspaceRoot, file),
      `it belongs to crate \`${owner}\`, which \`${command}\` does not compile (it compiles ${built}): ` +
        'touch a file of one of those, or build the crate (`-p`, `--workspace`)',
    );
  }
}

/** Nanosecond times through the compiled helper when there is one; Node's utimes otherwise. */
export function createSetTimes(shimBinary: string | null, folder: string): SetTimes {
  if (shimBinary === null) return setTimesWithUtimes;
  const helper = installShim(shimBinary, path.join(folder, SET_TIMES_NAME));
  return (entries) => {
    const input = entries.map((entry) => `${entry.atimeNs} ${entry.mtimeNs} ${entry.path}\n`).join('');
    const result = spawnSync(helper, [], { input, encoding: 'utf8' });
    if (result.status !== 0) setTimesWithUtimes(entries);
  };
}

/** The directory a patch's paths are relative to: the repository's top level, else the project itself. */
function patchDirectory(workingDirectory: string): string {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], {
    cwd: workingDirectory,
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : workingDirectory;
}

/** A side's sources: what it touches, and the edit scenario's change (a patch is checked here, before any build). */
export function prepareSources(
  config: Config,
  touchPaths: readonly string[],
  setTimes: SetTimes,
  journal: ChangeJournal,
): SideSources | null {
  const editing = config.scenarios.includes('edit');
  if (touchPaths.length === 0 && !editing) return null;
  const files = new SourceFiles(touchPaths, setTimes, journal);
  let edit = null;
  if (editing) {
    edit =
      config.editPatch === null
        ? builtinEdit(touchPaths, files)
        : patchEdit(config.editPatch, patchDirectory(config.workingDirectory), files);
  }
  return { files, touchPaths, edit };
}

export interface SideSetup {
  readonly config: Config;
  readonly side: Side;
  readonly cargo: CargoProject | null;
  /** Where the side's target directories go; null: the project's own. */
  readonly targetDirectory: string | null;
  readonly benchDir: string;
  /** Whose `shims/` the Cargo builds run (the head's, for the base); absent: this side's `benchDir`. */
  readonly shimRoot?: string;
  readonly sources: SideSources | null;
  readonly shims: ShimTools;
  readonly moldBinary: string | null;
}

/** One arm per variant of one side, in the side's project directory. */
export function setUpArms(setup: SideSetup, variants: readonly Variant[]): [string, Arm][] {
  const { config, cargo } = setup;
  const cdylibNames = new Set(
    (cargo?.metadata.packages ?? []).flatMap((pkg) =>
      pkg.targets
        .filter((target) => target.kind.includes('cdylib'))
        .map((target) => target.name.replace(/-/g, '_')),
    ),
  );
  return variants.map((variant) => {
    const variantSetup = cargo
      ? setUpCargoVariant(
          config,
          {
            targetDirectory: setup.targetDirectory ?? cargo.targetDirectory,
            triples: cargo.triples,
            ...(setup.shimRoot === undefined ? {} : { shimRoot: setup.shimRoot }),
          },
          variant,
          setup.shims,
        )
      : setUpCommandVariant(config, variant, setup.benchDir, setup.moldBinary);
    const arm: Arm = {
      side: setup.side,
      variant,
      setup: variantSetup,
      workingDirectory: config.workingDirectory,
      sources: setup.sources,
      verify: {
        workingDirectory: config.workingDirectory,
        findArtifacts: () => findFiles(config.workingDirectory, config.artifactPatterns, 'artifacts'),
        cdylibNames,
        memberNames: new Set((cargo?.metadata.packages ?? []).map((pkg) => pkg.name)),
      },
    };
    return [armKey(setup.side, variant), arm];
  });
}
