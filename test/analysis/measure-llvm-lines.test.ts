/** LLVM IR lines of a real workspace, through the real cargo and rustc (and a stand-in for cargo-llvm-lines). */
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrateLlvmLines, FunctionLines } from '../../src/analysis/analysis.js';
import { parseCargoMetadata, type CargoMetadata } from '../../src/cargo/cargo-metadata.js';
import { sortFunctionLines } from '../../src/analysis/count-llvm-lines.js';
import { measureLlvmLines, type LlvmLinesRequest } from '../../src/analysis/io/measure-llvm-lines.js';
import { createProcessRunner } from '../../src/system/process-runner.js';
import { copyFixture, type FixtureCopy } from '../support/fixture-project.js';

const runner = createProcessRunner();
let fixture: FixtureCopy;
let scratch: string;

/** PATH without any real cargo-llvm-lines, so the rustc counter is used whatever the machine has. */
function pathWithoutCargoLlvmLines(): string {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((directory) => {
      try {
        accessSync(path.join(directory, 'cargo-llvm-lines'), constants.X_OK);
        return false;
      } catch {
        return true;
      }
    })
    .join(path.delimiter);
}

/** `cargo metadata --no-deps` of a workspace, as the benchmark reads it before the analysis. */
function readMetadata(directory: string): CargoMetadata {
  const args = ['metadata', '--format-version', '1', '--no-deps', '--offline'];
  return parseCargoMetadata(execFileSync('cargo', args, { cwd: directory, encoding: 'utf8' }));
}

function createRequest(overrides: Partial<LlvmLinesRequest>): LlvmLinesRequest {
  return {
    workingDirectory: fixture.directory,
    metadata: readMetadata(overrides.workingDirectory ?? fixture.directory),
    packages: ['generic-shapes'],
    command: 'cargo build',
    // One target directory for the whole file: dependencies and std metadata are reused between tests.
    targetDirectory: path.join(scratch, 'target'),
    env: { ...process.env, PATH: pathWithoutCargoLlvmLines() },
    timeoutMs: 120_000,
    ...overrides,
  };
}

function findFunction(crate: CrateLlvmLines, name: string): FunctionLines | undefined {
  return crate.functions.find((fn) => fn.name === name);
}

/** Every function kept, sorted by lines, copies, name, and the totals the sums of all of them. */
function expectConsistent(crate: CrateLlvmLines): void {
  expect(crate.functions).toEqual(sortFunctionLines(crate.functions));
  expect(crate.functionCount).toBe(crate.functions.length); // the fixture stays below LLVM_LINES_KEPT
  expect(crate.totalLines).toBe(crate.functions.reduce((sum, fn) => sum + fn.lines, 0));
  expect(crate.totalCopies).toBe(crate.functions.reduce((sum, fn) => sum + fn.copies, 0));
  for (const fn of crate.functions) expect(fn.copies).toBeGreaterThan(0);
}

beforeAll(() => {
  fixture = copyFixture('generic-code');
  scratch = mkdtempSync(path.join(os.tmpdir(), 'build-bench-llvm-lines-'));
});
afterAll(() => {
  fixture.remove();
  rmSync(scratch, { recursive: true, force: true });
});

describe('counting through rustc --emit=llvm-ir', () => {
  it('groups the instances of each generic function of a library', async () => {
    const outcome = await measureLlvmLines(createRequest({}), runner);

    expect(outcome.problems).toEqual([]);
    expect(outcome.report?.counter).toBe('rustc');
    const [crate] = outcome.report?.crates ?? [];
    expect(crate).toMatchObject({ packageName: 'generic-shapes', target: 'lib' });
    expect(findFunction(crate!, 'generic_shapes::tally')).toMatchObject({ copies: 4 });
    expect(findFunction(crate!, 'generic_shapes::Pair<T>::heavier')).toMatchObject({ copies: 2 });
    expect(findFunction(crate!, 'generic_shapes::summarize')).toMatchObject({ copies: 1 });
    for (const name of [
      'generic_shapes::tally',
      'generic_shapes::Pair<T>::heavier',
      'generic_shapes::summarize',
    ])
      expect(findFunction(crate!, name)!.lines).toBeGreaterThan(0);
    expect(crate!.functions.filter((fn) => fn.name.includes('tally'))).toHaveLength(1);
    expectConsistent(crate!);
  });

  it('counts the top crate, a binary, when no package is named', async () => {
    const outcome = await measureLlvmLines(createRequest({ packages: [] }), runner);

    expect(outcome.problems).toEqual([]);
    const [crate] = outcome.report?.crates ?? [];
    expect(crate).toMatchObject({ packageName: 'generic-app', target: 'bin generic-app' });
    expect(findFunction(crate!, 'generic_app::twice')).toMatchObject({ copies: 2 });
    expect(findFunction(crate!, 'generic_app::main')).toMatchObject({ copies: 1 });
    expect(findFunction(crate!, 'generic_shapes::tally')).toBeUndefined(); // a dependency, not emitted
    expectConsistent(crate!);
  });

  it('passes --release on and counts the same instances', async () => {
    const targetDirectory = path.join(scratch, 'target');
    const outcome = await measureLlvmLines(
      createRequest({ command: 'cargo build --release --locked' }),
      runner,
    );

    expect(outcome.problems).toEqual([]);
    expect(existsSync(path.join(targetDirectory, 'release'))).toBe(true);
    const [crate] = outcome.report?.crates ?? [];
    expect(findFunction(crate!, 'generic_shapes::tally')).toMatchObject({ copies: 4 });
    expectConsistent(crate!);
  });

  it('reports an unknown package and a failed build as problems and counts the rest', async () => {
    const main = path.join(fixture.directory, 'crates/app/src/main.rs');
    const source = readFileSync(main, 'utf8');
    writeFileSync(main, `${source}\ncompile_error!("broken on purpose");\n`);
    try {
      const outcome = await measureLlvmLines(
        createRequest({ packages: ['no-such-package', 'generic-app', 'generic-shapes'] }),
        runner,
      );

      expect(outcome.report?.crates.map((crate) => crate.packageName)).toEqual(['generic-shapes']);
      expect(outcome.problems).toHaveLength(2);
      expect(outcome.problems[0]).toMatch(
        /`no-such-package`.*not a member.*`generic-app`.*`llvm-lines-packages`/,
      );
      expect(outcome.problems[1]).toMatch(/package `generic-app` \(bin generic-app\).*exit code 101/);
      expect(outcome.problems[1]).toContain('broken on purpose');
    } finally {
      writeFileSync(main, source);
    }
  });
});

