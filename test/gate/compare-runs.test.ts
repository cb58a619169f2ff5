/** Comparing with one earlier run's results file, crate by crate, and what the rounds review decides. */
import { describe, expect, it } from 'vitest';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import { compareCrates, rankCrateTimes } from '../../src/gate/compare-crates.js';
import { compareWithFile } from '../../src/gate/compare-file.js';
import type { Results, Sample } from '../../src/results/results.js';
import { reviewRounds, type ScenarioRounds } from '../../src/rounds/review.js';
import { historyRoundTarget } from '../../src/rounds/targets.js';
import { summarizeSamples } from '../../src/stats/summarize.js';
import { makeResults } from '../support/results-fixture.js';

const GATE = {
  thresholds: parseThreshold('5%'),
  failOn: 'regression',
  allowCrossMachine: false,
  llvmLinesThreshold: null,
} as const;
const NOW = new Date('2026-11-24T12:00:00Z');

/** Incremental samples of `default`, one per round, each with its crate times. */
function run(
  walls: readonly number[],
  crates: (round: number) => Record<string, number> = () => ({}),
): Results {
  const template = makeResults({
    plan: { scenarios: ['incremental'], variants: ['default'], runs: walls.length, maxRuns: walls.length },
  });
  const samples: Sample[] = walls.map((wallMs, round) => ({
    ...template.samples[0]!,
    scenario: 'incremental',
    variant: 'default',
    round,
    sequence: round,
    wallMs,
    crateMs: crates(round),
  }));
  return { ...template, samples, summaries: summarizeSamples(samples, ['incremental'], ['default']) };
}

const STEADY = [1000, 1010, 990, 1005, 995, 1002, 998, 1001];

describe('compareWithFile', () => {
  it('finds a large change decisive against one earlier run, and says it compared with a file', () => {
    const comparison = compareWithFile(
      run(STEADY.map((ms) => ms * 1.4)),
      run(STEADY),
      'before.json',
      GATE,
      NOW,
    );
    expect(comparison.baseline).toMatchObject({ kind: 'file', file: 'before.json', historyRuns: 1 });
    expect(comparison.scenarios[0]).toMatchObject({
      verdict: 'regression',
      reason: 'regressed',
      widthFrom: 'samples',
    });
    expect(comparison.scenarios[0]!.change).toBeCloseTo(0.4, 2);
  });

  it('does not pass the same build at a 5 % threshold: two runs may differ by more than that', () => {
    const same = compareWithFile(run(STEADY), run(STEADY.map((ms) => ms * 1.005)), 'before.json', GATE, NOW);
    expect(same.scenarios[0]).toMatchObject({ verdict: 'inconclusive', reason: 'noise' });
    // The interval holds the drift of both runs, ±7 % each: about ±2·√2·7 % in all.
    expect(same.scenarios[0]!.interval!.high).toBeGreaterThan(0.15);
  });

  it('passes the same build where the threshold is wider than two runs differ', () => {
    const wide = { ...GATE, thresholds: parseThreshold('20%') };
    expect(
      compareWithFile(run(STEADY), run(STEADY.map((ms) => ms * 1.005)), 'before.json', wide, NOW)
        .scenarios[0],
    ).toMatchObject({ verdict: 'pass', reason: 'within' });
  });

  it('calls a change whose interval reaches zero inconclusive: it cannot be told from the noise between runs', () => {
    const noisy = [1000, 1120, 930, 1080, 960, 1150, 900, 1040];
    const scenario = compareWithFile(run(noisy.map((ms) => ms * 1.06)), run(noisy), 'before.json', GATE, NOW)
      .scenarios[0]!;
    expect(scenario.change).toBeGreaterThan(0.05);
    expect(scenario.interval!.low).toBeLessThan(0);
    expect(scenario).toMatchObject({ verdict: 'inconclusive', reason: 'noise' });
  });

  it('is at most inconclusive against a run of another machine', () => {
    const earlier = {
      ...run(STEADY),
      environment: { ...run(STEADY).environment, cpuModel: 'Intel Xeon 8370C' },
    };
    expect(
      compareWithFile(run(STEADY.map((ms) => ms * 1.4)), earlier, 'before.json', GATE, NOW).scenarios[0],
    ).toMatchObject({
      verdict: 'inconclusive',
      reason: 'cross-machine',
    });
  });
});

