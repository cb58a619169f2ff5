import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/results/results.js';
import {
  EmptyInputError,
  NonFiniteValueError,
  maxOf,
  median,
  medianAbsoluteDeviation,
  minOf,
} from '../../src/stats/robust.js';
import { computeSpeedups, summarizeSamples, type SpeedupRules } from '../../src/stats/summarize.js';
import { makeSamples } from '../support/results-fixture.js';

/** A successful sample; only what a case cares about needs saying. */
function sample(overrides: Partial<Sample> & Pick<Sample, 'variant' | 'round' | 'wallMs'>): Sample {
  return {
    scenario: 'incremental',
    sequence: 0,
    cpuMs: null,
    peakRssKb: null,
    linkMs: null,
    linkCount: null,
    exitCode: 0,
    overheadMs: null,
    crateMs: null,
    edit: null,
    ...overrides,
  };
}

describe('robust statistics', () => {
  it.each([
    { name: 'odd count', values: [5, 1, 3], median: 3, mad: 2, min: 1, max: 5 },
    { name: 'even count', values: [4, 1, 3, 2], median: 2.5, mad: 1, min: 1, max: 4 },
    { name: 'single value', values: [812], median: 812, mad: 0, min: 812, max: 812 },
    { name: 'zero spread', values: [700, 700, 700, 700], median: 700, mad: 0, min: 700, max: 700 },
    { name: 'one slow outlier', values: [100, 101, 99, 100, 5000], median: 100, mad: 1, min: 99, max: 5000 },
    { name: 'half agree', values: [10, 10, 10, 40, 90], median: 10, mad: 0, min: 10, max: 90 },
    { name: 'negative values', values: [-3, -1, -2], median: -2, mad: 1, min: -3, max: -1 },
    { name: 'numeric, not string, order', values: [10, 9, 100], median: 10, mad: 1, min: 9, max: 100 },
    {
      name: 'huge values',
      values: [Number.MAX_VALUE, Number.MAX_VALUE],
      median: Number.MAX_VALUE,
      mad: 0,
      min: Number.MAX_VALUE,
      max: Number.MAX_VALUE,
    },
  ])('$name', ({ values, ...expected }) => {
    const before = [...values];
    expect(median(values)).toBe(expected.median);
    expect(medianAbsoluteDeviation(values)).toBe(expected.mad);
    expect(minOf(values)).toBe(expected.min);
    expect(maxOf(values)).toBe(expected.max);
    expect(values).toEqual(before);
  });

  it.each([
    ['median', median],
    ['medianAbsoluteDeviation', medianAbsoluteDeviation],
    ['minOf', minOf],
    ['maxOf', maxOf],
  ] as const)('%s rejects empty and non-finite input with named errors', (_name, statistic) => {
    expect(() => statistic([])).toThrow(EmptyInputError);
    expect(() => statistic([1, Number.NaN])).toThrow(NonFiniteValueError);
    expect(() => statistic([Number.POSITIVE_INFINITY])).toThrow(NonFiniteValueError);
  });
});

