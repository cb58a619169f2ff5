import { describe, expect, it } from 'vitest';
import type { GateConfig, Scenario } from '../../src/config/config.js';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import type { Baseline } from '../../src/baseline/baseline.js';
import { compareWithBaseline } from '../../src/gate/compare.js';
import type { Comparison } from '../../src/gate/comparison.js';
import { describeGateFailure, gateFails } from '../../src/gate/gate.js';
import type { Environment, Results, Sample } from '../../src/results/results.js';
import { summarizeSamples } from '../../src/stats/summarize.js';
import { makeResults } from '../support/results-fixture.js';

const MACHINE: Environment = makeResults().environment;

/** Results of the `default` variant of one or more scenarios with the given wall times. */
function resultsWith(
  wallMsByScenario: Partial<Record<Scenario, readonly number[]>>,
  environment: Partial<Environment> = {},
): Results {
  const scenarios = (Object.keys(wallMsByScenario) as Scenario[]).sort();
  const samples: Sample[] = [];
  for (const scenario of scenarios) {
    wallMsByScenario[scenario]!.forEach((wallMs, round) =>
      samples.push({
        scenario,
        variant: 'default',
        round,
        sequence: samples.length,
        wallMs,
        cpuMs: null,
        peakRssKb: null,
        linkMs: null,
        linkCount: null,
        exitCode: 0,
        overheadMs: null,
        crateMs: null,
        edit: null,
      }),
    );
  }
  const base = makeResults();
  return {
    ...base,
    environment: { ...MACHINE, ...environment },
    plan: { ...base.plan, scenarios, variants: ['default'] },
    samples,
    summaries: summarizeSamples(samples, scenarios, ['default']),
    speedups: [],
    linkers: [],
  };
}

function gate(threshold = '10%', allowCrossMachine = false): GateConfig {
  return {
    thresholds: parseThreshold(threshold),
    failOn: 'regression',
    allowCrossMachine,
    llvmLinesThreshold: null,
  };
}

function baselineOf(...history: Results[]): Baseline {
  return { schemaVersion: 1, id: history[0]!.id, history };
}

/** Three baseline runs a hair apart: enough history to know the run-to-run noise, and little of it. */
function settledBaseline(
  wallMsByScenario: Partial<Record<Scenario, readonly number[]>>,
  environment: Partial<Environment> = {},
): Baseline {
  const runs = [1, 1.004, 0.997].map((factor) =>
    resultsWith(
      Object.fromEntries(
        Object.entries(wallMsByScenario).map(([scenario, values]) => [
          scenario,
          values.map((value) => value * factor),
        ]),
      ),
      environment,
    ),
  );
  return baselineOf(...runs);
}

const NOW = new Date('2026-11-24T12:00:00Z');
const STEADY = [1000, 1010, 990, 1005, 995];
const scaled = (values: readonly number[], factor: number): number[] => values.map((value) => value * factor);

function verdictOf(comparison: Comparison, scenario: Scenario = 'incremental'): [string, string] {
  const item = comparison.scenarios.find((candidate) => candidate.scenario === scenario)!;
  return [item.verdict, item.reason];
}

