import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CargoMetadata,
  CargoMetadataError,
  type TopCrate,
  findTopCrate,
  parseCargoMetadata,
} from '../../src/cargo/cargo-metadata.js';
import { copyFixture } from '../support/fixture-project.js';

const ROOT = '/ws';

interface PackageSketch {
  readonly name: string;
  /** Directory of the manifest relative to the workspace root; '' is the root itself. */
  readonly at: string;
  /** Target kinds, e.g. `bin`, `lib`, `proc-macro`, `example`. */
  readonly kinds: readonly string[];
  readonly deps?: readonly string[];
  readonly member?: boolean;
}

/** Metadata shaped like `cargo metadata --no-deps` output for the sketched packages. */
function metadataOf(packages: readonly PackageSketch[]): CargoMetadata {
  const full = packages.map((sketch) => {
    const directory = sketch.at === '' ? ROOT : `${ROOT}/${sketch.at}`;
    return {
      id: `path+file://${directory}#${sketch.name}@0.1.0`,
      name: sketch.name,
      manifest_path: `${directory}/Cargo.toml`,
      targets: sketch.kinds.map((kind) => ({
        kind: [kind],
        name: sketch.name.replace(/-/g, '_'),
        src_path: `${directory}/src/${kind === 'bin' ? 'main' : 'lib'}.rs`,
      })),
      dependencies: (sketch.deps ?? []).map((name) => ({ name, path: `${ROOT}/${name}` })),
      member: sketch.member ?? true,
    };
  });
  return {
    packages: full.map(({ member: _member, ...pkg }) => pkg),
    workspace_members: full.filter((pkg) => pkg.member).map((pkg) => pkg.id),
    workspace_root: ROOT,
    target_directory: `${ROOT}/target`,
  };
}

describe('findTopCrate', () => {
  it.each<{ name: string; packages: PackageSketch[]; top: TopCrate | null }>([
    {
      name: 'the binary crate no member depends on',
      packages: [
        { name: 'core', at: 'core', kinds: ['lib'] },
        { name: 'tool', at: 'tool', kinds: ['bin'], deps: ['app'] },
        { name: 'app', at: 'app', kinds: ['bin'], deps: ['core'] },
      ],
      top: { packageName: 'tool', targetName: 'tool', kind: 'bin', srcPath: '/ws/tool/src/main.rs' },
    },
    {
      name: 'a bin over a lib',
      packages: [
        { name: 'a-lib', at: 'a-lib', kinds: ['lib'] },
        { name: 'z-cli', at: 'z-cli', kinds: ['bin'] },
      ],
      top: { packageName: 'z-cli', targetName: 'z_cli', kind: 'bin', srcPath: '/ws/z-cli/src/main.rs' },
    },
    {
      name: 'the bin of a package with both',
      packages: [{ name: 'both', at: '', kinds: ['lib', 'bin'] }],
      top: { packageName: 'both', targetName: 'both', kind: 'bin', srcPath: '/ws/src/main.rs' },
    },
    {
      name: 'the root package over another top bin',
      packages: [
        { name: 'aaa', at: 'crates/aaa', kinds: ['bin'] },
        { name: 'zzz', at: '', kinds: ['bin'] },
      ],
      top: { packageName: 'zzz', targetName: 'zzz', kind: 'bin', srcPath: '/ws/src/main.rs' },
    },
    {
      name: 'the name when nothing else decides',
      packages: [
        { name: 'beta', at: 'beta', kinds: ['bin'] },
        { name: 'alpha', at: 'alpha', kinds: ['bin'] },
      ],
      top: { packageName: 'alpha', targetName: 'alpha', kind: 'bin', srcPath: '/ws/alpha/src/main.rs' },
    },
    {
      name: 'the top lib of a lib-only workspace',
      packages: [
        { name: 'base', at: 'base', kinds: ['lib'] },
        { name: 'api', at: 'api', kinds: ['lib'], deps: ['base'] },
      ],
      top: { packageName: 'api', targetName: 'api', kind: 'lib', srcPath: '/ws/api/src/lib.rs' },
    },
    {
      name: 'a proc-macro is no lib',
      packages: [{ name: 'derive', at: '', kinds: ['proc-macro'] }],
      top: null,
    },
    {
      name: 'a cdylib is a lib',
      packages: [{ name: 'plugin', at: '', kinds: ['cdylib'] }],
      top: { packageName: 'plugin', targetName: 'plugin', kind: 'lib', srcPath: '/ws/src/lib.rs' },
    },
    {
      name: 'a depended-on bin only when nothing else links',
      packages: [
        { name: 'runner', at: 'runner', kinds: ['bin'] },
        { name: 'top', at: 'top', kinds: ['example'], deps: ['runner'] },
      ],
      top: { packageName: 'runner', targetName: 'runner', kind: 'bin', srcPath: '/ws/runner/src/main.rs' },
    },
    {
      name: 'non-members ignored',
      packages: [
        { name: 'app', at: 'app', kinds: ['lib'] },
        { name: 'vendored', at: 'vendor/x', kinds: ['bin'], member: false },
      ],
      top: { packageName: 'app', targetName: 'app', kind: 'lib', srcPath: '/ws/app/src/lib.rs' },
    },
    { name: 'no members', packages: [], top: null },
    {
      name: 'members with neither bin nor lib',
      packages: [{ name: 'benches', at: 'benches', kinds: ['bench', 'example', 'test'] }],
      top: null,
    },
  ])('$name', ({ packages, top }) => {
    expect(findTopCrate(metadataOf(packages))).toEqual(top);
  });

  it('finds the top crate of a real workspace from cargo metadata', () => {
    const fixture = copyFixture('tiny');
    try {
      const json = execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], {
        cwd: fixture.directory,
        encoding: 'utf8',
      });
      const metadata = parseCargoMetadata(json);
      const root = realpathSync(fixture.directory);
      expect(metadata.workspace_root).toBe(root);
      expect(metadata.target_directory).toBe(path.join(root, 'target'));
      expect(findTopCrate(metadata)).toEqual({
        packageName: 'tiny-cli',
        targetName: 'tiny-cli',
        kind: 'bin',
        srcPath: path.join(root, 'crates', 'cli', 'src', 'main.rs'),
      });
    } finally {
      fixture.remove();
    }
  });
});

describe('parseCargoMetadata', () => {
  it('keeps a workspace description as it is', () => {
    const metadata = metadataOf([{ name: 'app', at: '', kinds: ['bin'] }]);
    expect(parseCargoMetadata(JSON.stringify(metadata))).toEqual(metadata);
  });

  it.each([
    { name: 'not JSON', json: 'error: could not find `Cargo.toml`', message: 'not JSON' },
    { name: 'empty output', json: '', message: 'not JSON' },
    {
      name: 'JSON without packages',
      json: '{"target_directory":"/ws/target"}',
      message: 'did not describe a workspace',
    },
    {
      name: 'packages not a list',
      json: '{"packages":{},"target_directory":"/t"}',
      message: 'did not describe a workspace',
    },
    { name: 'no target directory', json: '{"packages":[]}', message: 'did not describe a workspace' },
    { name: 'a JSON list', json: '[]', message: 'did not describe a workspace' },
    { name: 'JSON null', json: 'null', message: 'did not describe a workspace' },
    { name: 'a JSON string', json: '"packages"', message: 'did not describe a workspace' },
  ])('rejects $name with CargoMetadataError', ({ json, message }) => {
    let caught: unknown;
    try {
      parseCargoMetadata(json);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CargoMetadataError);
    expect((caught as Error).name).toBe('CargoMetadataError');
    expect((caught as Error).message).toContain(message);
  });
});
