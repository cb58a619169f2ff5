import { describe, expect, it } from 'vitest';
import type { Analysis, CrateLlvmLines } from '../../src/analysis/analysis.js';
import type { GateConfig } from '../../src/config/config.js';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import { compareAnalysis, withAnalysis } from '../../src/gate/compare-analysis.js';
import { compareWithBaseline } from '../../src/gate/compare.js';
import { describeGateFailure, gateFails } from '../../src/gate/gate.js';
import { renderReport } from '../../src/report/render-report.js';
import type { Results } from '../../src/results/results.js';
import { expectGolden } from '../support/golden.js';
import { makeAnalysis, makeEnvironment, makeResults } from '../support/results-fixture.js';

const GATE: GateConfig = {
  thresholds: parseThreshold('incremental: 10%, clean: 5% or 30s'),
  failOn: 'regression',
  allowCrossMachine: false,
  llvmLinesThreshold: 0.1,
};

/** The fixture's crate as the baseline counted it: 40,000 lines, `dispatch` with half its copies. */
function baselineCrate(overrides: Partial<CrateLlvmLines> = {}): CrateLlvmLines {
  return {
    packageName: 'ferry',
    target: 'bin ferry',
    totalLines: 40_000,
    totalCopies: 1_200,
    functionCount: 4,
    functions: [
      { name: 'core::ptr::drop_in_place<T>', lines: 8_000, copies: 200 },
      { name: '<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop', lines: 3_020, copies: 88 },
      { name: 'ferry::route::Router<S>::dispatch', lines: 3_100, copies: 6 },
      { name: 'ferry::main', lines: 400, copies: 1 },
    ],
    ...overrides,
  };
}

function baselineAnalysis(crate: CrateLlvmLines = baselineCrate()): Analysis {
  const current = makeAnalysis();
  return {
    ...current,
    llvmLines: { counter: 'rustc', flags: ['--release', '--locked'], crates: [crate] },
    dependencies: {
      ...current.dependencies!,
      crates: [
        { name: 'bitflags', version: '1.3.2', source: 'registry' },
        { name: 'ferry', version: '0.4.0', source: 'path' },
        { name: 'ferry-core', version: '0.4.0', source: 'path' },
        { name: 'serde', version: '1.0.200', source: 'registry' },
      ],
      duplicates: [],
    },
  };
}

function baselineResults(analysis: Analysis = baselineAnalysis(), rustc = 'rustc 1.95.0'): Results {
  return makeResults({
    analysis,
    environment: { commit: 'b'.repeat(40), rustc },
    createdAt: '2026-05-04T09:00:00.000Z',
  });
}

const current = (): Results => makeResults({ analysis: makeAnalysis() });

describe('compareAnalysis', () => {
  it('measures the growth of the IR lines and names the functions that grew most, largest first', () => {
    const comparison = compareAnalysis(current(), baselineResults(), GATE)!;
    const [crate] = comparison.llvmLines;
    expect(crate).toMatchObject({
      packageName: 'ferry',
      currentLines: 48_210,
      baselineLines: 40_000,
      verdict: 'regression',
      reason: 'grew',
    });
    expect(crate!.change).toBeCloseTo(48_210 / 40_000 - 1, 12);
    expect(crate!.grown.map((item) => [item.name, item.currentLines - item.baselineLines])).toEqual([
      ['ferry::route::Router<S>::dispatch', 3_310],
      ['core::ptr::drop_in_place<T>', 1_120],
      ['ferry::main', 10],
    ]);
    expect(comparison.baselineCommit).toBe('b'.repeat(40));
  });

  it('lists the crates added and removed against the baseline', () => {
    const comparison = compareAnalysis(current(), baselineResults(), GATE)!;
    expect(comparison.dependencies).toEqual({
      added: [
        { name: 'bitflags', version: '2.6.0', source: 'registry' },
        { name: 'serde', version: '1.0.210', source: 'registry' },
      ],
      removed: [{ name: 'serde', version: '1.0.200', source: 'registry' }],
    });
  });

  it.each([
    { threshold: 0.25, verdict: 'pass', reason: 'within' },
    { threshold: 0.20525, verdict: 'pass', reason: 'within' },
    { threshold: 0.2, verdict: 'regression', reason: 'grew' },
    { threshold: null, verdict: 'pass', reason: 'not-gated' },
  ] as const)(
    'growth of 20.525 % against a threshold of $threshold: $verdict',
    ({ threshold, verdict, reason }) => {
      const comparison = compareAnalysis(current(), baselineResults(), {
        ...GATE,
        llvmLinesThreshold: threshold,
      });
      expect(comparison!.llvmLines[0]).toMatchObject({ verdict, reason });
    },
  );

  it('another rustc makes growth inconclusive, unless cross-machine baselines may decide', () => {
    const baseline = baselineResults(baselineAnalysis(), 'rustc 1.94.0');
    expect(compareAnalysis(current(), baseline, GATE)!.llvmLines[0]).toMatchObject({
      verdict: 'inconclusive',
      reason: 'toolchain',
    });
    expect(
      compareAnalysis(current(), baseline, { ...GATE, allowCrossMachine: true })!.llvmLines[0],
    ).toMatchObject({ verdict: 'regression', reason: 'grew' });
  });

  it('a baseline counted with other cargo flags, target or counter is another build: inconclusive', () => {
    const before = baselineAnalysis();
    const variants: Analysis[] = [
      { ...before, llvmLines: { ...before.llvmLines!, flags: ['--locked'] } },
      { ...before, llvmLines: { ...before.llvmLines!, counter: 'cargo-llvm-lines' } },
      { ...before, settings: { ...before.settings!, target: 'aarch64-unknown-linux-gnu' } },
    ];
    for (const analysis of variants) {
      expect(compareAnalysis(current(), baselineResults(analysis), GATE)!.llvmLines[0]).toMatchObject({
        verdict: 'inconclusive',
        reason: 'different-build',
      });
    }
  });

  it('against the base built in the same run, a toolchain change is the pull request own: it counts', () => {
    const baseline = baselineResults(baselineAnalysis(), 'rustc 1.94.0');
    expect(compareAnalysis(current(), baseline, GATE, true)!.llvmLines[0]).toMatchObject({
      verdict: 'regression',
      reason: 'grew',
    });
  });

  it('a crate the baseline did not count passes, saying so; no analysis in this run is nothing to compare', () => {
    const other = baselineCrate({ packageName: 'ferry-core', target: 'lib' });
    const comparison = compareAnalysis(current(), baselineResults(baselineAnalysis(other)), GATE)!;
    expect(comparison.llvmLines[0]).toMatchObject({
      baselineLines: null,
      verdict: 'pass',
      reason: 'not-in-baseline',
    });
    expect(compareAnalysis(makeResults({ analysis: null }), baselineResults(), GATE)).toBeNull();
    expect(compareAnalysis(current(), null, GATE)!.dependencies).toBeNull();
  });

  it('a function missing from a cut baseline list is not claimed to have grown from zero', () => {
    const cut = baselineCrate({ functionCount: 900 });
    const trimmed = { ...cut, functions: cut.functions.filter((item) => item.name !== 'ferry::main') };
    const comparison = compareAnalysis(current(), baselineResults(baselineAnalysis(trimmed)), GATE)!;
    expect(comparison.llvmLines[0]!.grown.map((item) => item.name)).not.toContain('ferry::main');
    const complete = { ...trimmed, functionCount: 3 };
    const fromZero = compareAnalysis(current(), baselineResults(baselineAnalysis(complete)), GATE)!;
    expect(fromZero.llvmLines[0]!.grown.find((item) => item.name === 'ferry::main')).toMatchObject({
      baselineLines: 0,
      currentLines: 410,
    });
  });
});

