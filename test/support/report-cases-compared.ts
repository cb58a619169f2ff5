/**
 * Golden reports of each kind of comparison the gate makes: the pull request's base built in the same run, the
 * cached history of earlier runs, and one earlier run's results file, with the rounds each took.
 */
import type { GateConfig, Scenario } from '../../src/config/config.js';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import { compareWithBaseline, selectHistory } from '../../src/gate/compare.js';
import { compareWithBase } from '../../src/gate/compare-base.js';
import { compareCrates } from '../../src/gate/compare-crates.js';
import { compareWithFile } from '../../src/gate/compare-file.js';
import type { Results, RoundsRecord, Sample } from '../../src/results/results.js';
import { renderReport } from '../../src/report/render-report.js';
import type { ReportCase } from './report-cases.js';
import { COMPARED_AT, slowDown } from './report-cases.js';
import { makeResults, makeSamples, type ResultsOverrides } from './results-fixture.js';

const GATE_5: GateConfig = {
  thresholds: parseThreshold('5%'),
  failOn: 'regression',
  allowCrossMachine: false,
  llvmLinesThreshold: null,
};

const BASE_SHA = '83c2b7f4e1d09a6b5c3f2e1d0c9b8a7f6e5d4c3b';
const PULL_REQUEST = {
  ref: 'refs/pull/42/merge',
  event: 'pull_request',
  pullRequest: { number: 42, headSha: 'c0ffee5d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b' },
};

/** The head's builds of one scenario slowed round by round by `factors` (cycled), the time added to one crate. */
function slowHead(
  samples: readonly Sample[],
  scenario: Scenario,
  factors: readonly number[],
  crate: string,
): Sample[] {
  return samples.map((sample) =>
    sample.scenario === scenario && sample.variant === 'default'
      ? slowDown(sample, factors[sample.round % factors.length]!, crate)
      : sample,
  );
}

/** Head and base built on one runner, 7 rounds: the head's incremental builds about 30 % slower, all in one crate. */
function baseRegressionReport(): string {
  const plan = {
    scenarios: ['clean', 'incremental', 'noop'],
    variants: ['default', 'mold'],
    runs: 5,
    cleanRuns: 2,
    maxRuns: 20,
  } as const;
  const base = makeResults({ plan: { ...plan, scenarios: ['incremental', 'noop'], crates: true } });
  const samples = slowHead(
    makeSamples({ ...plan, runs: 7, crates: true }),
    'incremental',
    [1.29, 1.33, 1.27, 1.31],
    'ferry 0.4.0 (bin ferry)',
  );
  const baseSamples = makeSamples({ ...plan, scenarios: ['incremental', 'noop'], runs: 7, crates: true });
  const head = makeResults({
    plan,
    samples,
    environment: PULL_REQUEST,
    createdAt: COMPARED_AT.toISOString(),
  });
  const baseResults: Results = { ...base, samples: baseSamples };
  const rounds: RoundsRecord[] = [
    { scenario: 'clean', rounds: 2, stoppedBy: 'time-budget', undecided: ['mold vs default'] },
    { scenario: 'incremental', rounds: 7, stoppedBy: 'decided', undecided: [] },
    { scenario: 'noop', rounds: 7, stoppedBy: 'decided', undecided: [] },
  ];
  const current = { ...head, rounds };
  const comparison = {
    ...compareWithBase(
      current,
      { commit: BASE_SHA, ref: 'main', results: baseResults, failure: null },
      GATE_5,
    ),
    crates: compareCrates(current, { kind: 'pairs', results: [baseResults] }, GATE_5),
  };
  return renderReport(current, {
    gate: { comparison, absence: null, saveNote: null, failOn: 'regression' },
    runUrl: 'https://github.com/ferry-rs/ferry/actions/runs/14872310934',
  });
}

