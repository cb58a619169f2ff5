import { describe, expect, it } from 'vitest';
import type { GateConfig } from '../../src/config/config.js';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import { compareWithBaseline } from '../../src/gate/compare.js';
import type { Results } from '../../src/results/results.js';
import { COMMENT_MAX_BYTES, renderReport, type RenderReportOptions } from '../../src/report/render-report.js';
import { makeAnalysis, makeResults, makeSamples } from '../support/results-fixture.js';

const GATE: GateConfig = {
  thresholds: parseThreshold('10%'),
  failOn: 'regression',
  allowCrossMachine: false,
  llvmLinesThreshold: null,
};
const COMPARED_AT = new Date('2026-05-04T15:40:00.000Z');
const RUN_URL = 'https://github.com/ferry-rs/ferry/actions/runs/14872310934';
const CAPS = [
  1_000,
  1_001,
  1_234,
  1_500,
  2_048,
  3_000,
  4_096,
  6_000,
  10_000,
  20_000,
  40_000,
  COMMENT_MAX_BYTES,
];
const LEFT_OUT_LINE =
  /\n\n_Left out to stay under the size limit: [^\n]+\. The results file holds every number\._\n$/;

const bytes = (text: string): number => new TextEncoder().encode(text).length;

/** 100 rounds × 3 scenarios × 4 variants and 5,000 touched files with long, multi-byte names. */
function largeResults(): Results {
  const plan = { runs: 100, cleanRuns: 100 };
  const touchedFiles = Array.from(
    { length: 5_000 },
    (_, index) => `crates/ferry-protocol-ü/src/generated/messages/very_long_module_name_${index}/mod.rs`,
  );
  return makeResults({ plan, samples: makeSamples(plan), touchedFiles, analysis: makeAnalysis() });
}

/** A build that failed with 20,000 lines of output, one of them 100,000 characters long. */
function hugeFailureResults(): Results {
  const lines = Array.from(
    { length: 20_000 },
    (_, index) => `error[E0308]: mismatched types \`ü\` in line ${index}`,
  );
  lines[500] = 'x'.repeat(100_000);
  return makeResults({
    status: 'failed',
    failure: {
      scenario: 'incremental',
      variant: 'mold',
      phase: 'sample',
      command: 'cargo build --release',
      exitCode: 101,
      message: 'The build exited with code 101.',
      outputTail: `${lines.join('\n')}\n\`\`\`\n<details>`,
    },
  });
}

function gateFor(results: Results): RenderReportOptions['gate'] {
  const comparison = compareWithBaseline(
    results,
    { schemaVersion: 1, id: results.id, history: [results, results, results] },
    GATE,
    COMPARED_AT,
  );
  return { comparison, absence: null, saveNote: 'Baseline not saved.', failOn: 'regression' };
}

/** Every fence closed, every `<details>` closed, and no table header left without its delimiter row. */
function expectBalanced(report: string): void {
  const lines = report.split('\n');
  let fence: string | null = null;
  let depth = 0;
  for (const [index, line] of lines.entries()) {
    const marker = /^(?:> ?)*(`{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker.length >= fence.length && /^(?:> ?)*`+\s*$/.test(line)) fence = null;
      continue;
    }
    if (marker !== undefined) fence = marker;
    else if (line.trim().startsWith('<details>')) depth++;
    else if (line.trim() === '</details>') depth--;
    const startsTable = line.startsWith('|') && !lines[index - 1]?.startsWith('|');
    if (startsTable) expect(lines[index + 1], `table at line ${index}`).toMatch(/^\| (?:-{3}|-{3}:)/);
  }
  expect(fence).toBeNull();
  expect(depth).toBe(0);
}

const CASES: readonly { readonly name: string; readonly results: Results }[] = [
  { name: 'many samples and touched files', results: largeResults() },
  { name: 'a huge failure output', results: hugeFailureResults() },
];

it('many samples and touched files are too large for a comment without a cap', () => {
  expect(bytes(renderReport(largeResults()))).toBeGreaterThan(COMMENT_MAX_BYTES);
});

