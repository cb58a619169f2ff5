/**
 * The reports pinned as golden files (test/golden/report-*.md), built from the results fixture: what a reviewer
 * reads, and what test/report/report-rendering.test.ts renders in Chromium as GitHub would.
 */
import type { GateConfig, Scenario } from '../../src/config/config.js';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import { compareWithBaseline } from '../../src/gate/compare.js';
import { compareCrates } from '../../src/gate/compare-crates.js';
import type { Results, Sample } from '../../src/results/results.js';
import { renderReport } from '../../src/report/render-report.js';
import { computeSpeedups, summarizeSamples } from '../../src/stats/summarize.js';
import {
  fixtureSpeedupRules,
  makeLinkerChecks,
  makeResults,
  makeSamples,
  type ResultsOverrides,
} from './results-fixture.js';

/** A clean build with GNU ld that fails in its first round: a missing system library. */
export function failedResults(): Results {
  const samples: Sample[] = makeSamples({ scenarios: ['clean'], cleanRuns: 1 }).map((sample) =>
    sample.variant === 'bfd'
      ? { ...sample, wallMs: 31_870, cpuMs: 104_310, linkMs: 212, linkCount: 1, exitCode: 101 }
      : sample,
  );
  return makeResults({
    status: 'failed',
    samples,
    rounds: [
      { scenario: 'clean', rounds: 1, stoppedBy: 'failed', undecided: ['mold vs default', 'lld vs default'] },
    ],
    linkers: makeLinkerChecks(['default', 'mold', 'lld']),
    failure: {
      scenario: 'clean',
      variant: 'bfd',
      phase: 'sample',
      command: 'cargo build --release --locked',
      exitCode: 101,
      message: 'The build exited with code 101.',
      outputTail: [
        '   Compiling ferry v0.7.2 (/home/runner/work/ferry/ferry)',
        'error: linking with `/home/runner/work/ferry/ferry/target/build-bench/shim/link-shim` failed: exit status: 1',
        '  |',
        '  = note: "/home/runner/work/ferry/ferry/target/build-bench/shim/link-shim" "-m64" ... "-o" "target/build-bench/bfd/release/deps/ferry-3f1c0d2a9b8e7f61"',
        '  = note: /usr/bin/ld: cannot find -lzstd: No such file or directory',
        '          collect2: error: ld returned 1 exit status',
        '',
        'error: could not compile `ferry` (bin "ferry") due to 1 previous error',
      ].join('\n'),
    },
  });
}

/** Everything from outside is hostile; bfd was linked by LLD, so it has no numbers. */
export function hostileResults(): Results {
  const plan = { scenarios: ['incremental', 'noop'], variants: ['default', 'mold', 'bfd'], runs: 2 } as const;
  const samples = makeSamples(plan).map((sample) =>
    sample.variant === 'mold'
      ? { ...sample, cpuMs: null, peakRssKb: null, linkMs: null, linkCount: null }
      : sample,
  );
  const trusted = samples.filter((sample) => sample.variant !== 'bfd');
  const summaries = summarizeSamples(trusted, plan.scenarios, plan.variants);
  const hostileFiles = [
    'src/we|ird`name`.rs',
    'src/<script>alert(1)</script>.rs',
    'src/line\nbreak.rs',
    'src/**bold**_x_ [link](http://evil.example).rs',
    'src/``` fence.rs',
  ];
  return makeResults({
    id: 'pr-42 | <img src=x onerror=alert(1)> `id`\n# injected heading',
    status: 'failed',
    plan,
    samples,
    summaries,
    speedups: computeSpeedups(trusted, summaries, fixtureSpeedupRules({ ...plan, cleanRuns: 2, maxRuns: 2 })),
    touchedFiles: hostileFiles,
    notes: [
      '- not a nested list',
      '# not a heading',
      'Saw $HOME and <b>bold</b> and [x](javascript:alert(1)) | pipe',
    ],
    linkers: [
      ...makeLinkerChecks(['default']),
      { ...makeLinkerChecks(['mold'])[0]!, files: hostileFiles },
      { variant: 'bfd', linker: 'LLD 20.1.8 <b>|</b>', family: 'lld', files: ['out/a|b'], verified: false },
    ],
    environment: {
      cpuModel: 'Intel(R) Xeon(R) | <i>CPU</i> @ 2.20GHz',
      os: 'Linux\n6.8 `uname`',
      rustc: null,
      cargo: null,
      command: "make -j4 CFLAGS='-O2 `echo hi`' | tee build.log\necho done",
      commit: null,
      event: 'pull_request_target <script>',
    },
    failure: {
      scenario: 'noop',
      variant: 'bfd',
      phase: 'verify',
      command: 'make `whoami` | cat',
      exitCode: null,
      message: 'Timed out\nafter 600 s | <script>alert(1)</script>',
      outputTail:
        '\u001b[31merror\u001b[0m: ```` not a fence\r\n</details>\n<script>alert(1)</script>\n```\n',
    },
  });
}

