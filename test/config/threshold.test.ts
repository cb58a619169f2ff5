import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, parseThreshold } from '../../src/config/parse-threshold.js';
import { ConfigError } from '../../src/config/config.js';
import { formatThreshold, relativeLimit } from '../../src/config/threshold.js';

describe('parseThreshold', () => {
  it.each([
    { value: '10%', incremental: '10%', clean: '10%', noop: '10%' },
    { value: 'incremental: 10%, clean: 5% or 30s', incremental: '10%', clean: '5% or 30s', noop: '5%' },
    { value: '20%, clean: 2 min', incremental: '20%', clean: '120s', noop: '20%' },
    { value: 'noop: 15% and 500ms\nclean: 3%', incremental: '5%', clean: '3%', noop: '15% and 500ms' },
    { value: 'Incremental: 30S or 7.5%', incremental: '7.5% or 30s', clean: '5%', noop: '5%' },
    { value: '5%,', incremental: '5%', clean: '5%', noop: '5%' },
    { value: 'incremental:10%', incremental: '10%', clean: '5%', noop: '5%' },
    { value: 'clean: 5% OR 30s', incremental: '5%', clean: '5% or 30s', noop: '5%' },
  ])('$value', ({ value, ...expected }) => {
    const thresholds = parseThreshold(value);
    const shown = Object.fromEntries(
      (['incremental', 'clean', 'noop'] as const).map((scenario) => [
        scenario,
        formatThreshold(thresholds[scenario]),
      ]),
    );
    expect(shown).toEqual(expected);
  });

  it.each(['5%or30s', '5% or', 'incremental: ', 'ten percent'])('rejects %j, naming the input', (value) => {
    expect(() => parseThreshold(value)).toThrow(ConfigError);
    expect(() => parseThreshold(value)).toThrow(/^Input 'threshold' has the value/);
  });

  it('defaults to 5 %', () => {
    expect(parseThreshold('').incremental).toEqual(DEFAULT_THRESHOLD);
  });
});

describe('relativeLimit', () => {
  it.each([
    { threshold: '10%', baselineMs: 1000, limit: 0.1 },
    { threshold: '5% or 30s', baselineMs: 120_000, limit: 0.05 },
    { threshold: '5% or 30s', baselineMs: 1_200_000, limit: 0.025 },
    { threshold: '5% and 30s', baselineMs: 120_000, limit: 0.25 },
    { threshold: '30s', baselineMs: 60_000, limit: 0.5 },
  ])('$threshold against $baselineMs ms is $limit', ({ threshold, baselineMs, limit }) => {
    expect(relativeLimit(parseThreshold(threshold).clean, baselineMs)).toBeCloseTo(limit, 12);
  });
});