describe('the gate with IR lines', () => {
  it('an IR regression fails the step even when every scenario passes, and says why', () => {
    const results = current();
    const baseline = baselineResults();
    const compared = compareWithBaseline(
      results,
      { schemaVersion: 1, id: results.id, history: [baseline] },
      GATE,
      new Date(),
    );
    // Every scenario passes (one history run could not earn that: the timing is set so here).
    const timing = {
      ...compared,
      verdict: 'pass' as const,
      scenarios: compared.scenarios.map((item) => ({
        ...item,
        verdict: 'pass' as const,
        reason: 'within' as const,
      })),
    };
    const comparison = withAnalysis(timing, compareAnalysis(results, baseline, GATE));
    expect(comparison.verdict).toBe('regression');
    expect(gateFails(comparison, 'regression')).toBe(true);
    expect(describeGateFailure(comparison)).toBe(
      "The crates generate more LLVM IR than input 'llvm-lines-threshold' allows:\n" +
        '- LLVM IR lines of ferry (bin ferry): 40000 → 48210, +20.5 %, threshold 10%: regression',
    );
  });

  it('names the IR lines in the headline when they fail and the timing is only inconclusive', () => {
    const results = current();
    const timing = compareWithBaseline(results, null, GATE, new Date());
    const inconclusive = {
      ...timing,
      verdict: 'inconclusive' as const,
      scenarios: timing.scenarios.map((item) => ({ ...item, verdict: 'inconclusive' as const })),
    };
    const comparison = withAnalysis(inconclusive, compareAnalysis(results, baselineResults(), GATE));
    expect(comparison.verdict).toBe('regression');
    expect(describeGateFailure(comparison)).toMatch(
      /^The crates generate more LLVM IR than input 'llvm-lines-threshold' allows:\n/,
    );
  });

  it('renders the analysis with its comparison (golden)', async () => {
    const results = makeResults({
      analysis: makeAnalysis(),
      environment: makeEnvironment({ cargoIncremental: '0' }),
    });
    const baseline = baselineResults();
    const timing = compareWithBaseline(
      results,
      { schemaVersion: 1, id: results.id, history: [baseline] },
      GATE,
      new Date('2026-05-04T15:00:00.000Z'),
    );
    const comparison = withAnalysis(timing, compareAnalysis(results, baseline, GATE));
    const report = renderReport(results, {
      gate: { comparison, absence: null, saveNote: null, failOn: 'regression' },
    });
    await expectGolden('report-analysis.md', report);
    expect(report).toContain('### Why builds are slow');
  });

  it('renders the analysis of a run without a baseline, problems included (golden)', async () => {
    const results = makeResults({
      analysis: makeAnalysis({
        problems: [
          "Could not count the LLVM IR lines of 'ferry-cli': cargo rustc failed with exit code 101.",
        ],
      }),
    });
    await expectGolden('report-analysis-no-baseline.md', renderReport(results));
  });
});
