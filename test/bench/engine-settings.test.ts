/** Settings variants end to end: the real cargo builds each with its profile settings, proven by rustc's options. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import { run } from '../../src/main.js';
import { BenchmarkFailedError } from '../../src/pipeline/deps.js';
import type { Results } from '../../src/results/results.js';
import { copyFixture, type FixtureCopy } from '../support/fixture-project.js';
import { createTestDeps } from '../support/test-deps.js';

let fixture: FixtureCopy | undefined;
afterEach(() => fixture?.remove());

describe('settings variants on a Cargo workspace', () => {
  it('builds each with its settings, records what proved them, and reports the Cargo.toml lines', async () => {
    fixture = copyFixture('tiny');
    const manifest = readFileSync(path.join(fixture.directory, 'Cargo.toml'), 'utf8');
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      runs: '2',
      scenarios: 'incremental',
      linkers: 'default',
      settings: 'debug=line-tables-only\nmold + debug=false, codegen-units=64',
    });

    const outcome = await run(deps);
    const results = JSON.parse(readFileSync(outcome.resultsPath, 'utf8')) as Results;

    expect(results.schemaVersion).toBe(3);
    expect(results.plan.variants).toEqual([
      'default',
      'debug=line-tables-only',
      'mold + debug=false, codegen-units=64',
    ]);
    expect(results.plan.gatedVariant).toBe('default');
    const proofs = Object.fromEntries(results.settingProofs.map((proof) => [proof.setting, proof]));
    expect(proofs['debug=line-tables-only']?.flags).toEqual(['-C debuginfo=line-tables-only']);
    expect(proofs['debug=false']?.flags).toEqual(["no -C debuginfo (rustc's default: none)"]);
    expect(proofs['codegen-units=64']?.flags).toEqual(['-C codegen-units=64']);
    for (const proof of results.settingProofs) expect(proof.crates).toBeGreaterThan(0);
    // The joined linker is verified as any mold variant is.
    expect(results.linkers.find((check) => check.variant.startsWith('mold +'))?.family).toBe('mold');
    expect(results.speedups.map((speedup) => speedup.variant)).toEqual([
      'debug=line-tables-only',
      'mold + debug=false, codegen-units=64',
    ]);
    expect(deps.outputs.get('incremental-debug-line-tables-only-speedup')).toMatch(/^\d+\.\d{3}$/);
    expect(JSON.parse(deps.outputs.get('speedups')!)).toHaveProperty([
      'incremental',
      'debug=line-tables-only',
    ]);
    // The user's files are as they were.
    expect(readFileSync(path.join(fixture.directory, 'Cargo.toml'), 'utf8')).toBe(manifest);
    expect(existsSync(path.join(fixture.directory, '.cargo'))).toBe(false);
    const summary = deps.summaries[0]!;
    expect(summary).toContain('### What the other settings would save');
    expect(summary).toContain('Settings proven by the options rustc received');
    expect(summary).toContain('### Which settings to adopt');
    expect(
      readdirSync(path.join(fixture.directory, 'target', 'build-bench')).some((name) =>
        name.startsWith('settings-'),
      ),
    ).toBe(true);
  });

  it("fails, naming the setting, when the user's RUSTFLAGS override it", async () => {
    fixture = copyFixture('tiny');
    const deps = createTestDeps(
      {
        'working-directory': fixture.directory,
        runs: '1',
        scenarios: 'incremental',
        linkers: 'default',
        settings: 'debug=line-tables-only',
      },
      { ...process.env, RUSTFLAGS: '-C debuginfo=2' },
    );

    const error = await run(deps).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BenchmarkFailedError);
    const { message, outcome } = error as BenchmarkFailedError;
    expect(message).toContain(
      "The setting 'debug=line-tables-only' of the variant 'debug=line-tables-only' did not reach rustc",
    );
    expect(message).toContain('-C debuginfo=2');
    expect(outcome.results.failure?.phase).toBe('verify');
  });

  it('applies a package override to the dependencies through --config and proves it on them', async () => {
    fixture = copyFixture('duplicated-deps');
    const deps = createTestDeps({
      'working-directory': fixture.directory,
      runs: '1',
      scenarios: 'incremental',
      linkers: 'default',
      settings: 'package."*".opt-level=1',
    });

    const outcome = await run(deps);

    const [proof] = outcome.results.settingProofs;
    expect(proof?.setting).toBe('package."*".opt-level=1');
    expect(proof?.flags).toEqual(['-C opt-level=1']);
    expect(proof?.crates).toBeGreaterThanOrEqual(2); // the two versions of `colors`, built for the app
    expect(outcome.results.status).toBe('complete');
  });

  it.each([
    ['debugg=1', 'cargo does not know the profile key `debugg`'],
    ['codegen-backend=cranelift', '`codegen-backend` needs a nightly toolchain'],
    ['package."*".opt-level=1', 'the workspace has none outside itself'],
  ])('rejects %j before any build', async (settings, reason) => {
    fixture = copyFixture('tiny');
    const deps = createTestDeps({ 'working-directory': fixture.directory, linkers: 'default', settings });

    const error = await run(deps).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(reason);
    expect(existsSync(path.join(fixture.directory, 'target'))).toBe(false);
  });
});