/** A stand-in for cargo-llvm-lines: records its arguments and CARGO_TARGET_DIR, prints `$FAKE_TABLE`. */
function installFakeCargoLlvmLines(): { binDirectory: string; argsFile: string } {
  const binDirectory = path.join(scratch, 'fake-bin');
  const argsFile = path.join(scratch, 'fake-args.txt');
  mkdirSync(binDirectory, { recursive: true });
  const script = path.join(binDirectory, 'cargo-llvm-lines');
  writeFileSync(
    script,
    `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\necho "CARGO_TARGET_DIR=$CARGO_TARGET_DIR" >> '${argsFile}'\nprintf '%s' "$FAKE_TABLE"\n`,
  );
  chmodSync(script, 0o755);
  return { binDirectory, argsFile };
}

const CURRENT_TABLE = [
  '  Lines                 Copies               Function name',
  '  -----                 ------               -------------',
  '  51551                 1513                 (TOTAL)',
  '   2215 (4.3%,  4.3%)     45 (3.0%,  3.0%)  core::ptr::drop_in_place<T>',
  '  49336 (95.7%,100.0%)  1468 (97.0%,100.0%)  <(A, B) as core::fmt::Debug>::fmt',
  '',
].join('\n');

describe('counting through cargo llvm-lines', () => {
  it('runs it per package with the build flags and reads its table', async () => {
    const { binDirectory, argsFile } = installFakeCargoLlvmLines();
    const request = createRequest({
      command: 'cargo build --release --target x86_64-unknown-linux-gnu -p other',
      env: {
        ...process.env,
        PATH: `${binDirectory}${path.delimiter}${process.env.PATH}`,
        FAKE_TABLE: CURRENT_TABLE,
      },
    });

    const outcome = await measureLlvmLines(request, runner);

    expect(outcome.problems).toEqual([]);
    expect(outcome.report).toEqual({
      counter: 'cargo-llvm-lines',
      flags: ['--release', '--target', 'x86_64-unknown-linux-gnu'],
      crates: [
        {
          packageName: 'generic-shapes',
          target: 'lib',
          totalLines: 51551,
          totalCopies: 1513,
          functions: [
            { name: '<(A, B) as core::fmt::Debug>::fmt', lines: 49336, copies: 1468 },
            { name: 'core::ptr::drop_in_place<T>', lines: 2215, copies: 45 },
          ],
          functionCount: 2,
        },
      ],
    });
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([
      'llvm-lines',
      '-p',
      'generic-shapes',
      '--lib',
      '--release',
      '--target',
      'x86_64-unknown-linux-gnu',
      `CARGO_TARGET_DIR=${request.targetDirectory}`,
    ]);
  });

  it('reports a table it cannot read as a problem', async () => {
    const { binDirectory } = installFakeCargoLlvmLines();
    const request = createRequest({
      packages: [],
      env: {
        ...process.env,
        PATH: `${binDirectory}${path.delimiter}${process.env.PATH}`,
        FAKE_TABLE: 'nothing useful\n',
      },
    });

    const outcome = await measureLlvmLines(request, runner);

    expect(outcome.report).toBeNull();
    expect(outcome.problems).toEqual([
      'LLVM IR lines of package `generic-app` (bin generic-app) were not counted: ' +
        'cargo llvm-lines printed no table (no "Lines  Copies  Function name" header).',
    ]);
  });
});