describe('compareWithBaseline', () => {
  it('passes without a baseline, and says so', () => {
    const comparison = compareWithBaseline(resultsWith({ incremental: STEADY }), null, gate(), NOW);
    expect(comparison.verdict).toBe('pass');
    expect(comparison.baseline).toBeNull();
    expect(verdictOf(comparison)).toEqual(['pass', 'no-baseline']);
  });

  it('finds a clear slowdown a regression, with an interval around the change', () => {
    const comparison = compareWithBaseline(
      resultsWith({ incremental: scaled(STEADY, 1.5) }),
      settledBaseline({ incremental: STEADY }),
      gate('10%'),
      NOW,
    );
    const item = comparison.scenarios[0]!;
    expect(comparison.verdict).toBe('regression');
    expect(item.change).toBeCloseTo(0.5, 2);
    expect(item.widthFrom).toBe('history');
    expect(item.interval!.low).toBeGreaterThan(0.05);
    expect(item.interval!.low).toBeLessThanOrEqual(item.change!);
    expect(item.interval!.high).toBeGreaterThanOrEqual(item.change!);
  });

  it('passes a change exactly at the threshold', () => {
    const comparison = compareWithBaseline(
      resultsWith({ incremental: [1100, 1100, 1100] }),
      baselineOf(...[1, 2, 3].map(() => resultsWith({ incremental: [1000, 1000, 1000] }))),
      gate('10%'),
      NOW,
    );
    expect(comparison.scenarios[0]!.change).toBeCloseTo(0.1, 12);
    expect(verdictOf(comparison)).toEqual(['pass', 'within']);
  });

  it('calls a change beyond the threshold with zero spread a regression: nothing says it is noise', () => {
    const comparison = compareWithBaseline(
      resultsWith({ incremental: [1200, 1200, 1200] }),
      baselineOf(...[1, 2, 3].map(() => resultsWith({ incremental: [1000, 1000, 1000] }))),
      gate('10%'),
      NOW,
    );
    const interval = comparison.scenarios[0]!.interval!;
    expect(interval.low).toBeCloseTo(0.2, 10);
    expect(interval.high).toBeCloseTo(0.2, 10);
    expect(verdictOf(comparison)).toEqual(['regression', 'regressed']);
  });

  it('a regression needs three baseline runs: before, the run-to-run noise is unknown', () => {
    const comparison = compareWithBaseline(
      resultsWith({ incremental: scaled(STEADY, 1.5) }),
      baselineOf(resultsWith({ incremental: STEADY }), resultsWith({ incremental: STEADY })),
      gate('10%'),
      NOW,
    );
    const item = comparison.scenarios[0]!;
    expect(item.interval).toBeNull();
    expect(item.runToRunNoise).toBeNull();
    expect(verdictOf(comparison)).toEqual(['inconclusive', 'unknown-noise']);
  });

  it('this run needs three samples against the history: one clean build has no interval', () => {
    const history = [30_000, 30_600, 29_700, 30_300].map((wallMs) => resultsWith({ clean: [wallMs] }));
    const one = compareWithBaseline(
      resultsWith({ clean: [45_000] }),
      baselineOf(...history),
      gate('10%'),
      NOW,
    );
    expect(one.scenarios[0]!.interval).toBeNull();
    expect(verdictOf(one, 'clean')).toEqual(['inconclusive', 'no-interval']);
    const three = compareWithBaseline(
      resultsWith({ clean: [45_000, 45_300, 44_800] }),
      baselineOf(...history),
      gate('10%'),
      NOW,
    );
    const item = three.scenarios[0]!;
    expect(item.widthFrom).toBe('history');
    expect(item.baselineRuns).toBe(4);
    expect(item.runToRunNoise).toBeGreaterThan(0.005);
    expect(verdictOf(three, 'clean')).toEqual(['regression', 'regressed']);
  });

  it('a noisy history widens the interval: a slowdown within the noise between runs is inconclusive, never a pass', () => {
    const noisy = [1000, 1250, 900, 1300, 950].map((median) =>
      resultsWith({ incremental: scaled(STEADY, median / 1000) }),
    );
    const current = resultsWith({ incremental: scaled(STEADY, 1.25) });
    const quiet = compareWithBaseline(current, settledBaseline({ incremental: STEADY }), gate('10%'), NOW);
    const loud = compareWithBaseline(current, baselineOf(...noisy), gate('10%'), NOW);
    expect(verdictOf(quiet)).toEqual(['regression', 'regressed']);
    expect(loud.scenarios[0]!.runToRunNoise).toBeGreaterThan(0.1);
    expect(loud.scenarios[0]!.interval!.low).toBeLessThan(0);
    expect(verdictOf(loud)).toEqual(['inconclusive', 'noise']);
  });

  it('a slowdown surely above zero but not surely beyond half the threshold is inconclusive', () => {
    const history = [1000, 1040, 970, 1020, 990, 1010].map((median) =>
      resultsWith({ incremental: scaled(STEADY, median / 1000) }),
    );
    const comparison = compareWithBaseline(
      resultsWith({ incremental: scaled(STEADY, 1.12) }),
      baselineOf(...history),
      gate('10%'),
      NOW,
    );
    const item = comparison.scenarios[0]!;
    expect(item.interval!.low).toBeGreaterThan(0);
    expect(item.interval!.low).toBeLessThan(0.05);
    expect(verdictOf(comparison)).toEqual(['inconclusive', 'uncertain']);
  });

  it('compares with the centre of the history, not its newest run', () => {
    const history = [1100, 1000, 1000, 1000, 1000].map((median) =>
      resultsWith({ incremental: scaled(STEADY, median / 1000) }),
    );
    const comparison = compareWithBaseline(
      resultsWith({ incremental: STEADY }),
      baselineOf(...history),
      gate('5%'),
      NOW,
    );
    expect(comparison.scenarios[0]!.change).toBeCloseTo(1000 / 1020 - 1, 2);
  });

  it('leaves out an outlying run of the history, and says so', () => {
    const history = [1000, 1003, 997, 1001, 999, 2000].map((median) =>
      resultsWith({ incremental: scaled(STEADY, median / 1000) }),
    );
    const comparison = compareWithBaseline(
      resultsWith({ incremental: STEADY }),
      baselineOf(...history),
      gate('5%'),
      NOW,
    );
    expect(comparison.scenarios[0]!.baselineRuns).toBe(5);
    expect(comparison.scenarios[0]!.change).toBeCloseTo(0, 2);
    expect(verdictOf(comparison)).toEqual(['pass', 'within']);
  });

  it('a scenario missing from the baseline passes and is marked', () => {
    const comparison = compareWithBaseline(
      resultsWith({ incremental: STEADY, clean: [30_000] }),
      settledBaseline({ incremental: STEADY }),
      gate(),
      NOW,
    );
    expect(verdictOf(comparison, 'clean')).toEqual(['pass', 'not-in-baseline']);
    expect(verdictOf(comparison, 'incremental')).toEqual(['pass', 'within']);
  });

  it('picks the runs of this machine out of the history and says why the others were left out', () => {
    const current = resultsWith({ incremental: scaled(STEADY, 1.5) });
    const here = settledBaseline({ incremental: STEADY }).history;
    const elsewhere = settledBaseline(
      { incremental: scaled(STEADY, 2) },
      { cpuModel: 'Intel Xeon 8370C' },
    ).history;
    const comparison = compareWithBaseline(
      current,
      baselineOf(elsewhere[0]!, ...here, ...elsewhere.slice(1)),
      gate('10%'),
      NOW,
    );
    expect(comparison.baseline!.history).toEqual({
      used: 3,
      total: 6,
      leftOut: [{ why: 'another CPU (Intel Xeon 8370C)', count: 3 }],
    });
    expect(comparison.baseline!.machineDifferences).toEqual([]);
    expect(comparison.scenarios[0]!.change).toBeCloseTo(0.5, 2);
    expect(verdictOf(comparison)).toEqual(['regression', 'regressed']);
  });

  it('against another machine only, a slowdown is at most inconclusive, unless allowed', () => {
    const current = resultsWith({ incremental: scaled(STEADY, 1.5) }, { cpuModel: 'AMD EPYC 9V74' });
    const baseline = settledBaseline({ incremental: STEADY }, { cpuModel: 'Intel Xeon 8370C' });
    const strict = compareWithBaseline(current, baseline, gate(), NOW);
    expect(strict.baseline!.machineDifferences).toEqual([
      { what: 'CPU', baseline: 'Intel Xeon 8370C', current: 'AMD EPYC 9V74' },
    ]);
    expect(verdictOf(strict)).toEqual(['inconclusive', 'cross-machine']);
    expect(verdictOf(compareWithBaseline(current, baseline, gate('10%', true), NOW))).toEqual([
      'regression',
      'regressed',
    ]);
  });

  it('an absolute threshold met exactly passes: `5% or 30s` on a 20-minute build allows 30 s', () => {
    const comparison = compareWithBaseline(
      resultsWith({ clean: [1_230_000, 1_230_000, 1_230_000] }),
      baselineOf(...[1, 2, 3].map(() => resultsWith({ clean: [1_200_000] }))),
      gate('clean: 5% or 30s'),
      NOW,
    );
    expect(comparison.scenarios[0]!.limit).toBeCloseTo(0.025, 12);
    expect(verdictOf(comparison, 'clean')).toEqual(['pass', 'within']);
  });

  it('a scenario this run planned but did not measure passes and is marked', () => {
    const current = resultsWith({ incremental: STEADY });
    const planned = { ...current, plan: { ...current.plan, scenarios: ['clean', 'incremental'] as const } };
    const comparison = compareWithBaseline(
      planned,
      settledBaseline({ incremental: STEADY, clean: [30_000] }),
      gate(),
      NOW,
    );
    expect(verdictOf(comparison, 'clean')).toEqual(['pass', 'not-measured']);
  });

  it('leaves failed builds out of the comparison', () => {
    const current = resultsWith({ incremental: [...STEADY, 90] });
    const samples = current.samples.map((sample, index) =>
      index === 5 ? { ...sample, exitCode: 101 } : sample,
    );
    const failedLast = {
      ...current,
      samples,
      summaries: summarizeSamples(samples, ['incremental'], ['default']),
    };
    const comparison = compareWithBaseline(failedLast, settledBaseline({ incremental: STEADY }), gate(), NOW);
    expect(comparison.scenarios[0]!.change).toBeCloseTo(0, 2);
  });

  it('is reproducible: the same data give the same interval', () => {
    const run = (): Comparison =>
      compareWithBaseline(
        resultsWith({ incremental: [1030, 1090, 1010, 1120, 1060] }),
        settledBaseline({ incremental: STEADY }),
        gate(),
        NOW,
      );
    expect(run().scenarios[0]!.interval).toEqual(run().scenarios[0]!.interval);
  });

  it('the worst scenario decides the overall verdict', () => {
    const comparison = compareWithBaseline(
      resultsWith({ incremental: scaled(STEADY, 1.5), clean: [60_000] }),
      settledBaseline({ incremental: STEADY, clean: [30_000] }),
      gate(),
      NOW,
    );
    expect(comparison.scenarios.map((item) => item.verdict)).toEqual(['inconclusive', 'regression']);
    expect(comparison.verdict).toBe('regression');
  });
});

