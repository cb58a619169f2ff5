/** The schedule of looks, how the error is spent over them, Student's t, and the decision rules. */
import { describe, expect, it } from 'vitest';
import { claimDifference, decideAgainstLimit, indifferenceZone } from '../../src/stats/decisions.js';
import {
  isLook,
  lookLevel,
  lookSchedule,
  SEQUENTIAL_ERROR,
  takeLook,
  type Look,
} from '../../src/stats/looks.js';
import { studentTCdf, studentTQuantile } from '../../src/stats/student-t.js';
import { trimmedMean } from '../../src/stats/trimmed.js';
import { pairedChangeAt, pairedChangeAtDecision, pairedChangeOverLooks } from '../../src/stats/sequential.js';

describe('lookSchedule and lookLevel', () => {
  it.each([
    { min: 5, max: 50, looks: [5, 7, 10, 14, 20, 28, 40, 50] },
    { min: 3, max: 10, looks: [3, 5, 7, 10] },
    { min: 5, max: 5, looks: [5] },
    { min: 1, max: 4, looks: [1, 2, 3, 4] },
  ])('looks after $looks rounds between $min and $max', ({ min, max, looks }) => {
    expect(lookSchedule(min, max)).toEqual(looks);
    for (let rounds = min; rounds <= max; rounds++)
      expect(isLook(rounds, min, max)).toBe(looks.includes(rounds));
  });

  it('spends at most 5 % over all looks, little early and most late', () => {
    const errors = lookSchedule(5, 50).map((rounds) => 1 - lookLevel(rounds, 5, 50));
    expect(errors.reduce((sum, error) => sum + error, 0)).toBeCloseTo(SEQUENTIAL_ERROR, 12);
    expect(errors[0]).toBeCloseTo(0.05 * 0.001, 12);
    expect(errors.at(-1)).toBeGreaterThan(0.015);
  });

  it('gives a single look all of the error, and a last look between looks all that is left', () => {
    expect(lookLevel(5, 5, 5)).toBeCloseTo(0.95, 12);
    // Stopped by the time budget after 23 rounds: looks at 5, 7, 10, 14, 20 spent (20/50)³ of it.
    expect(1 - lookLevel(23, 5, 50)).toBeCloseTo(0.05 * (1 - 0.064), 12);
  });

  it('never fails on more rounds than the most allowed (an older or edited file)', () => {
    expect(lookLevel(7, 2, 5)).toBeGreaterThan(0.95);
    expect(lookLevel(7, 2, 5)).toBeLessThan(1);
  });
});

describe("Student's t", () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [1000, 1.962],
  ])('the 97.5 %% quantile for %i degrees of freedom is %f', (df, quantile) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(quantile, 3);
    expect(studentTCdf(quantile, df)).toBeCloseTo(0.975, 4);
  });

  it('is symmetric and handles tiny tails', () => {
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-studentTQuantile(0.975, 5), 10);
    expect(studentTQuantile(1 - 0.0005 / 2, 4)).toBeCloseTo(10.306, 2);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
  });
});

describe('trimmedMean', () => {
  it.each([
    { values: [1, 2, 3], mean: 2 },
    { values: [1, 2, 3, 4, 100], mean: 22 },
    { values: [10, 10, 10, 10, 10, 10, 10, 10, 10, 1000], mean: 10 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1000], mean: 6.5 },
  ])('trims a tenth from each end (nothing under ten values): $values → $mean', ({ values, mean }) => {
    expect(trimmedMean(values).mean).toBe(mean);
  });

  it('has no standard error from one value and zero from equal values', () => {
    expect(Number.isNaN(trimmedMean([4]).standardError)).toBe(true);
    expect(trimmedMean([4, 4, 4]).standardError).toBe(0);
  });
});

describe('the decision rules', () => {
  const change = (percent: number, low: number, high: number) => ({
    estimate: Math.log1p(percent / 100),
    interval: {
      estimate: Math.log1p(percent / 100),
      low: Math.log1p(low / 100),
      high: Math.log1p(high / 100),
      level: 0.95,
    },
  });

  it('puts the zone of doubt from half the threshold to 1.5 times it', () => {
    const zone = indifferenceZone(0.1);
    expect(zone.low).toBeCloseTo(Math.log1p(0.05), 12);
    expect(zone.high).toBeCloseTo(Math.log1p(0.15), 12);
  });

  it.each([
    { name: 'beyond, interval above half the threshold', at: change(12, 6, 18), decision: 'regression' },
    { name: 'beyond, interval reaching below half of it', at: change(12, 4, 20), decision: 'undecided' },
    { name: 'within, interval below 1.5 times it', at: change(2, -3, 14), decision: 'pass' },
    { name: 'within, interval reaching 1.5 times it', at: change(2, -12, 16), decision: 'undecided' },
    { name: 'exactly at the threshold counts as within', at: change(10, 9, 11), decision: 'pass' },
    { name: 'no interval', at: { estimate: 0.3, interval: null }, decision: 'undecided' },
  ])('$name → $decision', ({ at, decision }) => {
    expect(decideAgainstLimit(at, 0.1)).toBe(decision);
  });

  it('passes anything when there is no limit', () => {
    expect(decideAgainstLimit(change(300, 200, 400), Number.POSITIVE_INFINITY)).toBe('pass');
  });

  it.each([
    { at: change(-30, -35, -25), claim: 'faster' },
    { at: change(20, 5, 35), claim: 'slower' },
    { at: change(1, -2, 3), claim: 'similar' },
    { at: change(-3, -9, 2), claim: 'undecided' },
  ])('a variant whose change is $at.estimate claims $claim', ({ at, claim }) => {
    expect(claimDifference(at, 0.05)).toBe(claim);
  });
});

