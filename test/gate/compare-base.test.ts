/** The head against its base, pair by pair: the paired change, its interval, and the verdicts. */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/config/config.js';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import { compareWithBase, withCacheForUnbuilt, type BaseRun } from '../../src/gate/compare-base.js';
import type { Comparison } from '../../src/gate/comparison.js';
import { renderReport } from '../../src/report/render-report.js';
import type { Results, Sample } from '../../src/results/results.js';
import { pairedChange } from '../../src/stats/changes.js';
import { summarizeSamples } from '../../src/stats/summarize.js';
import { makeResults } from '../support/results-fixture.js';

const GATE = {
  thresholds: parseThreshold('5%'),
  failOn: 'regression',
  allowCrossMachine: false,
  llvmLinesThreshold: null,
} as const;
const PLAN = {
  scenarios: ['clean', 'incremental'],
  variants: ['default'],
  runs: 5,
  cleanRuns: 1,
  maxRuns: 5,
} as const;

/** Incremental samples of `default`, one per round, with the given wall times. */
function withIncremental(
  wallMs: readonly number[],
  scenarios: readonly Scenario[] = PLAN.scenarios,
): Results {
  const template = makeResults({ plan: { ...PLAN, scenarios } });
  const clean = template.samples.filter((sample) => sample.scenario === 'clean');
  const incremental: Sample[] = wallMs.map((ms, round) => ({
    ...template.samples.find((sample) => sample.scenario === 'incremental')!,
    round,
    sequence: 100 + round,
    wallMs: ms,
  }));
  const samples = scenarios.includes('clean') ? [...clean, ...incremental] : incremental;
  return { ...template, samples, summaries: summarizeSamples(samples, scenarios, ['default']) };
}

const FAILURE = {
  scenario: 'incremental',
  variant: 'default',
  phase: 'sample',
  command: 'cargo build',
  exitCode: 101,
  outputTail: 'error[E0308]: mismatched types',
  message: 'Base: The build failed with exit code 101',
} as const;

function baseRun(results: Results, failure: BaseRun['failure'] = null): BaseRun {
  return { commit: 'b'.repeat(40), ref: 'main', results, failure };
}

describe('pairedChange', () => {
  it('is the trimmed mean of the log ratios with a t interval', () => {
    const paired = pairedChange([Math.log(110 / 100), Math.log(121 / 110), Math.log(99 / 90)], 0.95);
    expect(paired.estimate).toBeCloseTo(Math.log(1.1), 10);
    expect(paired.interval!.low).toBeCloseTo(Math.log(1.1), 10);
    expect(paired.interval!.high).toBeCloseTo(Math.log(1.1), 10);
  });

  it('widens with the spread of the ratios, by Student t for n − 1 degrees of freedom', () => {
    const paired = pairedChange([0.0, 0.1], 0.95);
    const halfWidth = 12.706 * (Math.sqrt(0.005) / Math.sqrt(2));
    expect(paired.interval!.high - 0.05).toBeCloseTo(halfWidth, 3);
  });

  it('drops the outer fifth of the ratios on each side: one wild round barely moves it', () => {
    const steady = [0.1, 0.11, 0.09, 0.1, 0.105, 0.095, 0.1, 0.1, 0.102, 0.098];
    const wild = [...steady.slice(0, 9), 0.56];
    expect(pairedChange(wild, 0.95).estimate).toBeCloseTo(pairedChange(steady, 0.95).estimate, 2);
  });

  it('has no interval from one pair', () => {
    expect(pairedChange([Math.log(1.2)], 0.95)).toEqual({
      estimate: expect.closeTo(Math.log(1.2), 10) as number,
      interval: null,
    });
  });
});

