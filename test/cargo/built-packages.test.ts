/** The members a command builds, as cargo selects them: what the incremental scenario may touch. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { owningMember, selectBuiltPackages } from '../../src/cargo/built-packages.js';
import { findTopCrate, parseCargoMetadata, type CargoMetadata } from '../../src/cargo/cargo-metadata.js';
import { REPO_ROOT } from '../support/fixture-project.js';

const ROOT = '/ws';

/** `cargo metadata --no-deps` of a workspace: `app` (bin) → `core` (lib), `tool` (bin), `extra` (lib) at `at`. */
function workspace(defaults: readonly string[] | undefined, rootPackage = false): CargoMetadata {
  const sketch = [
    { name: 'app', kinds: ['bin'], deps: ['core'] },
    { name: 'core', kinds: ['lib'], deps: [] },
    { name: 'tool', kinds: ['bin'], deps: [] },
    { name: 'extra', kinds: ['lib'], deps: [] },
  ];
  const packages = sketch.map((pkg) => {
    const directory = rootPackage && pkg.name === 'app' ? ROOT : `${ROOT}/${pkg.name}`;
    return {
      id: `path+file://${directory}#${pkg.name}@0.1.0`,
      name: pkg.name,
      manifest_path: `${directory}/Cargo.toml`,
      targets: pkg.kinds.map((kind) => ({
        kind: [kind],
        name: pkg.name,
        src_path: `${directory}/src/${kind === 'bin' ? 'main' : 'lib'}.rs`,
      })),
      dependencies: pkg.deps.map((name) => ({ name, path: `${ROOT}/${name}` })),
    };
  });
  const idOf = (name: string): string => packages.find((pkg) => pkg.name === name)!.id;
  return {
    packages,
    workspace_members: packages.map((pkg) => pkg.id),
    ...(defaults === undefined ? {} : { workspace_default_members: defaults.map(idOf) }),
    workspace_root: ROOT,
    target_directory: `${ROOT}/target`,
  };
}

describe('selectBuiltPackages', () => {
  it.each([
    {
      why: 'default-members',
      meta: workspace(['tool']),
      command: 'cargo build',
      cwd: ROOT,
      selected: ['tool'],
      compiled: ['tool'],
    },
    {
      why: 'all members of a virtual root',
      meta: workspace(['app', 'core', 'tool', 'extra']),
      command: 'cargo build',
      cwd: ROOT,
      selected: ['app', 'core', 'tool', 'extra'],
      compiled: ['app', 'core', 'tool', 'extra'],
    },
    {
      why: '-p and its dependencies',
      meta: workspace(['tool']),
      command: 'cargo build -p app --release',
      cwd: ROOT,
      selected: ['app'],
      compiled: ['app', 'core'],
    },
    {
      why: '--package=',
      meta: workspace(['tool']),
      command: 'cargo build --package=extra',
      cwd: ROOT,
      selected: ['extra'],
      compiled: ['extra'],
    },
    {
      why: '--workspace less --exclude',
      meta: workspace(['tool']),
      command: 'cargo build --workspace --exclude tool',
      cwd: ROOT,
      selected: ['app', 'core', 'extra'],
      compiled: ['app', 'core', 'extra'],
    },
    {
      why: 'the member it runs in',
      meta: workspace(['tool']),
      command: 'cargo build',
      cwd: `${ROOT}/app/src`,
      selected: ['app'],
      compiled: ['app', 'core'],
    },
    {
      why: '--manifest-path',
      meta: workspace(['tool']),
      command: 'cargo build --manifest-path extra/Cargo.toml',
      cwd: ROOT,
      selected: ['extra'],
      compiled: ['extra'],
    },
    {
      why: '--bin',
      meta: workspace(['extra']),
      command: 'cargo build --bin app',
      cwd: ROOT,
      selected: ['app'],
      compiled: ['app', 'core'],
    },
    {
      why: 'a root package without default-members (old cargo)',
      meta: workspace(undefined, true),
      command: 'cargo build',
      cwd: ROOT,
      selected: ['app'],
      compiled: ['app', 'core'],
    },
  ])('$why', ({ meta, command, cwd, selected, compiled }) => {
    const selection = selectBuiltPackages(meta, command, cwd);
    expect(selection.selected).toEqual(selected);
    expect(selection.compiled).toEqual(compiled);
  });

  it('gives findTopCrate the crate the build compiles, not the first binary by name', () => {
    const meta = workspace(['extra']);
    expect(findTopCrate(meta)?.packageName).toBe('app');
    expect(findTopCrate(meta, selectBuiltPackages(meta, 'cargo build', ROOT))?.packageName).toBe('extra');
    expect(findTopCrate(meta, selectBuiltPackages(meta, 'cargo build -p app --lib', ROOT))).toBeNull();
    expect(owningMember(meta, `${ROOT}/core/src/lib.rs`)).toBe('core');
    expect(owningMember(meta, '/elsewhere/x.rs')).toBeNull();
  });
});

describe('a real workspace with default-members', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'built-packages-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  writeFileSync(
    path.join(scratch, 'Cargo.toml'),
    '[workspace]\nmembers = ["alpha", "beta"]\ndefault-members = ["beta"]\nresolver = "2"\n',
  );
  for (const name of ['alpha', 'beta']) {
    mkdirSync(path.join(scratch, name, 'src'), { recursive: true });
    writeFileSync(
      path.join(scratch, name, 'Cargo.toml'),
      `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n`,
    );
    writeFileSync(path.join(scratch, name, 'src', 'main.rs'), 'fn main() {}\n');
  }

  it('reads what cargo metadata says and picks the default member', () => {
    const json = execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], {
      cwd: scratch,
      encoding: 'utf8',
    });
    const meta = parseCargoMetadata(json);
    const selection = selectBuiltPackages(meta, 'cargo build', meta.workspace_root);
    expect(selection.selected).toEqual(['beta']);
    expect(findTopCrate(meta, selection)?.srcPath).toBe(
      path.join(meta.workspace_root, 'beta', 'src', 'main.rs'),
    );
  });

  it('the CLI refuses to touch a crate the build does not compile, before any build, naming --touch', () => {
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    const result = spawnSync(
      process.execPath,
      [cli, scratch, '--scenarios', 'incremental', '--touch', 'alpha/src/main.rs', '--linkers', 'default'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.stderr).toContain('--touch has the value "alpha/src/main.rs": it belongs to crate `alpha`');
    expect(result.stderr).toContain('it compiles `beta`');
    expect(result.stderr).not.toContain('Building');
    expect(result.status).toBe(2);
  });
});