describe('a huge failure output', () => {
  it('shows only its last lines, so the failure, the step and the scenario table stay in a comment', () => {
    const results = hugeFailureResults();
    const report = renderReport(results, { gate: gateFor(results), maxBytes: COMMENT_MAX_BYTES });
    expect(report).not.toMatch(LEFT_OUT_LINE);
    expect(report).toContain(
      '> **The benchmark failed**: the `mold` build of the `incremental` scenario failed',
    );
    expect(report).toContain('The step fails: the benchmark failed.');
    expect(report).toContain('| Scenario | Baseline | Median |');
    expect(report).toMatch(/\[… \d+ earlier characters left out\]\n> error\[E0308\]/);
    expect(report).toContain('in line 19999');
    expect(report).not.toContain('in line 100\n');
  });
});

describe.each(CASES)('renderReport with maxBytes: $name', ({ results }) => {
  const gate = gateFor(results);
  const unlimited = renderReport(results, { gate, runUrl: RUN_URL });

  it('is unchanged by a cap it fits under', () => {
    expect(renderReport(results, { gate, runUrl: RUN_URL, maxBytes: bytes(unlimited) })).toBe(unlimited);
  });

  it.each(CAPS)('fits in %i bytes, ends saying what was left out, and leaves nothing open', (maxBytes) => {
    const report = renderReport(results, { gate, runUrl: RUN_URL, maxBytes });
    expect(bytes(report)).toBeLessThanOrEqual(maxBytes);
    if (bytes(unlimited) > maxBytes) expect(report).toMatch(LEFT_OUT_LINE);
    else expect(report).toBe(unlimited);
    expect(report).toMatch(/^## build-bench: ferry-release\n/);
    expectBalanced(report);
  });

  it('also fits without a gate or a run link', () => {
    for (let maxBytes = 1_000; maxBytes <= 30_000; maxBytes += 997) {
      const report = renderReport(results, { maxBytes });
      expect(bytes(report), `cap ${maxBytes}`).toBeLessThanOrEqual(maxBytes);
      expectBalanced(report);
    }
  });
});

describe('folding under a cap', () => {
  const results = largeResults();
  const gate = gateFor(results);

  it('drops sections in a fixed order: samples, files, linkers, statistics, environment, settings, crates, baseline, charts, IR lines, advice, variants', () => {
    const order = [
      'every sample',
      'the files touched',
      'the linker checks',
      'the full statistics',
      'the environment',
      'the build settings',
      'the crates',
      'the baseline details',
      'the charts',
      'the LLVM IR lines',
      'the advice',
      'the variant comparison',
      'the end of the report',
    ];
    for (let maxBytes = 1_000; maxBytes <= COMMENT_MAX_BYTES; maxBytes += 1_111) {
      const report = renderReport(results, { gate, runUrl: RUN_URL, maxBytes });
      const leftOut = /Left out to stay under the size limit: ([^\n]+)\. The results/
        .exec(report)![1]!
        .split(', ');
      expect(leftOut, `cap ${maxBytes}`).toEqual(order.slice(0, leftOut.length));
    }
  });

  it('keeps the verdict, the scenario table and the run link under the comment cap', () => {
    const report = renderReport(results, { gate, runUrl: RUN_URL, maxBytes: COMMENT_MAX_BYTES });
    expect(report).toContain('### Verdict: ✅ pass');
    expect(report).toContain('| Scenario | Baseline | Median | Change | 95 % CI | Rounds | Verdict |');
    expect(report).toContain('### What the other linkers would save');
    expect(report).toContain(`[Workflow run](${RUN_URL})`);
    expect(report).toContain('Left out to stay under the size limit: every sample, the files touched.');
  });

  it('cuts a title too long for the cap within its line', () => {
    const report = renderReport(makeResults({ id: 'ü'.repeat(5_000) }), { maxBytes: 1_000 });
    expect(bytes(report)).toBeLessThanOrEqual(1_000);
    expect(report).toMatch(/^## build-bench: ü+…\n\n_Left out/);
  });
});