describe('compareWithBase', () => {
  it('calls a clear slowdown of every pair a regression, and says it compared with the base', () => {
    const head = withIncremental([230, 236, 228, 240, 233]);
    const base = withIncremental([200, 204, 199, 206, 201]);
    const comparison = compareWithBase(head, baseRun(base), GATE);
    const incremental = comparison.scenarios.find((item) => item.scenario === 'incremental')!;
    expect(incremental).toMatchObject({
      verdict: 'regression',
      reason: 'regressed',
      widthFrom: 'pairs',
      baselineRuns: 5,
    });
    expect(incremental.change).toBeCloseTo(0.155, 2);
    expect(comparison.baseline).toMatchObject({ kind: 'base', commit: 'b'.repeat(40), ref: 'main' });
    expect(comparison.verdict).toBe('regression');
  });

  it('passes a change within the threshold, and one that pairs cannot tell is inconclusive', () => {
    const base = withIncremental([200, 204, 199, 206, 201]);
    const within = compareWithBase(withIncremental([202, 207, 200, 209, 203]), baseRun(base), GATE);
    expect(within.scenarios[1]).toMatchObject({ verdict: 'pass', reason: 'within' });
    const noisy = compareWithBase(withIncremental([300, 190, 260, 200, 240]), baseRun(base), GATE);
    expect(noisy.scenarios[1]).toMatchObject({ verdict: 'inconclusive', reason: 'uncertain' });
  });

  it('pairs by round only: a round the base lacks is left out', () => {
    const head = withIncremental([230, 236, 228, 240, 233]);
    const base = withIncremental([200, 204, 199]);
    expect(compareWithBase(head, baseRun(base), GATE).scenarios[1]!.baselineRuns).toBe(3);
  });

  it('passes a scenario the base did not run (clean by default)', () => {
    const head = withIncremental([200, 200, 200, 200, 200]);
    const base = withIncremental([200, 200, 200, 200, 200], ['incremental']);
    expect(compareWithBase(head, baseRun(base), GATE).scenarios[0]).toMatchObject({
      scenario: 'clean',
      verdict: 'pass',
      reason: 'not-for-base',
    });
  });

  it('with compare-to: auto, compares the scenarios the base did not build with the cache, and says so', () => {
    const head = withIncremental([200, 201, 199, 202, 200]);
    const withBase = compareWithBase(
      head,
      baseRun(withIncremental([200, 200, 201, 199, 200], ['incremental'])),
      GATE,
    );
    const cacheInfo = {
      ...withBase.baseline!,
      kind: 'cache',
      commit: 'c'.repeat(40),
      historyRuns: 6,
    } as const;
    const cachedClean = {
      ...withBase.scenarios[0]!,
      baselineMedianMs: 1000,
      change: 0.3,
      interval: { low: 0.2, high: 0.4 },
      widthFrom: 'history',
      verdict: 'regression',
      reason: 'regressed',
    } as const;
    const withCache: Comparison = {
      ...withBase,
      baseline: cacheInfo,
      scenarios: [cachedClean, { ...withBase.scenarios[1]!, verdict: 'inconclusive', reason: 'noise' }],
      verdict: 'regression',
    };
    const merged = withCacheForUnbuilt(withBase, withCache);
    // Only the scenario the base did not build comes from the cache; the base's own stays paired.
    expect(merged.scenarios[0]).toEqual({ ...cachedClean, against: 'cache' });
    expect(merged.scenarios[1]).toEqual(withBase.scenarios[1]);
    expect(merged).toMatchObject({
      verdict: 'regression',
      cacheBaseline: cacheInfo,
      baseline: withBase.baseline,
    });
    const markdown = renderReport(head, {
      gate: { comparison: merged, absence: null, saveNote: null, failOn: 'regression' },
      runUrl: null,
      maxBytes: 1024 * 1024,
    });
    expect(markdown).toMatch(/\| clean¹ \|/);
    expect(markdown).toContain(
      '¹ Not built for the base (input `base-scenarios`): compared with the cached baseline instead.',
    );
    expect(markdown).toContain('Baseline: the Actions cache');
    // Without a cached baseline, the scenario stays not-for-base.
    expect(withCacheForUnbuilt(withBase, { ...withCache, baseline: null })).toBe(withBase);
  });

  it('is inconclusive in a base scenario the failed base built no pair of, and only there', () => {
    const head = withIncremental([230, 236, 228, 240, 233]);
    const comparison = compareWithBase(head, baseRun(withIncremental([], ['incremental']), FAILURE), GATE);
    expect(comparison.scenarios.map((item) => [item.scenario, item.reason])).toEqual([
      ['clean', 'not-for-base'],
      ['incremental', 'base-failed'],
    ]);
    expect(comparison.verdict).toBe('inconclusive');
  });

  it('still judges the pairs a base built before it failed', () => {
    const head = withIncremental([202, 207, 200, 209, 203]);
    const base = withIncremental([200, 204, 199, 206, 201], ['incremental']);
    const comparison = compareWithBase(head, baseRun(base, FAILURE), GATE);
    expect(comparison.scenarios[1]).toMatchObject({ verdict: 'pass', reason: 'within', baselineRuns: 5 });
  });
});
