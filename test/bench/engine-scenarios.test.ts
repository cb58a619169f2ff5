/**
 * The engine on real cargo builds: the edit scenario, rounds that stop when decided, crate times, live progress,
 * a user's edit during a run, what verification reads, and the linkers' fallbacks.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { copyFixture, type FixtureCopy } from '../support/fixture-project.js';
import { createTestDeps } from '../support/test-deps.js';

let fixture: FixtureCopy | undefined;
afterEach(() => fixture?.remove());

const mtimeNs = (file: string): bigint => statSync(file, { bigint: true }).mtimeNs;

function oldTimes(file: string): bigint {
  spawnSync('touch', ['-d', '@1600000000.123456789', file]);
  return mtimeNs(file);
}

describe('the edit scenario', () => {
  it('rebuilds after a real change and its revert, both measured, and restores the file byte for byte', async () => {
    fixture = copyFixture('tiny');
    const main = path.join(fixture.directory, 'crates/cli/src/main.rs');
    const text = readFileSync(main, 'utf8');
    const before = oldTimes(main);
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'edit',
      linkers: 'default, mold',
      runs: '4',
    });

    const { results } = await run(deps);

    const edits = results.samples.filter((sample) => sample.scenario === 'edit');
    expect(edits.map((sample) => `${sample.round}:${sample.edit}`)).toEqual([
      '0:apply',
      '0:apply',
      '1:revert',
      '1:revert',
      '2:apply',
      '2:apply',
      '3:revert',
      '3:revert',
    ]);
    // A real edit recompiles the crate: rustc runs for it in every sample, and the binary relinks.
    for (const sample of edits) {
      expect(sample.crateMs?.['tiny-cli 0.1.0 (bin tiny_cli)']).toBeGreaterThan(0);
      expect(sample.linkCount).toBe(1);
    }
    expect(readFileSync(main, 'utf8')).toBe(text);
    expect(mtimeNs(main)).toBe(before);
    expect(deps.outputs.get('edit-median-ms')).toMatch(/^\d+$/);
  });

  it("applies the user's patch with git apply and reverts it, leaving the repository as it was", async () => {
    fixture = copyFixture('tiny');
    const dir = fixture.directory;
    spawnSync('git', ['init', '-q'], { cwd: dir });
    const lib = path.join(dir, 'crates/core/src/lib.rs');
    const before = oldTimes(lib);
    const text = readFileSync(lib, 'utf8');
    const patch = path.join(dir, 'edit.patch');
    writeFileSync(
      patch,
      [
        '--- a/crates/core/src/lib.rs',
        '+++ b/crates/core/src/lib.rs',
        '@@ -1,4 +1,4 @@',
        ' /// Adds two numbers.',
        ' pub fn add(a: u64, b: u64) -> u64 {',
        '-    a + b',
        '+    a.wrapping_add(b)',
        ' }',
        '',
      ].join('\n'),
    );
    const deps = createTestDeps(
      { 'working-directory': dir, scenarios: 'edit', linkers: 'default', runs: '2', 'edit-patch': patch },
      process.env,
    );

    const { results } = await run(deps);

    const crates = results.samples.map((sample) => Object.keys(sample.crateMs ?? {}).sort());
    expect(crates).toEqual([
      ['tiny-cli 0.1.0 (bin tiny_cli)', 'tiny-core 0.1.0'],
      ['tiny-cli 0.1.0 (bin tiny_cli)', 'tiny-core 0.1.0'],
    ]);
    expect([readFileSync(lib, 'utf8'), mtimeNs(lib)]).toEqual([text, before]);
  });
});

describe('rounds that stop when the comparison is decided', () => {
  it('adds rounds past `runs` until GNU ld is told slower than default, then stops, and says why', async () => {
    fixture = copyFixture('tiny');
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'incremental',
      linkers: 'default, bfd',
      runs: '2',
      'max-runs': '20',
      'time-budget': '10m',
    });

    const { results } = await run(deps);

    const [record] = results.rounds;
    expect(record).toMatchObject({ scenario: 'incremental', stoppedBy: 'decided', undecided: [] });
    expect(record!.rounds).toBeGreaterThanOrEqual(3);
    expect(record!.rounds).toBeLessThan(20);
    expect(results.speedups[0]).toMatchObject({ variant: 'bfd', claim: 'slower', rounds: record!.rounds });
    expect(deps.logger.lines).toContain(`incremental: ${record!.rounds} rounds (every comparison decided).`);
  });

  it('stops at the time budget with the undecided comparisons named', async () => {
    fixture = copyFixture('tiny');
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'incremental',
      linkers: 'default, mold',
      runs: '1',
      'max-runs': '200',
      'time-budget': '1ms',
    });

    const { results } = await run(deps);

    const [record] = results.rounds;
    // The budget is spent by the first round, whose one pair gives no interval: whatever mold and rust-lld do on
    // this machine, nothing is decided, and the rounds stop on the budget, not on `max-runs`.
    expect(record).toMatchObject({ stoppedBy: 'time-budget', undecided: ['mold vs default'], rounds: 1 });
  });
});

describe('live progress', () => {
  it('prints a line every so often while a long build runs', async () => {
    fixture = copyFixture('tiny');
    const deps = {
      ...createTestDeps({
        'working-directory': fixture.directory,
        scenarios: 'clean',
        linkers: 'default',
        command: 'cargo build && sleep 0.7',
      }),
      liveProgressIntervalMs: 250,
    };

    await run(deps);

    const lines = deps.logger.lines.filter((line) => line.includes('still building'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^clean · default · round 1 \(1–50\): still building \(\d s\)/);
  });
});

describe('an edit the user makes during a run', () => {
  it('survives: its content and new time remain, and the next build compiles it', async () => {
    fixture = copyFixture('tiny');
    const main = path.join(fixture.directory, 'crates/cli/src/main.rs');
    oldTimes(main);
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'incremental',
      linkers: 'default',
      runs: '3',
    });
    const edited = 'fn main() {\n    println!("edited during the run: {}", tiny_core::add(40, 2));\n}\n';
    const progress = deps.logger.progress.bind(deps.logger);
    deps.logger.progress = (message) => {
      progress(message);
      if (message.includes('round 1')) writeFileSync(main, edited);
    };

    const error = await run(deps).catch((caught: unknown) => caught);

    // The next touch would have hidden it: the run stops and says so instead.
    expect(String(error)).toContain('was changed while the benchmark ran');
    expect(readFileSync(main, 'utf8')).toBe(edited);
    expect(mtimeNs(main)).toBeGreaterThan(1600000000123456789n);
    const built = spawnSync('cargo', ['run', '-q', '-p', 'tiny-cli'], {
      cwd: fixture.directory,
      encoding: 'utf8',
    });
    expect(built.stdout).toBe('edited during the run: 42\n');
  });
});

describe('what the linker check reads', () => {
  it('reads the executable even when six proc-macros were linked before it', async () => {
    fixture = copyFixture('macros');
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'clean',
      linkers: 'default, mold',
    });

    const { results } = await run(deps);

    for (const check of results.linkers) {
      expect(check.verified).toBe(true);
      expect(check.files).toEqual([expect.stringMatching(/\/debug\/deps\/macro_app-[0-9a-f]{16}$/)]);
    }
  });
});

describe('mold with a driver that does not know -fuse-ld=mold (GCC before 12.1)', () => {
  it('passes mold with -B, and the executable is linked by mold', async () => {
    fixture = copyFixture('tiny');
    const driver = path.join(fixture.directory, 'tools', 'old-gcc');
    mkdirSync(path.dirname(driver));
    writeFileSync(
      driver,
      '#!/bin/sh\nfor arg do case "$arg" in -fuse-ld=mold) echo "old-gcc: error: unrecognized command-line option \'-fuse-ld=mold\'" >&2; exit 1;; esac; done\nexec gcc "$@"\n',
    );
    chmodSync(driver, 0o755);
    mkdirSync(path.join(fixture.directory, '.cargo'));
    writeFileSync(
      path.join(fixture.directory, '.cargo/config.toml'),
      '[target.x86_64-unknown-linux-gnu]\nlinker = "tools/old-gcc"\n',
    );
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'incremental',
      linkers: 'default, mold',
      runs: '1',
    });

    const { results } = await run(deps);

    expect(results.linkers.find((check) => check.variant === 'mold')).toMatchObject({
      family: 'mold',
      verified: true,
    });
    expect(results.notes.join('\n')).toContain('does not know -fuse-ld=mold (GCC before 12.1)');
  });
});

describe('the link scenario', () => {
  it('captures the final link once, replays it for every linker (no cargo), verifies each, and decides', async () => {
    fixture = copyFixture('tiny');
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'incremental, link',
      linkers: 'default, mold, lld, bfd',
      runs: '3',
      'max-runs': '30',
      'time-budget': '10m',
    });

    const { results } = await run(deps);

    const links = results.samples.filter((sample) => sample.scenario === 'link');
    expect(new Set(links.map((sample) => sample.variant))).toEqual(
      new Set(['default', 'mold', 'lld', 'bfd']),
    );
    for (const sample of links) {
      // A replay compiles nothing and links the one final executable.
      expect(sample.linkCount).toBe(1);
      expect(Object.keys(sample.crateMs ?? {})).toEqual([]);
    }
    // Each variant's outputs name its own linker (a replayed output that did not would have failed the run).
    expect(results.failure).toBeNull();
    expect(Object.fromEntries(results.linkers.map((check) => [check.variant, check.family]))).toEqual({
      default: 'lld',
      mold: 'mold',
      lld: 'lld',
      bfd: 'bfd',
    });
    // One capture build (the gated variant's), then rounds of replays.
    const record = results.rounds.find((item) => item.scenario === 'link')!;
    expect(record.stoppedBy).not.toBe('failed');
    expect(
      deps.logger.lines.filter((line) => line.startsWith('link · ') && line.includes('prepare')),
    ).toEqual([expect.stringMatching(/^link · default · prepare: /) as string]);
    // GNU ld is slower than the others at replaying a link: decided.
    expect(results.speedups.find((item) => item.scenario === 'link' && item.variant === 'bfd')?.claim).toBe(
      'slower',
    );
  });

  it('is refused before any build for a command other than cargo, naming the input', async () => {
    fixture = copyFixture('tiny');
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      command: 'make',
      'clean-command': 'make clean',
      touch: 'crates/cli/src/main.rs',
      scenarios: 'link',
      linkers: 'default',
    });
    await expect(run(deps)).rejects.toThrow(
      /Input 'scenarios' has the value "link": the link scenario replays/,
    );
  });
});

describe('the toolchain variant', () => {
  it("is rustc's own linker when the project's config selects mold, verified and compared with it", async () => {
    fixture = copyFixture('tiny');
    const triple = /^host: (\S+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout)![1]!;
    mkdirSync(path.join(fixture.directory, '.cargo'), { recursive: true });
    writeFileSync(
      path.join(fixture.directory, '.cargo', 'config.toml'),
      `[target.${triple}]\nrustflags = ["-C", "link-arg=-fuse-ld=mold"]\n`,
    );
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      scenarios: 'incremental',
      linkers: 'default, toolchain, mold',
      runs: '3',
    });

    const { results } = await run(deps);

    expect(results.failure).toBeNull();
    const family = Object.fromEntries(results.linkers.map((check) => [check.variant, check.family]));
    // The project's configuration makes `default` mold; `toolchain` leaves it out: rustc's bundled LLD.
    expect(family).toEqual({ default: 'mold', toolchain: 'lld', mold: 'mold' });
    expect(results.linkers.find((check) => check.variant === 'toolchain')!.verified).toBe(true);
    expect(results.speedups.find((item) => item.variant === 'toolchain')?.rounds).toBeGreaterThanOrEqual(3);
    expect(results.notes.join('\n')).toMatch(
      /`default` links with mold [^ ]+ here, as the project configures it; `toolchain`, what rustc would use without that configuration, links with LLD/,
    );
  });
});
