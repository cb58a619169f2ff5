/** The pipeline in process, with the real cargo and the real mold building a tiny workspace. */
import { UnsupportedPlatformError } from '../../src/config/platform.js';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { BenchmarkFailedError } from '../../src/pipeline/deps.js';
import type { Results } from '../../src/results/results.js';
import { copyFixture, type FixtureCopy } from '../support/fixture-project.js';
import { createTestDeps } from '../support/test-deps.js';

let fixture: FixtureCopy | undefined;
afterEach(() => fixture?.remove());

/** Writes `.cargo/config.toml` into the fixture and returns deps that build it. */
function withCargoConfig(
  copy: FixtureCopy,
  toml: string,
  inputs: Record<string, string>,
): ReturnType<typeof createTestDeps> {
  mkdirSync(path.join(copy.directory, '.cargo'), { recursive: true });
  writeFileSync(path.join(copy.directory, '.cargo/config.toml'), toml);
  return createTestDeps({ 'working-directory': copy.directory, ...inputs });
}

function mtimeNs(file: string): bigint {
  return statSync(file, { bigint: true }).mtimeNs;
}

describe('a Cargo workspace with default and mold', () => {
  it('measures interleaved samples, verifies both linkers and restores the touched file', async () => {
    fixture = copyFixture('tiny');
    const main = path.join(fixture.directory, 'crates/cli/src/main.rs');
    const before = mtimeNs(main);
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      runs: '2',
      scenarios: 'clean, incremental, noop',
    });

    const outcome = await run(deps);
    const results: Results = JSON.parse(readFileSync(outcome.resultsPath, 'utf8')) as Results;

    expect(results.schemaVersion).toBe(3);
    expect(results.status).toBe('complete');
    expect(results.touchedFiles).toEqual(['crates/cli/src/main.rs']);
    expect(mtimeNs(main)).toBe(before);
    const incremental = results.samples.filter((s) => s.scenario === 'incremental');
    expect(incremental.map((s) => `${s.round}:${s.variant}`)).toEqual([
      '0:default',
      '0:mold',
      '1:mold',
      '1:default',
    ]);
    for (const sample of incremental) {
      expect(sample.wallMs).toBeGreaterThan(0);
      expect(sample.linkCount).toBe(1); // only the binary relinks
      expect(sample.linkMs).toBeGreaterThan(0);
      expect(sample.linkMs!).toBeLessThan(sample.wallMs);
    }
    for (const sample of results.samples.filter((s) => s.scenario === 'noop'))
      expect(sample.linkCount).toBe(0);
    const clean = results.samples.filter((s) => s.scenario === 'clean');
    expect(clean).toHaveLength(2);
    for (const sample of clean) expect(sample.cpuMs).toBeGreaterThan(0);
    const linkers = Object.fromEntries(results.linkers.map((check) => [check.variant, check]));
    expect(linkers.mold?.family).toBe('mold');
    expect(linkers.mold?.verified).toBe(true);
    expect(linkers.default?.family).toBe('lld'); // rust-lld, the default since Rust 1.90
    expect(results.summaries).toHaveLength(6);
    expect(results.speedups.map((s) => `${s.scenario}/${s.variant}`)).toEqual([
      'clean/mold',
      'incremental/mold',
      'noop/mold',
    ]);
    expect(deps.outputs.get('incremental-median-ms')).toMatch(/^\d+$/);
    expect(deps.outputs.get('incremental-mold-speedup')).toMatch(/^\d+\.\d{3}$/);
    expect(deps.outputs.get('results-path')).toBe(outcome.resultsPath);
    expect(deps.summaries[0]).toContain('incremental');
    // Nothing is left in the user's tree but the target directory.
    expect(readdirSync(fixture.directory).sort()).toEqual(['Cargo.lock', 'Cargo.toml', 'crates', 'target']);
    expect(readdirSync(path.join(fixture.directory, 'target', 'build-bench')).sort()).toEqual([
      'default',
      'mold',
      'results.json',
      'shims',
    ]);
  });

  it('honours a linker configured as gcc: rustc would link with GNU ld, so the default variant does too', async () => {
    fixture = copyFixture('tiny');
    const deps = withCargoConfig(fixture, '[target.x86_64-unknown-linux-gnu]\nlinker = "gcc"\n', {
      runs: '1',
      scenarios: 'incremental',
      linkers: 'default, mold, bfd',
    });

    const { results } = await run(deps);

    const families = Object.fromEntries(results.linkers.map((check) => [check.variant, check.family]));
    expect(families).toEqual({ default: 'bfd', mold: 'mold', bfd: 'bfd' });
    expect(deps.logger.lines.join('\n')).toContain('Honouring the configured linker gcc');
  });

  it('stops on a failing build with the exit code and output tail, and still writes the samples taken', async () => {
    fixture = copyFixture('tiny');
    const lib = path.join(fixture.directory, 'crates/core/src/lib.rs');
    // The second incremental round breaks the build: the touched file's build script is a shell command.
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      command: `cargo build && test ! -e ${path.join(fixture.directory, 'break-now')} || (echo "error: the fixture broke on purpose" >&2; exit 3)`,
      runs: '3',
      scenarios: 'incremental',
      linkers: 'default',
      touch: 'crates/core/src/lib.rs',
    });
    const before = mtimeNs(lib);
    let samplesSeen = 0;
    const progress = deps.logger.progress.bind(deps.logger);
    deps.logger.progress = (message) => {
      progress(message);
      if (message.includes('round 1')) {
        samplesSeen++;
        writeFileSync(path.join(fixture!.directory, 'break-now'), '');
      }
    };

    const error = await run(deps).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BenchmarkFailedError);
    const failed = error as BenchmarkFailedError;
    expect(failed.message).toContain('exit code 3');
    expect(failed.message).toContain('the fixture broke on purpose');
    expect(samplesSeen).toBe(1);
    const written = JSON.parse(readFileSync(failed.outcome.resultsPath, 'utf8')) as Results;
    expect(written.status).toBe('failed');
    expect(written.samples).toHaveLength(1);
    expect(written.failure?.exitCode).toBe(3);
    expect(mtimeNs(lib)).toBe(before);
  });
});

