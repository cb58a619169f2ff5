/** The bundled Action, run as a runner runs it: `node dist/index.js` with INPUT_* and the runner's files. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Results } from '../src/results/results.js';
import { copyFixture, type FixtureCopy } from './support/fixture-project.js';
import { runBundle } from './support/run-bundle.js';

let fixture: FixtureCopy | undefined;
afterEach(() => fixture?.remove());

describe('dist/index.js on a runner', () => {
  it('benchmarks a fixture and writes the outputs, the job summary and the results file', async () => {
    fixture = copyFixture('tiny');
    const { status, stdout, outputs, summary } = await runBundle(
      {
        'working-directory': 'tiny',
        'mold-version': '1.10.1',
        runs: '2',
        'max-runs': '4',
        warmup: '0',
        scenarios: 'clean, incremental',
      },
      { workspace: path.dirname(fixture.directory) },
    );

    expect(stdout).not.toContain('::error::');
    expect(status).toBe(0);
    expect(stdout).toContain('::group::Building');
    expect(stdout).toMatch(/\nincremental · mold · round 2 \(2–4\): \d+ ms \(link \d+ ms\)\n/);
    expect(stdout).toMatch(
      /\nincremental: [234] rounds \((every comparison decided|input 'max-runs'; undecided: mold vs default)\)\.\n/,
    );
    expect(outputs['mold-version']).toBe('1.10.1');
    expect(outputs['mold-path']).toBe('/usr/bin/mold');
    expect(outputs.status).toBe('complete');
    expect(Number(outputs['incremental-median-ms'])).toBeGreaterThan(0);
    expect(Number(outputs['incremental-mold-speedup'])).toBeGreaterThan(0);
    const results = JSON.parse(readFileSync(outputs['results-path']!, 'utf8')) as Results;
    expect(results.environment.commit).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(results.environment.event).toBe('push');
    expect(results.linkers.map((check) => `${check.variant}:${check.family}`).sort()).toEqual([
      'default:lld',
      'mold:mold',
    ]);
    expect(summary).toContain('## build-bench: build-bench');
    expect(summary).toContain('mold 1.10.1');
    expect(statSync(outputs['results-path']!).isFile()).toBe(true);
  });

  it('never reads a failed run as a pass: verdict error in the outputs, the summary and the log', async () => {
    fixture = copyFixture('tiny');
    const { status, stdout, outputs, summary } = await runBundle(
      {
        'working-directory': 'tiny',
        // The build writes a text file where the executable should be: the mold variant cannot be verified.
        command: 'mkdir -p out && echo not-an-executable > out/app',
        artifacts: 'out/app',
        touch: 'crates/cli/src/main.rs',
        scenarios: 'incremental',
        runs: '2',
        warmup: '0',
        'compare-to': 'none',
        'mold-version': '1.10.1',
      },
      { workspace: path.dirname(fixture.directory) },
    );

    expect(status).toBe(1);
    expect(stdout).toContain('not an ELF file');
    expect(outputs.verdict).toBe('error');
    expect(outputs['incremental-verdict']).toBe('error');
    expect(outputs.status).toBe('failed');
    expect(summary).toContain('### Verdict: 🛑 error');
    expect(`${stdout}${summary}`).not.toMatch(/Verdict: (✅ )?pass|\bpass \(/);
  });

  it('measures `settings: recommended` as variants, proves each and reports them', async () => {
    fixture = copyFixture('tiny');
    const { status, stdout, outputs, summary } = await runBundle(
      {
        'working-directory': 'tiny',
        linkers: 'default',
        settings: 'recommended',
        runs: '2',
        'max-runs': '2',
        warmup: '0',
        scenarios: 'incremental',
      },
      { workspace: path.dirname(fixture.directory) },
    );

    expect(stdout).not.toContain('::error::');
    expect(status).toBe(0);
    expect(stdout).toContain(
      'settings: recommended measured debug=line-tables-only, debug=false, split-debuginfo=unpacked for the dev profile',
    );
    const results = JSON.parse(readFileSync(outputs['results-path']!, 'utf8')) as Results;
    expect(results.settingProofs.map((proof) => `${proof.setting}: ${proof.flags.join(', ')}`)).toEqual([
      'debug=line-tables-only: -C debuginfo=line-tables-only',
      "debug=false: no -C debuginfo (rustc's default: none)",
      'split-debuginfo=unpacked: -C split-debuginfo=unpacked',
    ]);
    const speedups = JSON.parse(outputs.speedups!) as Record<string, Record<string, number>>;
    expect(Object.keys(speedups.incremental!)).toEqual([
      'debug=line-tables-only',
      'debug=false',
      'split-debuginfo=unpacked',
    ]);
    expect(Number(outputs['incremental-split-debuginfo-unpacked-speedup'])).toBeGreaterThan(0);
    expect(summary).toContain('### What the other settings would save');
    expect(summary).toContain('### Which settings to adopt');
  });

  it('rejects a bad input before any build, naming the input and the value', async () => {
    fixture = copyFixture('tiny');
    const { status, stdout, outputs } = await runBundle(
      { 'working-directory': 'tiny', runs: 'many' },
      { workspace: path.dirname(fixture.directory) },
    );

    expect(status).toBe(1);
    expect(stdout).toContain(
      `::error::Input 'runs' has the value "many": expected a whole number from 1 to 100`,
    );
    expect(stdout).not.toContain('Building');
    expect(outputs.status).toBe('failed');
  });
});