/**
 * The fixture's samples (with crate times) with one scenario of the default variant `factor` times as slow; the
 * crate `slowCrate` takes all of the extra time.
 */
export function slowerResults(
  scenario: Scenario,
  factor: number,
  overrides: ResultsOverrides = {},
  slowCrate = 'ferry 0.4.0 (bin ferry)',
): Results {
  const samples = makeSamples({ ...overrides.plan, crates: true }).map((sample) =>
    sample.scenario === scenario && sample.variant === 'default'
      ? slowDown(sample, factor, slowCrate)
      : sample,
  );
  return makeResults({ ...overrides, samples });
}

/** One build `factor` times as slow, the extra time all in one crate's compile time. */
export function slowDown(sample: Sample, factor: number, crate: string): Sample {
  const extraMs = sample.wallMs * (factor - 1);
  const crateMs = sample.crateMs;
  const slowed =
    crateMs?.[crate] === undefined ? crateMs : { ...crateMs, [crate]: Math.round(crateMs[crate] + extraMs) };
  return { ...sample, wallMs: Math.round(sample.wallMs * factor), crateMs: slowed };
}

export const GATE: GateConfig = {
  thresholds: parseThreshold('incremental: 10%, clean: 5% or 30s'),
  failOn: 'regression',
  allowCrossMachine: false,
  llvmLinesThreshold: null,
};
export const COMPARED_AT = new Date('2026-05-04T15:40:00.000Z');

