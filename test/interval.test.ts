import { describe, expect, it } from 'vitest';
import {
  medianInterval,
  pairedRatioInterval,
  relativeChangeInterval,
  runToRunSpread,
} from '../src/stats/interval.js';
import { createRandom, seedFrom } from '../src/stats/random.js';

describe('createRandom', () => {
  it('repeats its stream for a seed, and differs across seeds', () => {
    const draw = (seed: number): number[] => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(seedFrom('incremental/mold'))) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('pairedRatioInterval and medianInterval', () => {
  const pairs = (ratios: readonly number[]) =>
    ratios.map((ratio) => ({ referenceMs: 1000 * ratio, variantMs: 1000 }));

  it('is null with fewer than two pairs', () => {
    expect(pairedRatioInterval(pairs([1.5]))).toBeNull();
    expect(pairedRatioInterval([])).toBeNull();
  });

  it('below six rounds is the whole range, with the confidence that range has', () => {
    expect(pairedRatioInterval(pairs([1.4, 1.5, 1.45, 1.55, 1.5]))).toEqual({
      estimate: 1.5,
      low: 1.4,
      high: 1.55,
      confidence: 1 - 2 / 32,
    });
    expect(pairedRatioInterval(pairs([1.5, 2]))!.confidence).toBe(0.5);
  });

  it('from six values on reaches 95 %, and drops the outer values when it can', () => {
    expect(medianInterval([3, 1, 2, 6, 5, 4])).toMatchObject({ low: 1, high: 6, confidence: 1 - 2 / 64 });
    // n = 9: [x₍2₎, x₍8₎] holds the median with 1 − 2 · 10/512 ≈ 96.1 %; [x₍3₎, x₍7₎] only with 82 %.
    const nine = medianInterval([9, 1, 8, 2, 7, 3, 6, 4, 5])!;
    expect([nine.low, nine.high, nine.estimate]).toEqual([2, 8, 5]);
    expect(nine.confidence).toBeCloseTo(1 - 20 / 512, 12);
  });

  it('has no width when every round agrees', () => {
    expect(pairedRatioInterval(pairs([2, 2, 2]))).toEqual({ estimate: 2, low: 2, high: 2, confidence: 0.75 });
  });
});

describe('runToRunSpread', () => {
  it('needs three runs', () => {
    expect(runToRunSpread([1000, 1100])).toBeNull();
  });

  it('is the root mean square of successive log differences', () => {
    const spread = runToRunSpread([1000, 1100, 1000])!;
    expect(spread.runs).toBe(3);
    expect(spread.logSpread).toBeCloseTo(Math.log(1.1), 12);
  });

  it('is zero for identical runs', () => {
    expect(runToRunSpread([500, 500, 500, 500])).toEqual({ logSpread: 0, runs: 4 });
  });
});

describe('relativeChangeInterval', () => {
  it('covers the change, and widens with the history', () => {
    const current = [1100, 1120, 1090, 1110, 1105];
    const baseline = [1000, 1010, 995, 1005, 990];
    const own = relativeChangeInterval(current, baseline, null, 9);
    const wide = relativeChangeInterval(current, baseline, { logSpread: 0.05, runs: 5 }, 9);
    expect(own.change).toBeCloseTo(1105 / 1000 - 1, 12);
    expect(own.widthFrom).toBe('samples');
    expect(own.interval!.low).toBeLessThan(own.change);
    expect(own.interval!.high).toBeGreaterThan(own.change);
    expect(wide.widthFrom).toBe('history');
    // t(4 df) = 2.776 times the log spread on each side.
    expect(Math.log1p(wide.interval!.high) - Math.log1p(wide.change)).toBeCloseTo(2.776 * 0.05, 9);
    expect(Math.log1p(wide.change) - Math.log1p(wide.interval!.low)).toBeCloseTo(2.776 * 0.05, 9);
  });

  it('has no interval with one sample a side and no history', () => {
    expect(relativeChangeInterval([1200], [1000], null, 1)).toEqual({
      change: expect.closeTo(0.2, 12) as number,
      interval: null,
      widthFrom: null,
    });
  });
});