describe('reading a comparison that other comparisons kept going', () => {
  const bounds = { min: 5, max: 20 };
  // Five rounds 30 % slower decide a regression; later rounds, scattered around +5 %, would leave it undecided.
  const ratios = [
    ...Array.from({ length: 5 }, (_, i) => Math.log(1.3) + (i % 2 ? 0.01 : -0.01)),
    ...Array.from({ length: 9 }, (_, i) => 0.05 + (i % 2 ? 0.3 : -0.3)),
  ];

  it('reads the gate where it was decided, with the rounds it rests on', () => {
    const limit = 0.1;
    expect(decideAgainstLimit(pairedChangeAt(ratios, bounds), limit)).not.toBe('regression');
    const read = pairedChangeAtDecision(ratios, bounds, (change) => decideAgainstLimit(change, limit));
    expect(read.rounds).toBe(5);
    expect(decideAgainstLimit(read, limit)).toBe('regression');
  });

  it('narrows a variant to what every look allowed, so a decision is not undone', () => {
    expect(claimDifference(pairedChangeAt(ratios, bounds), 0.05)).toBe('undecided');
    const read = pairedChangeOverLooks(ratios, bounds);
    expect(claimDifference(read, 0.05)).toBe('slower');
    expect(read.interval!.low).toBeGreaterThanOrEqual(
      pairedChangeAt(ratios.slice(0, 5), bounds).interval!.low,
    );
  });

  it('leaves a comparison that no look decided at its last round', () => {
    const flat = Array.from({ length: 14 }, (_, i) => (i % 2 ? 0.2 : -0.2));
    const read = pairedChangeAtDecision(flat, bounds, (change) => decideAgainstLimit(change, 0.1));
    expect(read.rounds).toBe(14);
    expect(read.interval).toEqual(pairedChangeAt(flat, bounds).interval);
  });
});

describe('takeLook: the error follows the budget', () => {
  const spentBy = (looks: readonly { level: number }[]): number =>
    looks.reduce((sum, look) => sum + (1 - look.level), 0);

  it('spends all the error left at a look the budget or max-runs forces, wherever it falls', () => {
    for (const lastRound of [5, 6, 7, 9, 10, 14, 23]) {
      const looks: Look[] = [];
      for (let rounds = 5; rounds <= lastRound; rounds++) {
        const look = takeLook(rounds, 5, 200, looks, rounds === lastRound);
        if (look !== null) looks.push(look);
      }
      expect(looks.at(-1)!.rounds).toBe(lastRound);
      expect(spentBy(looks)).toBeCloseTo(SEQUENTIAL_ERROR, 12);
    }
  });

  it('plans the last look from the rounds the budget allows, not from max-runs', () => {
    // Five rounds, and the budget allows no more: one look at the usual 95 %, whatever max-runs says.
    expect(takeLook(5, 5, 5, [], true)!.level).toBeCloseTo(0.95, 12);
    // A look that is not the last has at least one more round after it.
    expect(1 - takeLook(5, 5, 5, [], false)!.level).toBeCloseTo(SEQUENTIAL_ERROR * (5 / 6) ** 3, 12);
    // Room for 14: the first look spends (5/14)³ of the error, far more than (5/200)³.
    expect(1 - takeLook(5, 5, 14, [], false)!.level).toBeCloseTo(SEQUENTIAL_ERROR * (5 / 14) ** 3, 12);
    // Not a scheduled look, and not the last: no decision here.
    expect(takeLook(6, 5, 14, [], false)).toBeNull();
  });

  it('never spends more than the error in all, when the plan shrinks between looks', () => {
    const looks: Look[] = [takeLook(5, 5, 50, [], false)!];
    looks.push(takeLook(7, 5, 8, looks, false)!);
    looks.push(takeLook(8, 5, 8, looks, true)!);
    expect(spentBy(looks)).toBeCloseTo(SEQUENTIAL_ERROR, 12);
    expect(looks.every((look) => look.level < 1)).toBe(true);
  });
});