describe('a build target set in .cargo/config.toml', () => {
  it("puts the shim on that target's linker and verifies its executables", async () => {
    fixture = copyFixture('tiny');
    const deps = withCargoConfig(fixture, '[build]\ntarget = "x86_64-unknown-linux-gnu"\n', {
      runs: '1',
      scenarios: 'incremental',
    });

    const { results } = await run(deps);

    const mold = results.linkers.find((check) => check.variant === 'mold');
    expect(mold?.verified).toBe(true);
    expect(mold?.files[0]).toMatch(
      /^target\/build-bench\/mold\/x86_64-unknown-linux-gnu\/debug\/deps\/tiny_cli-/,
    );
    expect(results.samples.every((sample) => sample.linkCount === 1)).toBe(true);
  });
});

describe('CARGO_INCREMENTAL=0 in the environment, as rust-cache sets it', () => {
  it('runs the incremental scenario with CARGO_INCREMENTAL=1 and says so', async () => {
    fixture = copyFixture('tiny');
    const env = { ...process.env, CARGO_INCREMENTAL: '0' };
    const deps = createTestDeps(
      { 'working-directory': fixture.directory, runs: '1', scenarios: 'incremental', linkers: 'default' },
      env,
    );

    const { results } = await run(deps);

    expect(results.notes).toContain(
      'CARGO_INCREMENTAL was 0 in the environment; the incremental scenario ran with CARGO_INCREMENTAL=1.',
    );
    expect(results.environment.cargoIncremental).toBe('0');
    // rustc keeps incremental state only when incremental compilation is on.
    expect(
      readdirSync(path.join(fixture.directory, 'target/build-bench/default/debug/incremental')).length,
    ).toBeGreaterThan(0);
  });
});

