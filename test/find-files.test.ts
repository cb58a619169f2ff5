import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config.js';
import { findFiles, globToRegExp } from '../src/bench/find-files.js';

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
    { pattern: 'lib+(1).rs', path: 'lib+(1).rs', matches: true },
    { pattern: 'lib+(1).rs', path: 'libb(1)xrs', matches: false },
    { pattern: '[ab].rs', path: 'a.rs', matches: false },
    { pattern: '[ab].rs', path: '[ab].rs', matches: true },
    { pattern: 'a$b^c|d', path: 'a$b^c|d', matches: true },
  ])('$pattern ~ $path → $matches', ({ pattern, path: file, matches }) => {
    expect(globToRegExp(pattern).test(file)).toBe(matches);
  });
});

describe('findFiles', () => {
  let root: string;
  const at = (relative: string): string => path.join(root, relative);

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'find-files-test-'));
    for (const file of [
      'Cargo.toml',
      'src/main.rs',
      'src/x/y/a.rs',
      'src/x/notes.md',
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

  it.each([
    { name: 'one glob', patterns: ['src/**/*.rs'], files: ['src/main.rs', 'src/x/y/a.rs'] },
    {
      name: 'everywhere but build output and .git',
      patterns: ['**/*.rs'],
      files: ['crates/core/src/lib.rs', 'src/main.rs', 'src/x/y/a.rs'],
    },
    { name: 'one level', patterns: ['src/*'], files: ['src/main.rs'] },
    { name: 'question mark', patterns: ['src/x/y/?.rs'], files: ['src/x/y/a.rs'] },
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
      files: ['Cargo.toml', 'src/main.rs', 'src/x/y/a.rs'],
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

  it.each([
    { name: 'missing path', pattern: 'src/missing.rs', input: 'touch', says: 'no such file' },
    { name: 'a directory', pattern: 'src/x', input: 'artifacts', says: 'no such file' },
    { name: 'glob matching nothing', pattern: 'src/**/*.c', input: 'touch', says: 'matches no file' },
    {
      name: 'glob matching only build output',
      pattern: 'target/**/*.rs',
      input: 'artifacts',
      says: 'matches no file',
    },
  ])('rejects a $name with a ConfigError naming the input', ({ pattern, input, says }) => {
    let caught: unknown;
    try {
      findFiles(root, ['src/main.rs', pattern], input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect([error.input, error.value]).toEqual([input, pattern]);
    expect(error.message).toContain(`Input '${input}'`);
    expect(error.message).toContain(JSON.stringify(pattern));
    expect(error.message).toContain(`${says} in ${root}`);
  });
});