/** A pull request 30 % slower on incremental builds, against a baseline with four runs of history. */
export function regressionReport(): string {
  const history = [1, 1.02, 0.99, 1.01].map((factor, index) =>
    slowerResults('incremental', factor, {
      createdAt: `2026-05-0${4 - index}T09:12:44.000Z`,
      environment: { commit: `${index}f3c2e71b04d5a8e6c1f2b3a4d5e6f708192a3b4` },
    }),
  );
  const current = slowerResults('incremental', 1.3, {
    createdAt: COMPARED_AT.toISOString(),
    environment: { ref: 'refs/pull/42/merge', event: 'pull_request' },
  });
  const comparison = {
    ...compareWithBaseline(current, { schemaVersion: 1, id: current.id, history }, GATE, COMPARED_AT),
    crates: compareCrates(current, { kind: 'history', results: history }, GATE),
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

/** A slowdown against a baseline from another CPU (whose ref is hostile): at most inconclusive. */
function crossMachineReport(): string {
  const baseline = makeResults({
    environment: { cpuModel: 'Intel(R) Xeon(R) Platinum 8370C | <b>x</b>', ref: 'refs/heads/a|b`c`' },
  });
  const current = slowerResults('clean', 1.2, { plan: { scenarios: ['clean'] } });
  const comparison = compareWithBaseline(
    current,
    { schemaVersion: 1, id: current.id, history: [baseline, baseline, baseline] },
    GATE,
    COMPARED_AT,
  );
  return renderReport(current, {
    gate: { comparison, absence: null, saveNote: null, failOn: 'inconclusive' },
  });
}

function noBaselineReport(): string {
  const current = makeResults({ plan: { scenarios: ['incremental'] } });
  return renderReport(current, {
    gate: {
      comparison: compareWithBaseline(current, null, GATE, COMPARED_AT),
      absence: 'No baseline yet: a run on the default branch saves one, and later runs compare with it.',
      saveNote:
        'Baseline saved as build-bench-baseline-v1-linux-x64-ferry-release~123-1-1777900000000 (a push run on the default branch main), 1 result(s) in its history.',
      failOn: 'regression',
    },
  });
}

/** mold against the toolchain's default over six paired rounds: clearly faster where linking matters. */
function moldFasterReport(): string {
  const plan = { variants: ['default', 'mold'], runs: 6, cleanRuns: 6 } as const;
  const baseline = makeResults({ plan, createdAt: '2026-05-04T13:40:00.000Z' });
  const current = makeResults({
    plan,
    createdAt: COMPARED_AT.toISOString(),
    environment: {
      ref: 'refs/pull/42/merge',
      event: 'pull_request',
      pullRequest: { number: 42, headSha: 'c0ffee5d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b' },
    },
  });
  const comparison = compareWithBaseline(
    current,
    { schemaVersion: 1, id: current.id, history: [baseline, baseline, baseline] },
    GATE,
    COMPARED_AT,
  );
  return renderReport(current, {
    gate: {
      comparison,
      absence: null,
      saveNote: 'Baseline not saved: a pull_request run only reads the baseline.',
      failOn: 'regression',
    },
    runUrl: 'https://github.com/ferry-rs/ferry/actions/runs/14872310934/attempts/1',
  });
}

/**
 * Two rounds, all `max-runs` allows: lld and default stay undecided, and the advice says to raise `max-runs`. In
 * noop the default build failed, so nothing is compared there.
 */
function tooFewRoundsReport(): string {
  const plan = { variants: ['default', 'mold', 'lld'], runs: 2, cleanRuns: 2, maxRuns: 2 } as const;
  const samples = makeSamples(plan).map((sample) =>
    sample.scenario === 'noop' && sample.variant === 'default' ? { ...sample, exitCode: 101 } : sample,
  );
  const current = makeResults({ plan, samples });
  return renderReport(current, {
    gate: {
      comparison: compareWithBaseline(current, null, GATE, COMPARED_AT),
      absence: 'No baseline yet: a run on the default branch saves one, and later runs compare with it.',
      saveNote: null,
      failOn: 'regression',
    },
  });
}

/** The regression report under a cap so small that the details fold away. */
function foldedReport(): string {
  const current = slowerResults('incremental', 1.3, { touchedFiles: ['src/main.rs', 'src/lib.rs'] });
  const history = [1, 1.02, 0.99].map((factor) => slowerResults('incremental', factor));
  const comparison = compareWithBaseline(
    current,
    { schemaVersion: 1, id: current.id, history },
    GATE,
    COMPARED_AT,
  );
  return renderReport(current, {
    gate: { comparison, absence: null, saveNote: null, failOn: 'regression' },
    runUrl: 'https://github.com/ferry-rs/ferry/actions/runs/14872310934',
    maxBytes: FOLDED_MAX_BYTES,
  });
}
const FOLDED_MAX_BYTES = 4_000;

export interface ReportCase {
  readonly golden: string;
  readonly render: () => string;
}

export const REPORT_CASES: readonly ReportCase[] = [
  { golden: 'report-complete.md', render: () => renderReport(makeResults({ plan: { crates: true } })) },
  { golden: 'report-failed.md', render: () => renderReport(failedResults()) },
  { golden: 'report-escaping.md', render: () => renderReport(hostileResults()) },
  { golden: 'report-regression.md', render: regressionReport },
  { golden: 'report-cross-machine.md', render: crossMachineReport },
  { golden: 'report-no-baseline.md', render: noBaselineReport },
  { golden: 'report-mold-faster.md', render: moldFasterReport },
  { golden: 'report-too-few-rounds.md', render: tooFewRoundsReport },
  { golden: 'report-folded.md', render: foldedReport },
];