describe('summarizeSamples', () => {
  it('summarizes each scenario × variant in scenario, then variant order', () => {
    const samples = makeSamples({ scenarios: ['noop', 'clean'], variants: ['mold', 'default'] });
    const order = summarizeSamples(samples, ['clean', 'noop'], ['default', 'mold']).map(
      (summary) => `${summary.scenario}/${summary.variant}`,
    );
    expect(order).toEqual(['clean/default', 'clean/mold', 'noop/default', 'noop/mold']);
  });

  it('computes wall statistics and medians of the measured optional values', () => {
    const samples = [
      sample({ variant: 'default', round: 0, wallMs: 6000, cpuMs: 9000, peakRssKb: 700_000, linkMs: 2700 }),
      sample({ variant: 'default', round: 1, wallMs: 6400, cpuMs: null, peakRssKb: 710_000, linkMs: 2900 }),
      sample({ variant: 'default', round: 2, wallMs: 6100, cpuMs: 9400, peakRssKb: 690_000, linkMs: 2600 }),
    ];
    expect(summarizeSamples(samples, ['incremental'], ['default'])).toEqual([
      {
        scenario: 'incremental',
        variant: 'default',
        n: 3,
        medianMs: 6100,
        minMs: 6000,
        maxMs: 6400,
        madMs: 100,
        medianCpuMs: 9200,
        medianPeakRssKb: 700_000,
        medianLinkMs: 2700,
        linkShare: 2700 / 6100,
      },
    ]);
  });

  it.each([
    {
      name: 'failed samples are excluded',
      samples: [
        sample({ variant: 'mold', round: 0, wallMs: 4000 }),
        sample({ variant: 'mold', round: 1, wallMs: 900, exitCode: 101 }),
      ],
      expected: [{ variant: 'mold', n: 1, medianMs: 4000, linkShare: null, medianCpuMs: null }],
    },
    {
      name: 'a pair with only failed samples has no summary',
      samples: [sample({ variant: 'bfd', round: 0, wallMs: 900, exitCode: 1 })],
      expected: [],
    },
    {
      name: 'no link timing gives no link share; zero link time gives 0',
      samples: [
        sample({ variant: 'default', round: 0, wallMs: 210 }),
        sample({ variant: 'mold', round: 0, wallMs: 205, linkMs: 0 }),
      ],
      expected: [
        { variant: 'default', n: 1, medianMs: 210, linkShare: null, medianCpuMs: null },
        { variant: 'mold', n: 1, medianMs: 205, linkShare: 0, medianCpuMs: null },
      ],
    },
  ])('$name', ({ samples, expected }) => {
    const summaries = summarizeSamples(samples, ['incremental'], ['default', 'mold', 'bfd']);
    expect(summaries).toMatchObject(expected);
  });
});

/** Rounds 2 to 50 and a 5 % threshold, as a run with the default inputs reads its variants. */
/** Looks from 2 rounds on, the last planned at 10 (what a budget of ten rounds plans). */
const RULES: SpeedupRules = { bounds: () => ({ min: 2, max: 10 }), margin: () => 0.05 };
/** One look only: the interval spends all of its 5 % error. */
const ONE_LOOK: SpeedupRules = {
  bounds: (scenario) => ({ min: scenario === 'clean' ? 1 : 2, max: 2 }),
  margin: () => 0.05,
};

