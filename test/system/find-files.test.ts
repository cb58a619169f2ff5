import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import { findFiles, globToRegExp, joinBraceFragments } from '../../src/system/find-files.js';

describe('globToRegExp', () => {
  it.each([
    { pattern: '*.rs', path: 'a.rs', matches: true },
    { pattern: '*.rs', path: '.rs', matches: true },
    { pattern: '*.rs', path: 'src/a.rs', matches: false },
    { pattern: '*.rs', path: 'a.rsx', matches: false },
    { pattern: '*.rs', path: 'a_rs', matches: false },
    { pattern: 'src/**/*.rs', path: 'src/a.rs', matches: true },
    { pattern: 'src/**/*.rs', path: 'src/x/y/a.rs', matches: true },
    { pattern: 'src/**/*.rs', path: 'srcx/a.rs', matches: false },
    { pattern: 'src/**/*.rs', path: 'lib/src/a.rs', matches: false },
    { pattern: 'src/**/*.rs', path: 'src/x/a.toml', matches: false },
    { pattern: '**/main.rs', path: 'main.rs', matches: true },
    { pattern: '**/main.rs', path: 'crates/cli/src/main.rs', matches: true },
    { pattern: '**/main.rs', path: 'crates/cli/src/not_main.rs', matches: false },
    { pattern: 'src/**', path: 'src/a/b/c', matches: true },
    { pattern: 'src/*', path: 'src/a/b', matches: false },
    { pattern: 'a?.rs', path: 'ab.rs', matches: true },
    { pattern: 'a?.rs', path: 'a.rs', matches: false },
    { pattern: 'a?.rs', path: 'abc.rs', matches: false },
    { pattern: 'a?b', path: 'a/b', matches: false },
    { pattern: 'a$b^c|d', path: 'a$b^c|d', matches: true },
    // braces
    { pattern: 'src/{main,lib}.rs', path: 'src/lib.rs', matches: true },
    { pattern: 'src/{main,lib}.rs', path: 'src/mod.rs', matches: false },
    { pattern: '{src,tests}/**/*.rs', path: 'tests/it/a.rs', matches: true },
    { pattern: 'bench{1..3}.rs', path: 'bench2.rs', matches: true },
    { pattern: 'bench{1..3}.rs', path: 'bench4.rs', matches: false },
    // character classes
    { pattern: '[ab].rs', path: 'a.rs', matches: true },
    { pattern: '[ab].rs', path: 'c.rs', matches: false },
    { pattern: '[a-c]?.rs', path: 'bx.rs', matches: true },
    { pattern: '[!a].rs', path: 'b.rs', matches: true },
    { pattern: '[!a].rs', path: 'a.rs', matches: false },
    // dotfiles match like other files
    { pattern: '**/*.toml', path: '.cargo/config.toml', matches: true },
    { pattern: 'src/*', path: 'src/.hidden.rs', matches: true },
    // a leading ! is findFiles' exclusion, never picomatch's negation
    { pattern: '!a.rs', path: 'b.rs', matches: false },
  ])('$pattern ~ $path → $matches', ({ pattern, path: file, matches }) => {
    expect(globToRegExp(pattern).test(file)).toBe(matches);
  });
});

describe('joinBraceFragments', () => {
  it.each([
    { items: ['a.rs', 'b.rs'], joined: ['a.rs', 'b.rs'] },
    { items: ['src/{a', 'b}.rs', 'c.rs'], joined: ['src/{a,b}.rs', 'c.rs'] },
    { items: ['{a', 'b', 'c}/*.rs'], joined: ['{a,b,c}/*.rs'] },
    { items: ['{a,{b', 'c}}.rs'], joined: ['{a,{b,c}}.rs'] },
    { items: ['a\\{', 'b.rs'], joined: ['a\\{', 'b.rs'] },
    { items: ['src/{a', 'b.rs'], joined: ['src/{a,b.rs'] },
  ])('$items → $joined', ({ items, joined }) => {
    expect(joinBraceFragments(items)).toEqual(joined);
  });
});

