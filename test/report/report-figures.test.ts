/** The terminal table, the Markdown report and the step outputs show a variant by the same paired estimate. */
import { describe, expect, it } from 'vitest';
import { collectOutputs } from '../../src/report/outputs.js';
import { renderReport } from '../../src/report/render-report.js';
import { renderTextComparison, renderTextTable } from '../../src/report/render-text.js';
import { makeResults } from '../support/results-fixture.js';
import { compareWithBaseline } from '../../src/gate/compare.js';
import { COMPARED_AT, GATE, slowerResults } from '../support/report-cases.js';

describe('one estimate everywhere', () => {
  const results = makeResults();
  const speedup = results.speedups.find(
    (item) => item.scenario === 'incremental' && item.variant === 'mold',
  )!;
  const change = `${(100 / speedup.pairedSpeedup! - 100).toFixed(1).replace('-', '−')} %`;

  it('the paired estimate differs from the ratio of the medians here, so the check can tell them apart', () => {
    expect(speedup.pairedSpeedup!.toFixed(3)).not.toBe(speedup.speedup.toFixed(3));
    expect((100 / speedup.pairedSpeedup! - 100).toFixed(1)).not.toBe(
      (100 / speedup.speedup - 100).toFixed(1),
    );
  });

  it('the Markdown report shows the paired change, its interval and its claim', () => {
    const row = renderReport(results)
      .split('\n')
      .find((line) => line.startsWith('| incremental | mold |'))!;
    expect(row).toContain(`| ${change} | −36.1…−34.5 % |`);
    expect(row).toMatch(/\| faster \|$/);
  });

  it('the terminal table shows the same, and says once what it is', () => {
    const text = renderTextTable(results);
    const row = text.split('\n').find((line) => /^incremental\s+mold\s/.test(line))!;
    expect(row).toContain(`${change} (−36.1…−34.5 %) faster`);
    expect(text).toContain(
      'vs default: change of build time against default in the same rounds (paired estimate, 95 % CI)',
    );
    expect(text.match(/paired estimate/g)).toHaveLength(1);
  });

  it('the outputs give the paired speedup', () => {
    expect(collectOutputs(results)['incremental-mold-speedup']).toBe(speedup.pairedSpeedup!.toFixed(3));
  });

  it('the log line of a compared scenario shows the change and interval of the scenario table', () => {
    const current = slowerResults('incremental', 1.3);
    const history = [1, 1.02, 0.99, 1.01].map((factor) => slowerResults('incremental', factor));
    const comparison = compareWithBaseline(
      current,
      { schemaVersion: 1, id: current.id, history },
      GATE,
      COMPARED_AT,
    );
    const row = renderReport(current, {
      gate: { comparison, absence: null, saveNote: null, failOn: 'regression' },
    })
      .split('\n')
      .find((line) => line.startsWith('| incremental |'))!;
    const [, , , change, interval] = row.split(' | ');
    expect(renderTextComparison(comparison, null)).toContain(
      `  incremental: 6.24 s → 8.07 s, ${change} (95 % CI ${interval}), threshold 10%, 3 rounds (decided): regression`,
    );
  });
});