describe('gateFails', () => {
  const withVerdict = (verdict: Comparison['verdict']): Comparison => ({
    baseline: null,
    scenarios: [],
    verdict,
    allowCrossMachine: false,
  });
  it.each([
    { verdict: 'pass', failOn: 'regression', fails: false },
    { verdict: 'inconclusive', failOn: 'regression', fails: false },
    { verdict: 'regression', failOn: 'regression', fails: true },
    { verdict: 'pass', failOn: 'inconclusive', fails: false },
    { verdict: 'inconclusive', failOn: 'inconclusive', fails: true },
    { verdict: 'regression', failOn: 'inconclusive', fails: true },
    { verdict: 'regression', failOn: 'never', fails: false },
  ] as const)('$verdict with fail-on $failOn: fails $fails', ({ verdict, failOn, fails }) => {
    expect(gateFails(withVerdict(verdict), failOn)).toBe(fails);
  });

  it('names each scenario that did not pass, with change, interval and threshold', () => {
    const comparison = compareWithBaseline(
      resultsWith({ incremental: scaled(STEADY, 1.5), clean: [30_100] }),
      settledBaseline({ incremental: STEADY, clean: [30_000] }),
      gate('incremental: 10%, clean: 5% or 30s'),
      NOW,
    );
    const message = describeGateFailure(comparison);
    expect(message).toMatch(
      /^Builds got slower than the threshold allows:\n(.*\n)?- incremental: \+50\.0 % \(95 % CI \+\d+\.\d % … \+\d+\.\d %\), threshold 10%: regression$/m,
    );
    // One clean build gives no interval: not a pass either, and named as such.
    expect(message).toContain('- clean: +0.3 % (no interval), threshold 5% or 30s: inconclusive');
  });
});
