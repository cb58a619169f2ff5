import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CrateVersion, DependencyReport } from '../../src/analysis/analysis.js';
import {
  DependencyMetadataError,
  compareVersions,
  diffDependencies,
  readDependencyReport,
} from '../../src/cargo/dependency-graph.js';
import { readDependencies } from '../../src/cargo/io/read-dependencies.js';
import { createProcessRunner } from '../../src/system/process-runner.js';
import { copyFixture } from '../support/fixture-project.js';

const REGISTRY = 'registry+https://github.com/rust-lang/crates.io-index';

interface PackageSketch {
  /** `name@version`. */
  readonly key: string;
  readonly source?: string | null;
  readonly member?: boolean;
  /** Dependencies as `name@version` with their kinds (null: normal). */
  readonly deps?: readonly { readonly key: string; readonly kinds: readonly (string | null)[] }[];
}

/** JSON shaped like `cargo metadata --format-version 1` with its `resolve`, for the sketched packages. */
function metadataJson(sketches: readonly PackageSketch[]): string {
  const id = (key: string): string => `id:${key}`;
  const packages = sketches.map((sketch) => {
    const [name, version] = sketch.key.split('@');
    return {
      id: id(sketch.key),
      name,
      version,
      source: sketch.source === undefined ? REGISTRY : sketch.source,
    };
  });
  const nodes = sketches.map((sketch) => ({
    id: id(sketch.key),
    dependencies: (sketch.deps ?? []).map((dep) => id(dep.key)),
    deps: (sketch.deps ?? []).map((dep) => ({
      name: dep.key.split('@')[0],
      pkg: id(dep.key),
      dep_kinds: dep.kinds.map((kind) => ({ kind, target: null })),
    })),
    features: [],
  }));
  const members = sketches.filter((sketch) => sketch.member).map((sketch) => id(sketch.key));
  return JSON.stringify({
    packages,
    workspace_members: members,
    resolve: { nodes, root: null },
    workspace_root: '/ws',
    target_directory: '/ws/target',
    version: 1,
  });
}

const names = (report: DependencyReport): string[] =>
  report.crates.map((crate) => `${crate.name}@${crate.version}`);

