/** The default branch's trend in the job summary, and every run's figures appended to a JSON Lines file. */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { renderTrend } from '../../src/report/render-trend.js';
import { summarizeForHistory } from '../../src/results/io/history-file.js';
import { copyFixture, type FixtureCopy } from '../support/fixture-project.js';
import { makeResults } from '../support/results-fixture.js';
import { createTestDeps } from '../support/test-deps.js';

let fixture: FixtureCopy | undefined;
afterEach(() => fixture?.remove());

describe('renderTrend', () => {
  const runAt = (commit: string, factor: number) => {
    const base = makeResults({ environment: { commit } });
    return {
      ...base,
      summaries: base.summaries.map((summary) => ({ ...summary, medianMs: summary.medianMs * factor })),
    };
  };

  it('draws one line per scenario, oldest first, with an axis around the data', () => {
    const current = runAt('cccccccc', 1.1);
    const trend = renderTrend(current, [runAt('bbbbbbbb', 1.05), runAt('aaaaaaaa', 1)])!;
    expect(trend).toContain('### The default branch over its last 3 runs');
    expect(trend).toContain('x-axis [aaaaaaa, bbbbbbb, ccccccc]');
    expect(trend.match(/xychart-beta/g)).toHaveLength(3);
    const incremental =
      /title "incremental builds.*"\n.*\n {4}y-axis "m?s" ([\d.]+) --> ([\d.]+)\n {4}line \[([^\]]+)\]/.exec(
        trend,
      )!;
    expect(Number(incremental[1])).toBeGreaterThan(0);
    expect(incremental[3]!.split(', ').map(Number)).toHaveLength(3);
  });

  it('draws nothing from a single run', () => {
    expect(renderTrend(makeResults(), [])).toBeNull();
  });
});

describe('history-file', () => {
  it('summarizes a run in one line', () => {
    const line = summarizeForHistory(makeResults(), null);
    expect(line).toMatchObject({
      schemaVersion: 1,
      id: 'ferry-release',
      commit: '9f3c2e71b04d5a8e6c1f2b3a4d5e6f708192a3b4',
      verdict: null,
    });
    expect(Object.keys(line.scenarios as object)).toEqual(['clean', 'incremental', 'noop']);
  });

  it('appends every run as one more line', async () => {
    fixture = copyFixture('tiny');
    const file = path.join(fixture.directory, 'records', 'build-times.jsonl');
    for (let index = 0; index < 2; index++) {
      await run(
        createTestDeps({
          'working-directory': fixture.directory,
          scenarios: 'noop',
          linkers: 'default',
          runs: '1',
          'history-file': file,
        }),
      );
    }
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { scenarios: Record<string, unknown> });
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[1]!.scenarios)).toEqual(['noop']);
    rmSync(file);
  });
});