describe('a variant not linked by the linker it names', () => {
  it('is an error, not a number', async () => {
    fixture = copyFixture('tiny');
    // A configured linker wrapper that forces GNU ld whatever it is asked for.
    const wrapper = path.join(fixture.directory, 'tools/force-bfd');
    mkdirSync(path.dirname(wrapper));
    writeFileSync(wrapper, '#!/bin/sh\nexec cc "$@" -fuse-ld=bfd\n', { mode: 0o755 });
    const deps = withCargoConfig(fixture, '[target.x86_64-unknown-linux-gnu]\nlinker = "tools/force-bfd"\n', {
      runs: '1',
      scenarios: 'incremental',
    });

    const error = await run(deps).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BenchmarkFailedError);
    const { outcome, message } = error as BenchmarkFailedError;
    expect(message).toContain("The 'mold' variant was not linked by mold");
    expect(message).toContain('GNU ld');
    expect(outcome.results.failure?.phase).toBe('verify');
    expect(outcome.results.summaries.some((summary) => summary.variant === 'mold')).toBe(false);
    expect(outcome.results.linkers.find((check) => check.variant === 'mold')?.verified).toBe(false);
  });
});

describe('a linker set in RUSTFLAGS, which bypasses the link shim', () => {
  it('fails the mold variant as unverified instead of printing its numbers', async () => {
    fixture = copyFixture('tiny');
    const env = { ...process.env, RUSTFLAGS: '-C linker=cc' };
    const deps = createTestDeps(
      { 'working-directory': fixture.directory, runs: '1', scenarios: 'incremental' },
      env,
    );

    const error = await run(deps).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BenchmarkFailedError);
    expect((error as BenchmarkFailedError).message).toContain(
      "The 'mold' variant could not be verified: nothing went through the link shim",
    );
    expect((error as BenchmarkFailedError).outcome.results.status).toBe('failed');
  });
});

describe('a runner that is not Linux', () => {
  it.each([
    ['darwin', 'macOS'],
    ['win32', 'Windows'],
  ] as const)(
    'on %s: one clear error naming the fix, before anything is installed or built',
    async (platform, name) => {
      fixture = copyFixture('tiny');
      const deps = {
        ...createTestDeps({ 'working-directory': fixture.directory, runs: '1', scenarios: 'incremental' }),
        platform,
      };

      const error = await run(deps).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(UnsupportedPlatformError);
      expect((error as Error).message).toContain(`this runner is ${name}`);
      expect((error as Error).message).toContain("`if: runner.os == 'Linux'`");
      expect(existsSync(path.join(fixture.directory, 'target'))).toBe(false);
      expect(deps.logger.lines).toEqual([]);
    },
  );
});

describe('any other build command', () => {
  it('runs the mold variant under mold -run and verifies the artifact', async () => {
    fixture = copyFixture('tiny');
    const dir = fixture.directory;
    writeFileSync(path.join(dir, 'hello.c'), 'int main(void) { return 0; }\n');
    const deps = createTestDeps({
      'working-directory': dir,
      // Like make: relinks only when the source is newer, so a no-op build leaves the artifact alone.
      command: 'mkdir -p out && { [ out/hello -nt hello.c ] || cc -fuse-ld=bfd -o out/hello hello.c; }',
      'clean-command': 'rm -rf out',
      scenarios: 'clean, incremental, noop',
      touch: 'hello.c',
      artifacts: 'out/hello',
      runs: '3',
    });

    const { results } = await run(deps);

    const families = Object.fromEntries(results.linkers.map((check) => [check.variant, check.family]));
    expect(families).toEqual({ default: 'bfd', mold: 'mold' });
    expect(results.samples.every((s) => s.linkMs === null && s.linkCount === null)).toBe(true);
    expect(existsSync(path.join(dir, 'out/hello'))).toBe(true);
  });
});
