/**
 * The workspace members a build command really compiles, as cargo selects them: `-p`/`--package`, `--workspace`
 * (less `--exclude`), else the package of the directory it runs in, else the workspace's `default-members`; then
 * every member those depend on. The incremental scenario must touch a file of one of them, or it measures a no-op.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { splitShellWords } from './command-flags.js';
import type { CargoMetadata } from './cargo-metadata.js';

export interface PackageSelection {
  /** Members the command names or cargo picks for it, in metadata order. */
  readonly selected: readonly string[];
  /** Those and the members they depend on: every member whose code the build compiles. */
  readonly compiled: readonly string[];
  /** `--bin NAME` of the command: the binaries it builds, when it names them. */
  readonly binaries: readonly string[];
  /** `--lib`: only libraries are built. */
  readonly libraryOnly: boolean;
}

interface CommandSelection {
  packages: string[];
  excluded: string[];
  binaries: string[];
  libraryOnly: boolean;
  workspace: boolean;
  manifestPath: string | null;
}

/** The package-selection flags of a command line (every cargo invocation in it, taken together). */
function readSelectionFlags(command: string): CommandSelection {
  const words = splitShellWords(command);
  const selection: CommandSelection = {
    packages: [],
    excluded: [],
    binaries: [],
    libraryOnly: false,
    workspace: false,
    manifestPath: null,
  };
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = equals < 0 ? word : word.slice(0, equals);
    const value = (): string => (equals < 0 ? (words[++index] ?? '') : word.slice(equals + 1));
    if (name === '-p' || name === '--package') selection.packages.push(value());
    else if (/^-p./.test(word)) selection.packages.push(word.slice(2));
    else if (name === '--workspace' || name === '--all') selection.workspace = true;
    else if (name === '--exclude') selection.excluded.push(value());
    else if (name === '--bin') selection.binaries.push(value());
    else if (name === '--lib') selection.libraryOnly = true;
    else if (name === '--manifest-path') selection.manifestPath = value();
  }
  return selection;
}

function membersOf(metadata: CargoMetadata): CargoMetadata['packages'] {
  return metadata.packages.filter((pkg) => metadata.workspace_members.includes(pkg.id));
}

/** The member whose manifest is in `directory` or the nearest folder above it (as cargo finds its manifest). */
function memberAt(metadata: CargoMetadata, directory: string): string | null {
  const byFolder = new Map(membersOf(metadata).map((pkg) => [path.dirname(pkg.manifest_path), pkg.name]));
  for (let folder = directory; ; folder = path.dirname(folder)) {
    const found = byFolder.get(folder);
    if (found !== undefined) return found;
    if (folder === metadata.workspace_root || path.dirname(folder) === folder) return null;
  }
}

/** What `cargo build` picks with no package flag: the package it runs in, else the default members. */
function selectByDirectory(metadata: CargoMetadata, directory: string): string[] {
  const members = membersOf(metadata);
  const here = memberAt(metadata, directory);
  const atRoot =
    here === null ||
    path.dirname(members.find((pkg) => pkg.name === here)!.manifest_path) === metadata.workspace_root;
  if (here !== null && !atRoot) return [here];
  const defaults = metadata.workspace_default_members;
  if (defaults !== undefined)
    return members.filter((pkg) => defaults.includes(pkg.id)).map((pkg) => pkg.name);
  return here !== null ? [here] : members.map((pkg) => pkg.name);
}

/** The members a command builds, and with their dependencies the members it compiles. */
export function selectBuiltPackages(
  metadata: CargoMetadata,
  command: string,
  workingDirectory: string,
): PackageSelection {
  const flags = readSelectionFlags(command);
  const members = membersOf(metadata);
  const names = members.map((pkg) => pkg.name);
  let selected: string[];
  if (flags.packages.length > 0) {
    const matches = picomatch(flags.packages);
    selected = names.filter((name) => matches(name));
  } else if (flags.workspace) {
    const excluded = flags.excluded.length > 0 ? picomatch(flags.excluded) : () => false;
    selected = names.filter((name) => !excluded(name));
  } else {
    const directory =
      flags.manifestPath === null
        ? workingDirectory
        : path.dirname(path.resolve(workingDirectory, flags.manifestPath));
    selected = selectByDirectory(metadata, directory);
  }
  if (flags.binaries.length > 0) {
    // `--bin` alone builds the package that has the binary, wherever the command runs.
    const owners = members.filter((pkg) =>
      pkg.targets.some((target) => target.kind.includes('bin') && flags.binaries.includes(target.name)),
    );
    if (flags.packages.length === 0 && !flags.workspace) selected = owners.map((pkg) => pkg.name);
  }
  const compiled = new Set(selected);
  const queue = [...selected];
  while (queue.length > 0) {
    const pkg = members.find((member) => member.name === queue.pop());
    for (const dependency of pkg?.dependencies ?? []) {
      if (names.includes(dependency.name) && !compiled.has(dependency.name)) {
        compiled.add(dependency.name);
        queue.push(dependency.name);
      }
    }
  }
  return {
    selected,
    compiled: names.filter((name) => compiled.has(name)),
    binaries: flags.binaries,
    libraryOnly: flags.libraryOnly && flags.binaries.length === 0,
  };
}

/** The member a file belongs to: the one whose manifest folder holds it most closely; null for none. */
export function owningMember(metadata: CargoMetadata, file: string): string | null {
  let best: { name: string; depth: number } | null = null;
  for (const pkg of membersOf(metadata)) {
    const folder = path.dirname(pkg.manifest_path);
    const relative = path.relative(folder, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (best === null || folder.length > best.depth) best = { name: pkg.name, depth: folder.length };
  }
  return best?.name ?? null;
}