describe('computeSpeedups', () => {
  it('pairs samples by round, not by position: the geometric mean of the per-round ratios', () => {
    const samples = [
      sample({ variant: 'mold', round: 1, wallMs: 4400, sequence: 0 }),
      sample({ variant: 'default', round: 0, wallMs: 6000, sequence: 1 }),
      sample({ variant: 'mold', round: 0, wallMs: 4000, sequence: 2 }),
      sample({ variant: 'default', round: 1, wallMs: 8800, sequence: 3 }),
    ];
    const summaries = summarizeSamples(samples, ['incremental'], ['default', 'mold']);
    const [speedup] = computeSpeedups(samples, summaries, ONE_LOOK);
    // Rounds: 6000/4000 = 1.5 and 8800/4400 = 2; medians: 7400 / 4200.
    expect(speedup).toMatchObject({
      variant: 'mold',
      speedup: 7400 / 4200,
      savedMs: 3200,
      rounds: 2,
      claim: 'undecided',
    });
    expect(speedup!.pairedSpeedup).toBeCloseTo(Math.sqrt(3), 12);
    const interval = speedup!.pairedInterval!;
    expect(interval.confidence).toBe(0.95);
    // Symmetric on the log scale around the estimate; two rounds leave one degree of freedom: t = 12.706.
    expect(Math.log(interval.high) - Math.log(Math.sqrt(3))).toBeCloseTo(
      Math.log(Math.sqrt(3)) - Math.log(interval.low),
      9,
    );
    const half = (12.706 * Math.abs(Math.log(1.5) - Math.log(2))) / 2;
    expect(Math.log(interval.high / Math.sqrt(3))).toBeCloseTo(half, 3);
  });

  it.each([
    { name: 'three rounds all saving 50 % ± 0.5 %', ratios: [2, 2.02, 1.98], claim: 'faster' },
    {
      name: 'five rounds all costing 30 %',
      ratios: [1 / 1.3, 1 / 1.31, 1 / 1.29, 1 / 1.3, 1 / 1.305],
      claim: 'slower',
    },
    {
      name: 'eight rounds within ±1 %',
      ratios: [1.005, 0.995, 1.01, 0.99, 1, 1.004, 0.996, 1.002],
      claim: 'similar',
    },
    { name: 'three rounds all over the place', ratios: [1.5, 0.7, 1.1], claim: 'undecided' },
  ])('says what the interval tells: $name → $claim', ({ ratios, claim }) => {
    const samples = ratios.flatMap((ratio, round) => [
      sample({ variant: 'default', round, wallMs: 1000 * ratio }),
      sample({ variant: 'mold', round, wallMs: 1000 }),
    ]);
    const summaries = summarizeSamples(samples, ['incremental'], ['default', 'mold']);
    expect(computeSpeedups(samples, summaries, RULES)[0]!.claim).toBe(claim);
  });

  it.each([
    {
      name: 'rounds without both builds do not pair',
      samples: [
        sample({ variant: 'default', round: 0, wallMs: 6000 }),
        sample({ variant: 'mold', round: 1, wallMs: 4000 }),
      ],
      expected: [
        {
          variant: 'mold',
          speedup: 1.5,
          pairedSpeedup: null,
          pairedInterval: null,
          claim: null,
          rounds: 0,
          savedMs: 2000,
        },
      ],
    },
    {
      name: 'a failed build leaves its round unpaired; one round gives no interval',
      samples: [
        sample({ variant: 'default', round: 0, wallMs: 6000 }),
        sample({ variant: 'default', round: 1, wallMs: 6200 }),
        sample({ variant: 'bfd', round: 0, wallMs: 900, exitCode: 1 }),
        sample({ variant: 'bfd', round: 1, wallMs: 12_400 }),
      ],
      expected: [
        {
          variant: 'bfd',
          speedup: 6100 / 12_400,
          pairedSpeedup: 0.5,
          pairedInterval: null,
          claim: 'undecided',
          rounds: 1,
          savedMs: 6100 - 12_400,
        },
      ],
    },
    {
      name: 'no default summary: no speedups',
      samples: [
        sample({ variant: 'mold', round: 0, wallMs: 4000 }),
        sample({ variant: 'lld', round: 0, wallMs: 6000 }),
      ],
      expected: [],
    },
    {
      name: 'a failed default: no speedups',
      samples: [
        sample({ variant: 'default', round: 0, wallMs: 900, exitCode: 101 }),
        sample({ variant: 'mold', round: 0, wallMs: 4000 }),
      ],
      expected: [],
    },
  ])('$name', ({ samples, expected }) => {
    const summaries = summarizeSamples(samples, ['incremental'], ['default', 'mold', 'lld', 'bfd']);
    expect(computeSpeedups(samples, summaries, RULES)).toEqual(
      expected.map((fields) => ({ scenario: 'incremental', ...fields })),
    );
  });

  it('compares within a scenario only, in the order of the summaries', () => {
    const samples = makeSamples({ scenarios: ['clean', 'noop'], variants: ['default', 'mold', 'bfd'] });
    const summaries = summarizeSamples(samples, ['clean', 'noop'], ['default', 'mold', 'bfd']);
    const speedups = computeSpeedups(samples, summaries, ONE_LOOK);
    expect(speedups.map((speedup) => `${speedup.scenario}/${speedup.variant}`)).toEqual([
      'clean/mold',
      'clean/bfd',
      'noop/mold',
      'noop/bfd',
    ]);
    const cleanMold = speedups[0];
    expect(cleanMold?.speedup).toBeGreaterThan(1);
    expect(cleanMold?.pairedSpeedup).toBeGreaterThan(1);
    expect(speedups[1]?.speedup).toBeLessThan(1);
  });
});
