import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/analysis.js';
import {
  toBencherMetricFormat,
  toGithubActionBenchmark,
  type BencherMetricFormat,
} from '../../src/export/export-formats.js';
import { toExportPath, writeExports } from '../../src/export/io/write-exports.js';
import type { Results } from '../../src/results/results.js';
import { makeResults } from '../support/results-fixture.js';

/** Two crates with IR counted, a build graph of five crates (one in two versions). */
const ANALYSIS: Analysis = {
  llvmLines: {
    counter: 'cargo-llvm-lines',
    flags: [],
    crates: [
      {
        packageName: 'ferry',
        target: 'bin ferry',
        totalLines: 182_404,
        totalCopies: 4_210,
        functions: [{ name: 'core::ptr::drop_in_place', lines: 12_044, copies: 512 }],
        functionCount: 1_890,
      },
      {
        packageName: 'ferry-proto',
        target: 'lib',
        totalLines: 48_117,
        totalCopies: 1_022,
        functions: [],
        functionCount: 611,
      },
    ],
  },
  dependencies: {
    crates: [
      { name: 'ferry', version: '0.7.2', source: 'path' },
      { name: 'ferry-proto', version: '0.7.2', source: 'path' },
      { name: 'bytes', version: '1.10.1', source: 'registry' },
      { name: 'syn', version: '1.0.109', source: 'registry' },
      { name: 'syn', version: '2.0.104', source: 'registry' },
    ],
    workspaceMembers: 2,
    duplicates: [{ name: 'syn', versions: ['1.0.109', '2.0.104'] }],
  },
  settings: null,
  problems: [],
};

const DOCUMENTS: readonly { readonly name: string; readonly results: Results }[] = [
  { name: 'the fixture', results: makeResults() },
  { name: 'the fixture with an analysis', results: makeResults({ analysis: ANALYSIS }) },
  {
    name: 'two variants of one scenario',
    results: makeResults({ plan: { scenarios: ['incremental'], variants: ['default', 'mold'], runs: 6 } }),
  },
];

const isPositiveNumber = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** github-action-benchmark's BenchmarkResult (src/extract.ts): name, unit, value; optional range, extra. */
function expectGithubActionBenchmarkEntry(entry: unknown): void {
  expect(typeof entry).toBe('object');
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record)) expect(['name', 'unit', 'value', 'range', 'extra']).toContain(key);
  expect(typeof record.name).toBe('string');
  expect(typeof record.unit).toBe('string');
  expect(isPositiveNumber(record.value)).toBe(true);
  // The form its extractors write and src/extractRangeInfo.ts reads: `±` (or `+-`), then a number.
  if (record.range !== undefined) expect(record.range).toMatch(/^± \d+(\.\d+)?$/);
  if (record.extra !== undefined) expect(typeof record.extra).toBe('string');
}

/** BMF's JSON schema (bencher.dev/bmf.json): benchmark → measure → { value, lower_value?, upper_value? }. */
function expectBencherMetricFormat(document: BencherMetricFormat): void {
  expect(Object.keys(document).length).toBeGreaterThan(0);
  for (const [benchmark, measures] of Object.entries(document)) {
    expect(benchmark.length).toBeGreaterThan(0);
    expect(benchmark.length).toBeLessThanOrEqual(1024);
    for (const [measure, metric] of Object.entries(measures)) {
      expect(measure).toMatch(/^[a-z0-9-]{1,64}$/);
      for (const key of Object.keys(metric)) expect(['value', 'lower_value', 'upper_value']).toContain(key);
      expect(isPositiveNumber(metric.value)).toBe(true);
      if (metric.lower_value !== undefined) {
        expect(isPositiveNumber(metric.lower_value)).toBe(true);
        expect(metric.lower_value).toBeLessThanOrEqual(metric.value);
      }
      if (metric.upper_value !== undefined) expect(metric.upper_value).toBeGreaterThanOrEqual(metric.value);
    }
  }
}