describe('readDependencyReport', () => {
  it('follows normal and build edges and skips dev edges', () => {
    const report = readDependencyReport(
      metadataJson([
        {
          key: 'app@0.1.0',
          member: true,
          source: null,
          deps: [
            { key: 'serde@1.0.0', kinds: [null] },
            { key: 'cc@1.1.0', kinds: ['build'] },
            { key: 'proptest@1.4.0', kinds: ['dev'] },
            { key: 'log@0.4.20', kinds: ['dev', null] },
          ],
        },
        { key: 'serde@1.0.0' },
        { key: 'cc@1.1.0', deps: [{ key: 'shlex@1.3.0', kinds: [null] }] },
        { key: 'proptest@1.4.0', deps: [{ key: 'rand@0.8.5', kinds: [null] }] },
        { key: 'rand@0.8.5' },
        { key: 'log@0.4.20' },
        { key: 'shlex@1.3.0' },
      ]),
    );
    expect(names(report)).toEqual(['app@0.1.0', 'cc@1.1.0', 'log@0.4.20', 'serde@1.0.0', 'shlex@1.3.0']);
    expect(report.workspaceMembers).toBe(1);
    expect(report.duplicates).toEqual([]);
  });

  it('counts what cargo left in the graph: platform filtering is cargo --filter-platform its job', () => {
    const json = JSON.parse(
      metadataJson([
        { key: 'app@0.1.0', member: true, deps: [{ key: 'libc@0.2.150', kinds: [null] }] },
        { key: 'libc@0.2.150' },
        // Listed, but no edge leads to it (cargo dropped the edge for another platform).
        { key: 'winapi@0.3.9' },
      ]),
    ) as { resolve: { nodes: { deps: { dep_kinds: { target: string | null }[] }[] }[] } };
    json.resolve.nodes[0]!.deps[0]!.dep_kinds[0]!.target = 'cfg(unix)';
    expect(names(readDependencyReport(JSON.stringify(json)))).toEqual(['app@0.1.0', 'libc@0.2.150']);
  });

  it('falls back to `dependencies` when edges carry no kinds (cargo before 1.41)', () => {
    const json = JSON.parse(
      metadataJson([
        { key: 'app@0.1.0', member: true, deps: [{ key: 'a@1.0.0', kinds: [null] }] },
        { key: 'a@1.0.0' },
      ]),
    ) as { resolve: { nodes: { deps?: unknown }[] } };
    for (const node of json.resolve.nodes) delete node.deps;
    expect(names(readDependencyReport(JSON.stringify(json)))).toEqual(['a@1.0.0', 'app@0.1.0']);
  });

  it('sorts by name then semver version, and lists names with several versions', () => {
    const versions = ['1.10.0', '1.9.0', '1.0.0-alpha', '1.0.0', '0.2.0'];
    const report = readDependencyReport(
      metadataJson([
        {
          key: 'zeta@0.1.0',
          member: true,
          deps: [
            ...versions.map((version) => ({ key: `syn@${version}`, kinds: [null] })),
            { key: 'anyhow@1.0.0', kinds: [null] },
          ],
        },
        { key: 'alpha@0.1.0', member: true },
        ...versions.map((version) => ({ key: `syn@${version}` })),
        { key: 'anyhow@1.0.0' },
      ]),
    );
    expect(names(report)).toEqual([
      'alpha@0.1.0',
      'anyhow@1.0.0',
      'syn@0.2.0',
      'syn@1.0.0-alpha',
      'syn@1.0.0',
      'syn@1.9.0',
      'syn@1.10.0',
      'zeta@0.1.0',
    ]);
    expect(report.workspaceMembers).toBe(2);
    expect(report.duplicates).toEqual([
      { name: 'syn', versions: ['0.2.0', '1.0.0-alpha', '1.0.0', '1.9.0', '1.10.0'] },
    ]);
  });

  it.each<[string | null, CrateVersion['source']]>([
    [REGISTRY, 'registry'],
    ['sparse+https://index.crates.io/', 'registry'],
    ['git+https://github.com/a/b?branch=main#0123abcd', 'git'],
    [null, 'path'],
    ['local-registry+file:///vendor', 'other'],
  ])('classifies the source %s as %s', (source, expected) => {
    const report = readDependencyReport(metadataJson([{ key: 'app@0.1.0', member: true, source }]));
    expect(report.crates[0]?.source).toBe(expected);
  });

  it.each([
    ['not json', 'not JSON'],
    ['{"hello": 1}', 'did not describe a workspace'],
    ['{"packages": [], "workspace_members": [], "resolve": null}', 'no dependency graph'],
  ])('rejects %s', (json, message) => {
    expect(() => readDependencyReport(json)).toThrow(DependencyMetadataError);
    expect(() => readDependencyReport(json)).toThrow(message);
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.9.0', '1.10.0', -1],
    ['1.10.0', '1.9.0', 1],
    ['0.10.1', '0.9.99', 1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.2', '1.0.0-alpha.10', -1],
    ['1.0.0-1', '1.0.0-alpha', -1],
    ['2.0.0', '2.0.0', 0],
    // pre-releases
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0-beta.11', '1.0.0-rc.1', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-alpha.beta', '1.0.0-beta', -1],
    ['2.0.0-alpha', '1.9.9', 1],
    // build metadata: no precedence, but a stable order among equals
    ['1.0.0+build.9', '1.0.1', -1],
    ['1.0.1', '1.0.0+zzz', 1],
    ['1.0.0', '1.0.0+build', -1],
    ['1.0.0+build.2', '1.0.0+build.10', -1],
    ['1.0.0-rc.1+b', '1.0.0-rc.1+a', 1],
    ['1.0.0+1', '1.0.0+1', 0],
    // not semver: after every version, in string order
    ['1.0', '1.0.0', 1],
    ['1.2.3', 'not-a-version', -1],
    ['nightly', 'beta', 1],
    ['', '0.0.0', 1],
  ])('%s against %s is %d', (a, b, expected) => {
    expect(Math.sign(compareVersions(a, b))).toBe(expected);
    expect(Math.sign(compareVersions(b, a))).toBe(-expected || 0);
  });

  it('sorts into semver precedence, then the strings that are not versions', () => {
    const ordered = [
      '0.9.99',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.0+build.1',
      '1.0.0+build.2',
      '1.10.0',
      '1.10',
      '1.9',
      'latest',
    ];
    for (const shift of [1, 5, 11]) {
      const shuffled = [...ordered.slice(shift), ...ordered.slice(0, shift)].reverse();
      expect(shuffled.sort(compareVersions)).toEqual(ordered);
    }
  });
});