/** Six cached runs: four of this machine, one of another CPU, one of another toolchain. The pull request passes. */
function cacheHistoryReport(): string {
  const plan = {
    scenarios: ['incremental', 'noop'],
    variants: ['default'],
    runs: 5,
    maxRuns: 20,
    crates: true,
  } as const;
  const entry = (
    index: number,
    factor: number,
    environment: ResultsOverrides['environment'] = {},
  ): Results => {
    const samples = slowHead(makeSamples({ ...plan }), 'incremental', [factor], 'ferry 0.4.0 (bin ferry)');
    return makeResults({
      plan,
      samples,
      createdAt: `2026-05-0${4 - Math.floor(index / 2)}T0${index}:12:44.000Z`,
      environment: { commit: `${index}a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3`, ...environment },
    });
  };
  const history = [
    entry(0, 1.0),
    entry(1, 0.97, { cpuModel: 'Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz' }),
    entry(2, 1.02),
    entry(3, 0.99),
    entry(4, 1.01, { rustc: 'rustc 1.94.1' }),
    entry(5, 1.0),
  ];
  const samples = slowHead(
    makeSamples({ ...plan, runs: 7 }),
    'incremental',
    [1.02, 1.01, 1.03],
    'ferry 0.4.0 (bin ferry)',
  );
  const rounds: RoundsRecord[] = [
    { scenario: 'incremental', rounds: 7, stoppedBy: 'decided', undecided: [] },
    { scenario: 'noop', rounds: 5, stoppedBy: 'decided', undecided: [] },
  ];
  const current = makeResults({
    plan,
    samples,
    rounds,
    environment: PULL_REQUEST,
    createdAt: COMPARED_AT.toISOString(),
  });
  const comparison = {
    ...compareWithBaseline(current, { schemaVersion: 1, id: current.id, history }, GATE_5, COMPARED_AT),
    crates: compareCrates(
      current,
      { kind: 'history', results: selectHistory(current.environment, history, false).entries },
      GATE_5,
    ),
  };
  return renderReport(current, {
    gate: {
      comparison,
      absence: null,
      saveNote: 'Baseline not saved: a pull_request run only reads the baseline.',
      failOn: 'regression',
    },
  });
}

/** The edit scenario next to the others, against an earlier run's results file on the same machine: a pass. */
function editReport(): string {
  const plan = {
    scenarios: ['incremental', 'edit', 'noop'],
    variants: ['default', 'mold'],
    runs: 6,
    maxRuns: 12,
    crates: true,
  } as const;
  const earlier = makeResults({
    plan,
    createdAt: '2026-05-04T14:58:00.000Z',
    environment: { commit: 'b7e3a91c0d2f4e6a8b1c3d5e7f90a2b4c6d8e0f1' },
  });
  const current = makeResults({
    plan,
    createdAt: COMPARED_AT.toISOString(),
    environment: { event: null, ref: null },
  });
  const comparison = {
    ...compareWithFile(current, earlier, 'target/build-bench/before.json', GATE_5, COMPARED_AT),
    crates: compareCrates(current, { kind: 'file', results: [earlier] }, GATE_5),
  };
  return renderReport(current, { gate: { comparison, absence: null, saveNote: null, failOn: 'regression' } });
}

/**
 * The time budget ran out after 6 rounds: the head's incremental builds are about 7 % slower, but the pairs vary too
 * much to tell it from a change of half the threshold, and mold against default is still undecided.
 */
function timeBudgetReport(): string {
  const plan = {
    scenarios: ['incremental'],
    variants: ['default', 'mold'],
    runs: 5,
    maxRuns: 30,
    timeBudgetMs: 900_000,
  } as const;
  const noisyMold = makeSamples({ ...plan, runs: 6 }).map((sample) =>
    sample.variant === 'mold'
      ? { ...sample, wallMs: Math.round(sample.wallMs * [1.5, 1.1, 1.62, 1.2, 1.45, 1.3][sample.round]!) }
      : sample,
  );
  const samples = slowHead(
    noisyMold,
    'incremental',
    [1.02, 1.14, 1.01, 1.12, 1.04, 1.1],
    'ferry 0.4.0 (bin ferry)',
  );
  const baseSamples = makeSamples({ ...plan, variants: ['default'], runs: 6 });
  const head = makeResults({
    plan,
    samples,
    environment: PULL_REQUEST,
    createdAt: COMPARED_AT.toISOString(),
  });
  const rounds: RoundsRecord[] = [
    {
      scenario: 'incremental',
      rounds: 6,
      stoppedBy: 'time-budget',
      undecided: ['head vs base', 'mold vs default'],
    },
  ];
  const current = { ...head, rounds };
  const base = makeResults({ plan: { ...plan, variants: ['default'] }, samples: baseSamples });
  const comparison = compareWithBase(
    current,
    { commit: BASE_SHA, ref: 'main', results: base, failure: null },
    GATE_5,
  );
  return renderReport(current, {
    gate: { comparison, absence: null, saveNote: null, failOn: 'inconclusive' },
  });
}

export const COMPARED_REPORT_CASES: readonly ReportCase[] = [
  { golden: 'report-base-regression.md', render: baseRegressionReport },
  { golden: 'report-cache-history.md', render: cacheHistoryReport },
  { golden: 'report-edit.md', render: editReport },
  { golden: 'report-time-budget.md', render: timeBudgetReport },
];