describe('github-action-benchmark customSmallerIsBetter', () => {
  it.each(DOCUMENTS)('has only documented fields and unique names: $name', ({ results }) => {
    const entries = toGithubActionBenchmark(results);
    expect(Array.isArray(entries)).toBe(true);
    expect(entries.length).toBe(results.summaries.length + (results.analysis === null ? 0 : 3));
    for (const entry of entries) expectGithubActionBenchmarkEntry(JSON.parse(JSON.stringify(entry)));
    expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
  });

  it('names and values each summary, IR lines per crate and the crate count', () => {
    const entries = toGithubActionBenchmark(makeResults({ analysis: ANALYSIS }));
    const moldIncremental = makeResults().summaries.find(
      (summary) => summary.scenario === 'incremental' && summary.variant === 'mold',
    )!;
    expect(entries).toContainEqual({
      name: 'ferry-release: incremental build (mold)',
      unit: 'ms',
      value: Math.round(moldIncremental.medianMs),
      range: `± ${Math.round(moldIncremental.madMs)}`,
      extra: `n: 3\nmin–max: ${Math.round(moldIncremental.minMs)}–${Math.round(moldIncremental.maxMs)} ms`,
    });
    expect(entries.slice(-3).map(({ name, unit, value }) => ({ name, unit, value }))).toEqual([
      { name: 'ferry-release: LLVM IR of ferry (bin ferry)', unit: 'lines', value: 182_404 },
      { name: 'ferry-release: LLVM IR of ferry-proto (lib)', unit: 'lines', value: 48_117 },
      { name: 'ferry-release: crates in the build graph', unit: 'crates', value: 5 },
    ]);
  });

  it('keeps names stable when the numbers change', () => {
    const names = (results: Results): string[] => toGithubActionBenchmark(results).map((entry) => entry.name);
    const slower = makeResults({
      samples: makeResults().samples.map((sample) => ({ ...sample, wallMs: sample.wallMs * 1.3 })),
      createdAt: '2026-05-05T09:12:44.000Z',
    });
    expect(names(slower)).toEqual(names(makeResults()));
  });
});

describe('Bencher Metric Format', () => {
  it.each(DOCUMENTS)('follows the BMF schema: $name', ({ results }) => {
    const document = toBencherMetricFormat(results);
    expectBencherMetricFormat(JSON.parse(JSON.stringify(document)) as BencherMetricFormat);
    expect(Object.keys(document)).toHaveLength(
      results.summaries.length + (results.analysis === null ? 0 : 3),
    );
  });

  it('gives build times in seconds under the built-in build-time measure', () => {
    const document = toBencherMetricFormat(makeResults({ analysis: ANALYSIS }));
    const summary = makeResults().summaries.find(
      (item) => item.scenario === 'clean' && item.variant === 'default',
    )!;
    expect(document['ferry-release: clean build (default)']).toEqual({
      'build-time': {
        value: Math.round(summary.medianMs) / 1000,
        lower_value: Math.round(summary.minMs) / 1000,
        upper_value: Math.round(summary.maxMs) / 1000,
      },
    });
    expect(document['ferry-release: LLVM IR of ferry (bin ferry)']).toEqual({
      'llvm-ir-lines': { value: 182_404 },
    });
    expect(document['ferry-release: build graph']).toEqual({ crates: { value: 5 } });
  });

  it('leaves out what was not measured', () => {
    const results = makeResults({ status: 'failed', samples: [] });
    expect(toBencherMetricFormat(results)).toEqual({});
    expect(toGithubActionBenchmark(results)).toEqual([]);
  });
});

describe('writeExports', () => {
  it('writes each format next to the results file, as JSON that reads back', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'build-bench-export-'));
    try {
      const results = makeResults({ analysis: ANALYSIS });
      const resultsPath = path.join(folder, 'out', 'results.json');
      const written = await writeExports(results, ['github-action-benchmark', 'bencher'], resultsPath);
      expect(written).toEqual({
        'github-action-benchmark': path.join(folder, 'out', 'results.github-action-benchmark.json'),
        bencher: path.join(folder, 'out', 'results.bencher.json'),
      });
      const actionBenchmark = JSON.parse(
        await readFile(written['github-action-benchmark']!, 'utf8'),
      ) as unknown;
      expect(actionBenchmark).toEqual(toGithubActionBenchmark(results));
      const bencher = JSON.parse(await readFile(written.bencher!, 'utf8')) as BencherMetricFormat;
      expect(bencher).toEqual(toBencherMetricFormat(results));
      expectBencherMetricFormat(bencher);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it.each([
    { resultsPath: 'build-bench/results.json', path: 'build-bench/results.bencher.json' },
    { resultsPath: 'results', path: 'results.bencher.json' },
  ])('names $resultsPath → $path', ({ resultsPath, path: expected }) => {
    expect(toExportPath(resultsPath, 'bencher')).toBe(expected);
  });
});
