import { describe, expect, it } from 'vitest';
import { extendBaseline, parseBaseline } from '../../src/baseline/baseline.js';
import { baselineKey, baselineKeyPrefix } from '../../src/baseline/cache-key.js';
import { decideBaselineSave } from '../../src/baseline/save-policy.js';
import { ResultsFormatError, validateResults } from '../../src/results/read-results.js';
import { makeResults } from '../support/results-fixture.js';

const serialize = (value: unknown): string => JSON.stringify(value);

describe('validateResults', () => {
  it('accepts what build-bench writes, after a JSON round trip', () => {
    const results = makeResults();
    expect(validateResults(JSON.parse(serialize(results)))).toEqual(results);
  });

  it.each([
    { name: 'not an object', json: [], message: 'results should be an object' },
    { name: 'no schema version', json: { id: 'x' }, message: 'results.schemaVersion should be a number' },
    {
      name: 'older schema',
      json: { ...makeResults(), schemaVersion: 0 },
      message: 'results.schemaVersion should be one of 1, 2, 3',
    },
    {
      name: 'a sample without wall time',
      json: { ...makeResults(), samples: [{ ...makeResults().samples[0], wallMs: 'fast' }] },
      message: 'results.samples[0].wallMs should be a number above 0',
    },
    {
      name: 'an unknown variant',
      json: { ...makeResults(), summaries: [{ ...makeResults().summaries[0], variant: 'gold' }] },
      message:
        'results.summaries[0].variant should be a linker (default, mold, lld, bfd) or settings like `debug=line-tables-only`',
    },
    {
      name: 'no environment',
      json: { ...makeResults(), environment: null },
      message: 'results.environment should be an object',
    },
  ])('rejects $name', ({ json, message }) => {
    expect(() => validateResults(json)).toThrow(new ResultsFormatError(message));
  });

  it('says when a newer build-bench wrote the results', () => {
    const error = (() => {
      try {
        validateResults({ ...makeResults(), schemaVersion: 4 });
      } catch (caught) {
        return caught as ResultsFormatError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ResultsFormatError);
    expect(error?.future).toBe(true);
    expect(error?.message).toBe('results has schema version 4, newer than the 3 this build-bench reads');
  });
});

describe('parseBaseline and extendBaseline', () => {
  const first = makeResults({ createdAt: '2026-05-01T00:00:00.000Z' });
  const second = makeResults({ createdAt: '2026-05-02T00:00:00.000Z' });

  it('puts the newest results first and keeps at most the history size', () => {
    let baseline = extendBaseline(null, first, 2);
    baseline = extendBaseline(baseline, second, 2);
    baseline = extendBaseline(baseline, makeResults({ createdAt: '2026-05-03T00:00:00.000Z' }), 2);
    expect(baseline.history.map((entry) => entry.createdAt)).toEqual([
      '2026-05-03T00:00:00.000Z',
      '2026-05-02T00:00:00.000Z',
    ]);
    expect(parseBaseline(serialize(baseline), first.id)).toEqual(baseline);
  });

  it.each([
    { name: 'not JSON', text: '{"schemaVersion": 1,', message: /^the baseline is not JSON/, future: false },
    { name: 'no schema version', text: '{}', message: /^the baseline has no schemaVersion$/, future: false },
    {
      name: 'a future schema',
      text: serialize({ schemaVersion: 9, history: [] }),
      message: /^the baseline has schema version 9, newer than the 1/,
      future: true,
    },
    {
      name: 'an empty history',
      text: serialize({ schemaVersion: 1, history: [] }),
      message: /^the baseline has no results in its history$/,
      future: false,
    },
    {
      name: 'a broken entry',
      text: serialize({ schemaVersion: 1, history: [{ ...first, samples: 'none' }] }),
      message: /^baseline history\[0\]\.samples should be a list$/,
      future: false,
    },
    {
      name: 'results of another id',
      text: serialize({ schemaVersion: 1, history: [{ ...first, id: 'other' }] }),
      message: /^the baseline holds results of id 'other', not 'ferry-release'$/,
      future: false,
    },
  ])('rejects $name', ({ text, message, future }) => {
    let caught: unknown = null;
    try {
      parseBaseline(text, 'ferry-release');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ResultsFormatError);
    expect((caught as ResultsFormatError).message).toMatch(message);
    expect((caught as ResultsFormatError).future).toBe(future);
  });
});

describe('cache keys', () => {
  it('name the OS, architecture and id, and are unique per run attempt', () => {
    const prefix = baselineKeyPrefix('app', 'linux', 'x64');
    expect(prefix).toBe('build-bench-baseline-v1-linux-x64-app~');
    const key = baselineKey(prefix, '4711', '2', 1_777_000_000_000);
    expect(key).toBe('build-bench-baseline-v1-linux-x64-app~4711-2-1777000000000');
    expect(baselineKey(prefix, undefined, undefined, 5)).toBe(`${prefix}5`);
  });

  it.each([
    { id: 'app', other: 'app-linux-x64-2' },
    { id: 'app', other: 'app.v2' },
    { id: 'a', other: 'ab' },
  ])("of id '$other' never start with the prefix of id '$id'", ({ id, other }) => {
    const otherKey = baselineKey(baselineKeyPrefix(other, 'linux', 'x64'), '1', '1', 1);
    expect(otherKey.startsWith(baselineKeyPrefix(id, 'linux', 'x64'))).toBe(false);
  });
});

describe('decideBaselineSave', () => {
  const main = { ref: 'refs/heads/main', defaultBranch: 'main' };
  it.each([
    { setting: 'auto', facts: { eventName: 'push', ...main }, save: true },
    { setting: 'auto', facts: { eventName: 'schedule', ...main }, save: true },
    // GitHub's schedule payload has no repository: a scheduled run is on the default branch anyway.
    {
      setting: 'auto',
      facts: { eventName: 'schedule', ref: 'refs/heads/main', defaultBranch: null },
      save: true,
    },
    {
      setting: 'auto',
      facts: { eventName: 'workflow_dispatch', ref: 'refs/heads/main', defaultBranch: null },
      save: false,
    },
    { setting: 'auto', facts: { eventName: 'workflow_dispatch', ...main }, save: true },
    { setting: 'auto', facts: { eventName: 'pull_request', ...main }, save: false },
    {
      setting: 'auto',
      facts: { eventName: 'push', ref: 'refs/heads/feature', defaultBranch: 'main' },
      save: false,
    },
    {
      setting: 'auto',
      facts: { eventName: 'push', ref: 'refs/tags/v1', defaultBranch: 'main' },
      save: false,
    },
    {
      setting: 'auto',
      facts: { eventName: 'push', ref: 'refs/heads/main', defaultBranch: null },
      save: false,
    },
    { setting: 'auto', facts: { eventName: null, ref: null, defaultBranch: null }, save: false },
    { setting: 'true', facts: { eventName: 'pull_request', ...main }, save: true },
    { setting: 'false', facts: { eventName: 'push', ...main }, save: false },
  ] as const)('$setting on $facts.eventName of $facts.ref: $save', ({ setting, facts, save }) => {
    const decision = decideBaselineSave(setting, facts);
    expect(decision.save).toBe(save);
    expect(decision.reason.length).toBeGreaterThan(0);
  });
});
