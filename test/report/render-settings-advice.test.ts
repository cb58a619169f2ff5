/** The settings advice: faster settings ranked, what each costs, and the Cargo.toml lines that adopt the fastest. */
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/results/results.js';
import {
  rankSettings,
  renderProfileLines,
  renderSettingsAdvice,
  renderTextSettingsAdvice,
} from '../../src/report/render-settings-advice.js';
import { collectOutputs } from '../../src/report/outputs.js';
import { renderReport } from '../../src/report/render-report.js';
import { parseVariantLine } from '../../src/variants/variant-spec.js';
import { makeResults } from '../support/results-fixture.js';

const VARIANTS = ['default', 'debug=false', 'mold + debug=line-tables-only', 'package."*".opt-level=1'];
/** Build time of each variant relative to `default`'s 1 s. */
const FACTORS = [1, 0.8, 0.9, 1.0];
const NOISE = [1.01, 0.99, 1.0, 1.02, 0.98, 1.005, 0.995, 1.01];

function settingsSamples(rounds: number): Sample[] {
  const samples: Sample[] = [];
  for (let round = 0; round < rounds; round++) {
    VARIANTS.forEach((variant, index) => {
      samples.push({
        scenario: 'incremental',
        variant,
        round,
        sequence: samples.length,
        wallMs: 1000 * FACTORS[index]! * NOISE[(round + index) % NOISE.length]!,
        cpuMs: null,
        peakRssKb: null,
        linkMs: null,
        linkCount: null,
        exitCode: 0,
        overheadMs: null,
        crateMs: null,
        edit: null,
      });
    });
  }
  return samples;
}

function settingsResults(rounds = 8) {
  return makeResults({
    plan: { scenarios: ['incremental'], variants: VARIANTS, runs: rounds, maxRuns: rounds },
    samples: settingsSamples(rounds),
    linkers: [],
    settingProofs: [
      {
        variant: 'debug=false',
        setting: 'debug=false',
        flags: ['no -C debuginfo'],
        crates: 3,
        fromEarlierRun: false,
      },
    ],
  });
}

describe('the settings advice', () => {
  it('ranks the settings faster beyond noise by their change, and leaves out the one that is not', () => {
    expect(rankSettings(settingsResults()).map((item) => item.variant)).toEqual([
      'debug=false',
      'mold + debug=line-tables-only',
    ]);
  });

  it('says what each costs and gives the Cargo.toml lines of the fastest', () => {
    const markdown = renderSettingsAdvice(settingsResults())!;
    expect(markdown).toContain(
      '1. **`debug=false`**: incremental builds −20.0 % (95 % CI −21.5…−18.5 %), saves 200 ms',
    );
    expect(markdown).toContain('backtraces lose their file and line numbers');
    // Picked among three: its interval is widened for the choice, and still below zero.
    const picked =
      /Picked as the fastest of 3 settings, `debug=false` in incremental builds, with the interval widened for that choice: −20\.0 % \(95 % CI (−\d+\.\d)…(−\d+\.\d) %\)\./.exec(
        markdown,
      );
    expect(picked).not.toBeNull();
    const [low, high] = [picked![1]!, picked![2]!].map((end) => Number(end.replace('−', '-')));
    expect(low).toBeLessThan(-21.5);
    expect(high).toBeGreaterThan(-18.5);
    expect(high).toBeLessThan(0);
    expect(markdown).toContain('2. **`mold + debug=line-tables-only`**');
    expect(markdown).toContain('mold must be installed where builds run');
    expect(markdown).toContain('```toml\n[profile.release]\ndebug = false\n```');
    expect(markdown).toContain('Not faster beyond noise here: `package."*".opt-level=1`');
  });

  it('writes package overrides and build-override in tables of their own', () => {
    const { settings } = parseVariantLine(
      'debug=1, package."*".opt-level=2, package.serde.debug=false, build-override.opt-level=3',
    );
    expect(renderProfileLines('dev', settings)).toBe(
      [
        '[profile.dev]',
        'debug = 1',
        '',
        '[profile.dev.package."*"]',
        'opt-level = 2',
        '',
        '[profile.dev.package."serde"]',
        'debug = false',
        '',
        '[profile.dev.build-override]',
        'opt-level = 3',
      ].join('\n'),
    );
  });

  it('is in the report, the terminal and the outputs', () => {
    const results = settingsResults();
    const report = renderReport(results);
    expect(report).toContain('### What the other settings would save');
    expect(report).toContain('### Which settings to adopt');
    expect(report).toContain(
      'Settings proven by the options rustc received: `debug=false`: `no -C debuginfo` (3 crates)',
    );
    expect(renderTextSettingsAdvice(results)).toContain(
      'To adopt it, add to Cargo.toml:\n  [profile.release]\n  debug = false',
    );
    const outputs = collectOutputs(results);
    expect(outputs['incremental-debug-false-speedup']).toMatch(/^1\.2\d\d$/);
    expect(outputs['incremental-mold-debug-line-tables-only-median-ms']).toMatch(/^\d+$/);
    expect(JSON.parse(outputs.speedups!)).toHaveProperty(['incremental', 'debug=false']);
  });

  it('has nothing to say without settings variants', () => {
    expect(renderSettingsAdvice(makeResults())).toBeNull();
    expect(renderTextSettingsAdvice(makeResults())).toBeNull();
  });
});