describe('diffDependencies', () => {
  const report = (crates: CrateVersion[]): DependencyReport => ({
    crates,
    workspaceMembers: 1,
    duplicates: [],
  });
  const crate = (name: string, version: string): CrateVersion => ({ name, version, source: 'registry' });

  it('lists crates added and removed by name and version', () => {
    const baseline = report([
      crate('app', '0.1.0'),
      crate('syn', '1.0.109'),
      crate('syn', '2.0.0'),
      crate('old', '1.0.0'),
    ]);
    const current = report([
      crate('app', '0.1.0'),
      crate('new', '0.3.0'),
      crate('syn', '2.0.0'),
      crate('syn', '2.0.1'),
    ]);
    expect(diffDependencies(baseline, current)).toEqual({
      added: [crate('new', '0.3.0'), crate('syn', '2.0.1')],
      removed: [crate('old', '1.0.0'), crate('syn', '1.0.109')],
    });
  });

  it('finds nothing between equal reports', () => {
    const same = report([crate('app', '0.1.0')]);
    expect(diffDependencies(same, same)).toEqual({ added: [], removed: [] });
  });
});

describe('readDependencies on a real workspace', () => {
  const fixture = copyFixture('duplicated-deps');
  const empty = mkdtempSync(path.join(os.tmpdir(), 'build-bench-no-cargo-'));
  afterAll(() => {
    fixture.remove();
    rmSync(empty, { recursive: true, force: true });
  });

  it('lists what `cargo build` compiles for Linux: both colors, the build dependency, no dev or Windows crates', async () => {
    const outcome = await readDependencies(
      { workingDirectory: fixture.directory, triple: 'x86_64-unknown-linux-gnu', env: process.env },
      createProcessRunner(),
    );
    expect(outcome.problems).toEqual([]);
    expect(outcome.report).toEqual({
      crates: [
        { name: 'app', version: '0.1.0', source: 'path' },
        { name: 'build-helper', version: '0.5.0', source: 'path' },
        { name: 'colors', version: '1.2.0', source: 'path' },
        { name: 'colors', version: '2.0.1', source: 'path' },
        { name: 'shapes', version: '0.3.0', source: 'path' },
      ],
      workspaceMembers: 2,
      duplicates: [{ name: 'colors', versions: ['1.2.0', '2.0.1'] }],
    });
  });

  it('counts the Windows-only crate for a Windows target', async () => {
    const outcome = await readDependencies(
      { workingDirectory: fixture.directory, triple: 'x86_64-pc-windows-msvc', env: process.env },
      createProcessRunner(),
    );
    expect(outcome.report?.crates.map((crate) => crate.name)).toContain('windows-only');
  });

  it('returns a failure as a problem with cargo its last output lines', async () => {
    const outcome = await readDependencies(
      { workingDirectory: empty, triple: 'x86_64-unknown-linux-gnu', env: process.env },
      createProcessRunner(),
    );
    expect(outcome.report).toBeNull();
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatch(
      /^The crates of the build were not listed: `cargo metadata .*` failed with exit code 101:\n/,
    );
    expect(outcome.problems[0]).toContain('Cargo.toml');
  });
});