describe('compareCrates', () => {
  const crates = (slow: number) => (round: number) => ({
    'app 0.1.0 (bin app)': (300 + (round % 3)) * slow,
    'core 0.1.0': 500 + (round % 2),
  });

  it('names the crate that got slower, paired with the base round by round', () => {
    const head = run(STEADY, crates(1.4));
    const base = run(STEADY, crates(1));
    const [first, second] = compareCrates(head, { kind: 'pairs', results: [base] }, GATE);
    expect(first).toMatchObject({ scenario: 'incremental', crate: 'app 0.1.0 (bin app)', slower: true });
    expect(first!.change).toBeCloseTo(0.4, 2);
    expect(first!.level).toBeCloseTo(1 - 0.05 / 2, 12);
    expect(second).toMatchObject({ crate: 'core 0.1.0', slower: false });
  });

  it('compares crates with one earlier run and with the history', () => {
    const head = run(STEADY, crates(1.4));
    expect(compareCrates(head, { kind: 'file', results: [run(STEADY, crates(1))] }, GATE)[0]).toMatchObject({
      crate: 'app 0.1.0 (bin app)',
      slower: true,
    });
    const history = [1, 1.01, 0.99, 1.005].map((factor) => run(STEADY, crates(factor)));
    expect(compareCrates(head, { kind: 'history', results: history }, GATE)[0]).toMatchObject({
      crate: 'app 0.1.0 (bin app)',
      slower: true,
    });
  });

  it('against one earlier run, does not blame every crate for a drift of the whole machine', () => {
    // Every crate 12 % slower in this run: what a slower runner does to all of them at once.
    const drifted = (round: number) => ({
      'app 0.1.0 (bin app)': (300 + (round % 3)) * 1.12,
      'core 0.1.0': (500 + (round % 2)) * 1.12,
    });
    const compared = compareCrates(
      run(STEADY, drifted),
      { kind: 'file', results: [run(STEADY, crates(1))] },
      GATE,
    );
    expect(compared.map((item) => item.slower)).toEqual([false, false]);
    expect(compared[0]!.interval!.low).toBeLessThan(0);
  });

  it('ranks the crates that take the most time', () => {
    expect(
      rankCrateTimes(run(STEADY, crates(1)), 'incremental', 'default').map((item) => item.crate),
    ).toEqual(['core 0.1.0', 'app 0.1.0 (bin app)']);
  });
});

describe('reviewRounds', () => {
  const walls = (values: readonly number[]) => new Map(values.map((value, round) => [round, value] as const));
  const state = (
    overrides: Partial<ScenarioRounds>,
    arms: Record<string, readonly number[]>,
  ): ScenarioRounds => ({
    scenario: 'incremental',
    threshold: parseThreshold('5%').incremental,
    gatedVariant: 'default',
    variants: ['default'],
    walls: (arm) => walls(arms[arm] ?? []),
    withBase: false,
    historyTarget: null,
    earlierLogTimes: null,
    ...overrides,
  });

  /** The first look of five rounds, at the level the schedule gives it. */
  const LOOK_5 = { rounds: 5, level: 0.995 };

  it('decides head against base only at a look, at the level it spends', () => {
    const head = STEADY.slice(0, 7).map((ms) => ms * 1.5);
    const base = STEADY.slice(0, 7);
    const arms = { 'head/default': head, 'base/default': base };
    expect(reviewRounds(state({ withBase: true }, arms), { rounds: 7, level: 0.99 })).toEqual([
      { label: 'head vs base', decided: true },
    ]);
    expect(reviewRounds(state({ withBase: true }, arms), null)).toEqual([
      { label: 'head vs base', decided: false },
    ]);
  });

  it('tracks each variant against default, and the cached history by this run’s own noise', () => {
    const arms = {
      'head/default': STEADY.slice(0, 5),
      'head/mold': STEADY.slice(0, 5).map((ms) => ms * 0.5),
    };
    expect(reviewRounds(state({ variants: ['default', 'mold'], historyTarget: 1e-9 }, arms), LOOK_5)).toEqual(
      [
        { label: 'this run vs the baseline', decided: false },
        { label: 'mold vs default', decided: true },
      ],
    );
    expect(reviewRounds(state({ historyTarget: 1 }, arms), LOOK_5)).toEqual([
      { label: 'this run vs the baseline', decided: true },
    ]);
  });

  it('stops against an earlier run once this run’s own noise is small next to the noise assumed between runs', () => {
    const earlierLogTimes = STEADY.map(Math.log);
    // The interval holds the assumed ±7 % between runs, which more rounds cannot narrow: steady builds stop at
    // the first rounds.
    expect(reviewRounds(state({ earlierLogTimes }, { 'head/default': STEADY.slice(0, 5) }), LOOK_5)).toEqual([
      { label: 'this run vs the earlier run', decided: true },
    ]);
    // Scattered builds (±10 %) go on: their own noise is still large next to the assumed 7 %.
    const scattered = [1000, 1100, 900, 1080, 920];
    expect(reviewRounds(state({ earlierLogTimes }, { 'head/default': scattered }), LOOK_5)).toEqual([
      { label: 'this run vs the earlier run', decided: false },
    ]);
    // The change itself is never looked at: scattered builds 50 % slower go on just the same.
    expect(
      reviewRounds(state({ earlierLogTimes }, { 'head/default': scattered.map((ms) => ms * 1.5) }), LOOK_5),
    ).toEqual([{ label: 'this run vs the earlier run', decided: false }]);
  });

  it('asks for this run’s noise to be a ninth of the noise between the history’s runs', () => {
    const history = [1, 1.1, 0.92, 1.05].map((factor) => run(STEADY.map((ms) => ms * factor)));
    const target = historyRoundTarget(history, 'incremental', 'default', parseThreshold('5%').incremental)!;
    expect(target).toBeGreaterThan(0);
    expect(Math.sqrt(target)).toBeLessThan(0.1 / 3);
    expect(
      historyRoundTarget(history.slice(0, 2), 'incremental', 'default', parseThreshold('5%').incremental),
    ).toBeNull();
  });
});