describe('findFiles', () => {
  let root: string;
  const at = (relative: string): string => path.join(root, relative);

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'find-files-test-'));
    for (const file of [
      'Cargo.toml',
      '.cargo/config.toml',
      'src/main.rs',
      'src/lib.rs',
      'src/.hidden.rs',
      'src/gen/out.rs',
      'src/x/y/a.rs',
      'src/x/notes.md',
      'weird/[ab].rs',
      'weird/a.rs',
      'weird/b.rs',
      'target/debug/build/out.rs',
      '.git/hooks/pre-commit.rs',
      'node_modules/pkg/index.rs',
      'crates/core/src/lib.rs',
      'crates/core/target/gen.rs',
    ]) {
      mkdirSync(path.dirname(at(file)), { recursive: true });
      writeFileSync(at(file), '// file\n');
    }
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const SRC_RS = ['src/.hidden.rs', 'src/gen/out.rs', 'src/lib.rs', 'src/main.rs', 'src/x/y/a.rs'];

  it.each([
    { name: 'one glob, dotfiles included', patterns: ['src/**/*.rs'], files: SRC_RS },
    {
      name: 'everywhere but build output, .git and node_modules',
      patterns: ['**/*.rs'],
      files: ['crates/core/src/lib.rs', ...SRC_RS, 'weird/[ab].rs', 'weird/a.rs', 'weird/b.rs'],
    },
    { name: 'one level', patterns: ['src/*'], files: ['src/.hidden.rs', 'src/lib.rs', 'src/main.rs'] },
    { name: 'question mark', patterns: ['src/x/y/?.rs'], files: ['src/x/y/a.rs'] },
    { name: '** as no folder', patterns: ['src/x/**/y/a.rs'], files: ['src/x/y/a.rs'] },
    { name: '** in the middle', patterns: ['**/y/*.rs'], files: ['src/x/y/a.rs'] },
    { name: 'dotfolders', patterns: ['**/*.toml'], files: ['.cargo/config.toml', 'Cargo.toml'] },
    { name: 'braces', patterns: ['src/{main,lib}.rs'], files: ['src/lib.rs', 'src/main.rs'] },
    {
      name: 'braces split at the comma',
      patterns: ['src/{main', 'lib}.rs'],
      files: ['src/lib.rs', 'src/main.rs'],
    },
    {
      name: 'braces over folders',
      patterns: ['{src/x/y,crates/core/src}/*.rs'],
      files: ['crates/core/src/lib.rs', 'src/x/y/a.rs'],
    },
    { name: 'character class', patterns: ['weird/[a-b].rs'], files: ['weird/a.rs', 'weird/b.rs'] },
    { name: 'negated character class', patterns: ['weird/[!a].rs'], files: ['weird/b.rs'] },
    { name: 'an existing file named like a class', patterns: ['weird/[ab].rs'], files: ['weird/[ab].rs'] },
    {
      name: 'exclusion by glob',
      patterns: ['src/**/*.rs', '!**/gen/*'],
      files: SRC_RS.filter((f) => !f.includes('gen')),
    },
    {
      name: 'exclusion of a folder',
      patterns: ['src/**/*.rs', '!src/x'],
      files: SRC_RS.filter((f) => !f.startsWith('src/x')),
    },
    { name: 'exclusion of dotfiles', patterns: ['src/*.rs', '!**/.*'], files: ['src/lib.rs', 'src/main.rs'] },
    {
      name: 'exclusion, then included again',
      patterns: ['src/*.rs', '!src/*', 'src/main.rs'],
      files: ['src/main.rs'],
    },
    {
      name: 'exclusion of later matches only',
      patterns: ['!src/main.rs', 'src/main.rs'],
      files: ['src/main.rs'],
    },
    { name: 'exclusion matching nothing', patterns: ['src/main.rs', '!src/none.rs'], files: ['src/main.rs'] },
    {
      name: 'exclusion with braces',
      patterns: ['src/*.rs', '!src/{main', '.hidden}.rs'],
      files: ['src/lib.rs'],
    },
    { name: 'exact path', patterns: ['src/main.rs'], files: ['src/main.rs'] },
    {
      name: 'exact path inside target',
      patterns: ['target/debug/build/out.rs'],
      files: ['target/debug/build/out.rs'],
    },
    { name: 'exact path with ./', patterns: ['./src/x/../main.rs'], files: ['src/main.rs'] },
    {
      name: 'sorted and distinct',
      patterns: ['src/x/y/a.rs', 'src/**/*.rs', 'src/main.rs', 'Cargo.toml'],
      files: ['Cargo.toml', ...SRC_RS],
    },
    { name: 'no patterns', patterns: [], files: [] },
  ])('$name', ({ patterns, files }) => {
    expect(findFiles(root, patterns, 'touch')).toEqual(files.map(at));
  });

  it('takes an absolute path as it is', () => {
    expect(findFiles(root, [at('src/main.rs')], 'touch')).toEqual([at('src/main.rs')]);
  });

  it('takes an absolute glob inside the directory', () => {
    expect(findFiles(root, [at('src/x/**/*.rs')], 'touch')).toEqual([at('src/x/y/a.rs')]);
  });

  it('walks a glob starting with ../ from the folder it names', () => {
    expect(findFiles(at('src'), ['../crates/*/src/*.rs', '!../crates/none'], 'results')).toEqual([
      at('crates/core/src/lib.rs'),
    ]);
  });

  it('searches build output when asked to', () => {
    expect(
      findFiles(root, ['**/*gen*.rs', 'target/**/*.rs'], 'results', { searchBuildOutput: true }),
    ).toEqual(['crates/core/target/gen.rs', 'target/debug/build/out.rs'].map(at));
  });

  it.each([
    { name: 'missing path', pattern: 'src/missing.rs', input: 'touch', says: 'no such file' },
    { name: 'a directory', pattern: 'src/x', input: 'artifacts', says: 'no such file' },
    { name: 'glob matching nothing', pattern: 'src/**/*.c', input: 'touch', says: 'matches no file' },
    { name: 'class matching nothing', pattern: 'src/[xyz].rs', input: 'touch', says: 'matches no file' },
    { name: 'braces matching nothing', pattern: 'src/{a,b}.rs', input: 'touch', says: 'matches no file' },
    {
      name: 'glob matching only build output',
      pattern: 'target/**/*.rs',
      input: 'artifacts',
      says: 'matches no file',
    },
  ])('rejects a $name with a ConfigError naming the input', ({ pattern, input, says }) => {
    const error = catchConfigError(() => findFiles(root, ['src/main.rs', pattern], input));
    expect([error.input, error.value]).toEqual([input, pattern]);
    expect(error.message).toContain(`Input '${input}'`);
    expect(error.message).toContain(JSON.stringify(pattern));
    expect(error.message).toContain(`${says} in ${root}`);
  });

  it.each([
    { name: 'only exclusions', patterns: ['!src/main.rs', '!**/*.md'], says: 'has only exclusions' },
    { name: 'every match excluded', patterns: ['src/*.rs', '!src'], says: 'excludes every file it matches' },
  ])('rejects a list with $name, naming the whole list', ({ patterns, says }) => {
    const error = catchConfigError(() => findFiles(root, patterns, 'touch'));
    expect([error.input, error.value]).toEqual(['touch', patterns.join(', ')]);
    expect(error.message).toContain(says);
  });
});

function catchConfigError(act: () => unknown): ConfigError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
