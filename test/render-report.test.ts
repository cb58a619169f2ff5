import { describe, expect, it } from 'vitest';
import type { GateConfig, Scenario, Variant } from '../src/config/config.js';
import { parseThreshold } from '../src/config/parse-threshold.js';
import { compareWithBaseline } from '../src/gate/compare.js';
import type { BuildFailure, LinkerCheck, Results, Sample, Speedup } from '../src/results/results.js';
import { formatSavingsInterval } from '../src/report/format-numbers.js';
import { COMMENT_MAX_BYTES, renderReport } from '../src/report/render-report.js';
import { computeSpeedups, summarizeSamples } from '../src/stats/summarize.js';
import {
  makeLinkerChecks,
  makeResults,
  makeSamples,
  type ResultsOverrides,
} from './support/results-fixture.js';
import { expectGolden } from './support/golden.js';

/** A clean build with GNU ld that fails in its first round: a missing system library. */
function failedResults(): Results {
  const samples: Sample[] = makeSamples({ scenarios: ['clean'], cleanRuns: 1 }).map((sample) =>
    sample.variant === 'bfd'
      ? { ...sample, wallMs: 31_870, cpuMs: 104_310, linkMs: 212, linkCount: 1, exitCode: 101 }
      : sample,
  );
  return makeResults({
    status: 'failed',
    samples,
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
function hostileResults(): Results {
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
    speedups: computeSpeedups(trusted, summaries),
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

/** The fixture's samples with one scenario of the default variant `factor` times as slow. */
function slowerResults(scenario: Scenario, factor: number, overrides: ResultsOverrides = {}): Results {
  const samples = makeSamples().map((sample) =>
    sample.scenario === scenario && sample.variant === 'default'
      ? { ...sample, wallMs: Math.round(sample.wallMs * factor) }
      : sample,
  );
  return makeResults({ ...overrides, samples });
}

const GATE: GateConfig = {
  thresholds: parseThreshold('incremental: 10%, clean: 5% or 30s'),
  failOn: 'regression',
  allowCrossMachine: false,
  llvmLinesThreshold: null,
};
const COMPARED_AT = new Date('2026-05-04T15:40:00.000Z');

/** A pull request 30 % slower on incremental builds, against a baseline with four runs of history. */
function regressionReport(): string {
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
  const comparison = compareWithBaseline(
    current,
    { schemaVersion: 1, id: current.id, history },
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

/** Four rounds give an 87.5 % interval: no claim. In noop the default build failed, so nothing is compared. */
function tooFewRoundsReport(): string {
  const plan = { variants: ['default', 'mold', 'lld'], runs: 4, cleanRuns: 4 } as const;
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

const REPORTS: readonly { readonly golden: string; readonly render: () => string }[] = [
  { golden: 'report-complete.md', render: () => renderReport(makeResults()) },
  { golden: 'report-failed.md', render: () => renderReport(failedResults()) },
  { golden: 'report-escaping.md', render: () => renderReport(hostileResults()) },
  { golden: 'report-regression.md', render: regressionReport },
  { golden: 'report-cross-machine.md', render: crossMachineReport },
  { golden: 'report-no-baseline.md', render: noBaselineReport },
  { golden: 'report-mold-faster.md', render: moldFasterReport },
  { golden: 'report-too-few-rounds.md', render: tooFewRoundsReport },
  { golden: 'report-folded.md', render: foldedReport },
];

/** Cells of a table row: pipes count unless backslash-escaped (GFM's rule, even inside code spans). */
function cellCount(row: string): number {
  return row.split(/(?<!\\)(?:\\\\)*\|/).length - 2;
}

/** The report without fenced code blocks (quoted or not) and code spans, where `<` is literal anyway. */
function withoutCode(markdown: string): string {
  return markdown
    .replace(/^(> )?(`{3,})text\n[\s\S]*?^\1\2$/gm, '')
    .replace(/(?<![\\`])(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

describe('renderReport', () => {
  it.each(REPORTS)('matches test/golden/$golden', async ({ golden, render }) => {
    await expectGolden(golden, render());
  });

  it.each(REPORTS)('$golden: never prints a missing number', ({ render }) => {
    expect(render()).not.toMatch(/\b(?:null|undefined|NaN|Infinity)\b/);
  });

  it.each(REPORTS)('$golden: every table row has as many cells as its header', ({ render }) => {
    const lines = render().split('\n');
    let headerCells = 0;
    for (const [index, line] of lines.entries()) {
      if (!line.startsWith('|')) continue;
      if (!lines[index - 1]?.startsWith('|')) headerCells = cellCount(line);
      expect(cellCount(line), line).toBe(headerCells);
    }
  });

  it('leaves no raw HTML but its own from outside values', () => {
    const prose = withoutCode(renderReport(hostileResults()));
    expect(prose).toContain('\\<script\\>');
    expect(prose).not.toMatch(/(?<!\\)<(?!\/?(?:details|summary)>)/);
  });

  it('uses the title given instead of the id', () => {
    expect(renderReport(makeResults(), { title: 'Linker comparison' })).toMatch(/^## Linker comparison\n/);
  });

  it('says so when a failed run recorded no failure', () => {
    const report = renderReport(makeResults({ status: 'failed', failure: null }));
    expect(report).toContain(
      '> [!CAUTION]\n> **The benchmark failed**, and no details of the failure were recorded.',
    );
  });
});

describe('a base that could not be measured', () => {
  const gateWith = (baseFailure: BuildFailure) => ({
    comparison: { baseline: null, scenarios: [], verdict: 'inconclusive' as const, allowCrossMachine: false },
    absence: null,
    saveNote: null,
    failOn: 'regression' as const,
    baseFailure,
  });
  const failure: BuildFailure = {
    scenario: 'incremental',
    variant: 'default',
    phase: 'prepare',
    command: 'cargo build',
    exitCode: null,
    outputTail: '',
    message: 'Base: `cargo metadata` failed with exit code 101',
  };

  it('says why when nothing ran, naming no build that never happened', () => {
    const report = renderReport(makeResults(), { gate: gateWith(failure) });
    expect(report).toContain(
      '> **The base could not be measured**: \\`cargo metadata\\` failed with exit code 101',
    );
    expect(report).not.toContain('build of the');
    expect(report).not.toContain('Base: ');
  });

  it('names the build and its exit code when one failed', () => {
    const built = { ...failure, phase: 'sample' as const, exitCode: 101, outputTail: 'error[E0308]' };
    const report = renderReport(makeResults(), { gate: gateWith(built) });
    expect(report).toContain(
      'the `default` build of the `incremental` scenario failed in a measured build, with exit code 101',
    );
  });
});

describe('renderReport sections', () => {
  const sectionHeadings = (report: string): string[] =>
    report.split('\n').filter((line) => /^#{2,3} |^<details><summary>|^\*\*Notes\*\*/.test(line));

  it('puts verdict, scenarios, variants, charts, notes and details in that order', () => {
    expect(sectionHeadings(regressionReport())).toEqual([
      '## build-bench: ferry-release',
      '### Verdict: ❌ regression',
      '### What the other linkers would save',
      '### Advice',
      '### Median build times',
      '**Notes**',
      '<details><summary>Baseline: measured 6 h ago</summary>',
      '<details><summary>Environment</summary>',
      '<details><summary>Full statistics of every scenario and variant</summary>',
      '<details><summary>Linker checks: 4 of 4 verified, read from the executables</summary>',
      '<details><summary>Touched by the incremental scenario: 1 file</summary>',
      '<details><summary>All 32 samples · runs: 3 (clean: 2) · warm-up builds: 1, not recorded</summary>',
    ]);
  });

  it('leaves out the variant comparison when only default was measured', () => {
    const report = renderReport(makeResults({ plan: { variants: ['default'] } }));
    expect(report).not.toContain('What the other linkers would save');
    expect(report).toContain('x-axis [default]');
    expect(report).not.toContain('baseline');
  });

  it('leaves out the charts when nothing was measured', () => {
    const report = renderReport(makeResults({ status: 'failed', samples: [] }));
    expect(report).not.toContain('```mermaid');
    expect(report).not.toContain('What the other linkers would save');
    expect(report).toContain('| clean | — | — |');
  });

  it('charts each scenario in its own unit: seconds from 10 s, else milliseconds', () => {
    const charts = [...regressionReport().matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((match) => match[1]);
    expect(charts).toHaveLength(3);
    for (const chart of charts) {
      expect(chart).toMatch(
        /^xychart-beta\n {4}title "\w+ builds: median wall time in (ms|s)"\n {4}x-axis \[[\w, -]+\]\n {4}y-axis "(ms|s)" 0 --> [\d.]+\n {4}bar \[[\d., ]+\]$/,
      );
      const labels = /x-axis \[(.*)\]/.exec(chart!)![1]!.split(', ');
      const values = /bar \[(.*)\]/.exec(chart!)![1]!.split(', ').map(Number);
      expect(values).toHaveLength(labels.length);
      expect(Math.max(...values)).toBeLessThanOrEqual(Number(/--> ([\d.]+)/.exec(chart!)![1]));
    }
    expect(charts[0]).toContain('y-axis "s"');
    expect(charts[2]).toContain('y-axis "ms"');
  });

  it('says "costs" for a variant slower than default', () => {
    expect(regressionReport()).toContain('| incremental | bfd | 13.5 s | costs 5.39 s | costs 66.7 % |');
  });

  it('links the workflow run on the last line', () => {
    const url = 'https://github.com/o/r/actions/runs/1?check_suite_focus=true#step:4:12';
    expect(renderReport(makeResults(), { runUrl: url })).toMatch(/\n\n\[Workflow run\]\(https:\S+\)\n$/);
  });

  it.each([
    'javascript:alert(1)',
    'https://example.com/a b',
    'https://example.com/a)b',
    'https://example.com/<b>',
    'https://example.com/\n# heading',
    'ftp://example.com/run',
    'https://',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('leaves out a run URL that could break the link: %s', (runUrl) => {
    expect(renderReport(makeResults(), { runUrl })).not.toContain('Workflow run');
  });

  it('exports the comment cap', () => {
    expect(COMMENT_MAX_BYTES).toBe(65_536);
  });
});

/** Clean builds of `default` and `mold`, round by round, with the wall times given (in seconds). */
function pairedResults(defaultSeconds: readonly number[], moldSeconds: readonly number[]): Results {
  const plan = {
    scenarios: ['clean'],
    variants: ['default', 'mold'],
    cleanRuns: defaultSeconds.length,
  } as const;
  const samples = makeSamples(plan).map((sample) => {
    const seconds = sample.variant === 'default' ? defaultSeconds : moldSeconds;
    return { ...sample, wallMs: seconds[sample.round]! * 1000 };
  });
  return makeResults({ plan, samples });
}

/** The report's row of the variant table for one scenario × variant. */
function variantRow(report: string, scenario: Scenario, variant: Variant): string {
  const table = report.split('### What the other linkers would save')[1]!.split('\n\n')[1]!;
  return table.split('\n').find((line) => line.startsWith(`| ${scenario} | ${variant} |`))!;
}

describe('what the other linkers would save', () => {
  it('takes the time saved and its share from the same paired estimate', () => {
    // Medians 20 s and 19 s, but the per-round ratios 0.32, 2.22 and 1.58 have the median 1.58: 36.7 % saved.
    const report = renderReport(pairedResults([10, 20, 30], [31, 9, 19]));
    expect(variantRow(report, 'clean', 'mold')).toBe(
      '| clean | mold | 19.0 s | 7.33 s | 36.7 % | too few rounds to tell · 75 % CI: ' +
        'costs 42.0 s (210.0 %) to saves 11.0 s (55.0 %) | ✅ mold 2.40.4 |',
    );
  });

  it.each([
    {
      name: 'a clear saving, with the time interval as default median × the share bounds',
      defaultSeconds: [40, 40.4, 39.8, 40.2, 40.1, 39.9],
      moldSeconds: [36, 36.5, 35.9, 36.1, 36.4, 36.0],
      row: '| clean | mold | 36.0 s | 3.92 s | 9.8 % | 96 % CI: saves 3.69–4.09 s (9.2–10.2 %) | ✅ mold 2.40.4 |',
    },
    {
      name: 'a clear cost, in words rather than signs',
      defaultSeconds: [10, 10.1, 9.9, 10, 10.2, 9.8],
      moldSeconds: [10.5, 10.7, 10.4, 10.6, 10.8, 10.3],
      row: '| clean | mold | 10.6 s | costs 549 ms | costs 5.5 % | 96 % CI: costs 500–600 ms (5.0–6.0 %) | ✅ mold 2.40.4 |',
    },
    {
      name: 'an interval that includes 0: no clear difference, from a cost to a saving',
      defaultSeconds: [10, 10, 10, 10, 10, 10],
      moldSeconds: [10.2, 9.9, 10.1, 9.8, 10, 9.95],
      row:
        '| clean | mold | 9.97 s | 25 ms | 0.3 % | no clear difference · 96 % CI: ' +
        'costs 200 ms (2.0 %) to saves 200 ms (2.0 %) | ✅ mold 2.40.4 |',
    },
    {
      name: 'a single round: no interval',
      defaultSeconds: [10],
      moldSeconds: [8],
      row: '| clean | mold | 8.00 s | 2.00 s | 20.0 % | (no interval) | ✅ mold 2.40.4 |',
    },
  ])('$name', ({ defaultSeconds, moldSeconds, row }) => {
    expect(variantRow(renderReport(pairedResults(defaultSeconds, moldSeconds)), 'clean', 'mold')).toBe(row);
  });

  const moldSpeedup = (results: Results, overrides: Partial<Speedup>): Results => ({
    ...results,
    speedups: results.speedups.map((speedup) => ({ ...speedup, ...overrides })),
  });

  it('falls back to the ratio of the medians when rounds do not pair', () => {
    const results = moldSpeedup(pairedResults([10, 20, 30], [31, 9, 19]), {
      pairedSpeedup: null,
      pairedInterval: null,
    });
    expect(variantRow(renderReport(results), 'clean', 'mold')).toBe(
      '| clean | mold | 19.0 s | 1.00 s | 5.0 % | (no interval) | ✅ mold 2.40.4 |',
    );
  });

  it('falls back to the difference of the medians only when no ratio is known', () => {
    const results = moldSpeedup(pairedResults([10, 20, 30], [31, 9, 19]), {
      speedup: Number.NaN,
      pairedSpeedup: null,
      pairedInterval: null,
    });
    expect(variantRow(renderReport(results), 'clean', 'mold')).toBe(
      '| clean | mold | 19.0 s | 1.00 s | — | (no interval) | ✅ mold 2.40.4 |',
    );
  });

  it.each([
    {
      ms: { low: 1_880.4, high: 3_049.2 },
      share: { low: 0.0481, high: 0.0789 },
      text: 'saves 1.88–3.05 s (4.8–7.9 %)',
    },
    {
      ms: { low: 530.9, high: 999.6 },
      share: { low: 0.053, high: 0.1 },
      text: 'saves 530 ms–1.00 s (5.3–10.0 %)',
    },
    {
      ms: { low: -480.2, high: -120.8 },
      share: { low: -0.0191, high: -0.0041 },
      text: 'costs 120–481 ms (0.4–2.0 %)',
    },
    {
      ms: { low: -1.5, high: 7.2 },
      share: { low: -0.006, high: 0.029 },
      text: 'costs 2 ms (0.6 %) to saves 8 ms (2.9 %)',
    },
    { ms: { low: 0, high: 7.2 }, share: { low: 0, high: 0.034 }, text: 'saves 0–8 ms (0.0–3.4 %)' },
    {
      ms: { low: 61_200, high: 65_100 },
      share: { low: 0.5, high: 0.5 },
      text: 'saves 1 min 01 s–1 min 06 s (50.0 %)',
    },
  ])('writes the interval $text in words, rounded outwards', ({ ms, share, text }) => {
    expect(formatSavingsInterval(ms, share)).toBe(text);
  });
});

describe('the linker cell', () => {
  const check = (linker: string, family: LinkerCheck['family'], verified: boolean): LinkerCheck => ({
    variant: 'mold',
    linker,
    family,
    files: [`target/build-bench/mold/release/${linker.replaceAll(' ', '-')}`],
    verified,
  });

  it.each([
    { name: 'one verified check', checks: [check('mold 2.40.4', 'mold', true)], cell: '✅ mold 2.40.4' },
    {
      name: 'merged shards with two verified mold versions',
      checks: [check('mold 2.40.4', 'mold', true), check('mold 2.41.0', 'mold', true)],
      cell: '✅ mold 2.40.4 / mold 2.41.0',
    },
    {
      name: 'the same linker from two shards, named once',
      checks: [check('mold 2.40.4', 'mold', true), check('mold 2.40.4', 'mold', true)],
      cell: '✅ mold 2.40.4',
    },
    {
      name: 'one shard linked by another linker',
      checks: [check('mold 2.40.4', 'mold', true), check('LLD 20.1.8', 'lld', false)],
      cell: '❌ not verified: linked by LLD 20.1.8',
    },
    {
      name: 'an unverified check listed first',
      checks: [
        check('GNU ld', 'bfd', false),
        check('mold 2.40.4', 'mold', true),
        check('LLD 20.1.8', 'lld', false),
      ],
      cell: '❌ not verified: linked by GNU ld / LLD 20.1.8',
    },
    { name: 'no check at all', checks: [], cell: '❌ not verified' },
  ])('$name: $cell', ({ checks, cell }) => {
    const results = makeResults({
      plan: { scenarios: ['noop'], variants: ['default', 'mold'] },
      linkers: [...makeLinkerChecks(['default']), ...checks],
    });
    expect(variantRow(renderReport(results), 'noop', 'mold')).toMatch(
      new RegExp(`\\| ${escapeRegExp(cell)} \\|$`),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the scenario table', () => {
  /** The noop builds of `default` failed: nothing of the gated variant was measured there. */
  const notMeasured = (): Results => {
    const plan = { variants: ['default', 'mold'] } as const;
    const samples = makeSamples(plan).map((sample) =>
      sample.scenario === 'noop' && sample.variant === 'default' ? { ...sample, exitCode: 101 } : sample,
    );
    return makeResults({ plan, samples });
  };
  const scenarioRow = (report: string, scenario: Scenario): string =>
    report.split('\n').find((line) => line.startsWith(`| ${scenario} | `))!;

  it.each([
    { name: 'without a baseline', history: null, row: '| noop | — | — | — | — | 5% | — | — not measured |' },
    {
      name: 'with a baseline',
      history: [makeResults(), makeResults(), makeResults()],
      row: '| noop | — | 211 ms | — | — | 5% | — | — not measured |',
    },
  ])('says a scenario the gated variant did not measure was not measured, $name', ({ history, row }) => {
    const current = notMeasured();
    const baseline = history === null ? null : { schemaVersion: 1 as const, id: current.id, history };
    const comparison = compareWithBaseline(current, baseline, GATE, COMPARED_AT);
    const report = renderReport(current, {
      gate: { comparison, absence: null, saveNote: null, failOn: 'regression' },
    });
    expect(scenarioRow(report, 'noop')).toBe(row);
    expect(scenarioRow(report, 'clean')).toMatch(/\| ✅ pass · \w/);
  });

  it('says so without a gate too', () => {
    expect(scenarioRow(renderReport(notMeasured()), 'noop')).toBe(
      '| noop | — | — | — | — | — | — | — not measured |',
    );
  });
});

describe('the environment', () => {
  const environmentLine = (report: string): string =>
    report.split('<details><summary>Environment</summary>\n\n')[1]!.split('\n')[0]!;
  const pullRequest = { number: 42, headSha: 'c0ffee5d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b' };

  it.each([
    { name: 'a push', environment: {}, text: ' · commit `9f3c2e7` · event push' },
    {
      name: 'a pull request: its head, and GITHUB_SHA as the merge commit it is',
      environment: { pullRequest, event: 'pull_request' },
      text: ' · pull request \\#\u200b42 at `c0ffee5` · merge commit `9f3c2e7` · event pull_request',
    },
    {
      name: 'a pull request without a recorded commit',
      environment: { pullRequest, commit: null, event: 'pull_request' },
      text: '`cargo build --release --locked` · pull request \\#\u200b42 at `c0ffee5` · event pull_request',
    },
  ])('$name', ({ environment, text }) => {
    expect(environmentLine(renderReport(makeResults({ environment })))).toContain(text);
  });
});
