import { describe, expect, it } from 'vitest';
import type { Scenario, Variant } from '../../src/config/config.js';
import { compareWithBaseline } from '../../src/gate/compare.js';
import { compareWithFile } from '../../src/gate/compare-file.js';
import type { BuildFailure, LinkerCheck, Results, Speedup } from '../../src/results/results.js';
import { formatSavingsInterval } from '../../src/format/format-numbers.js';
import { COMMENT_MAX_BYTES, renderReport } from '../../src/report/render-report.js';
import { makeLinkerChecks, makeResults, makeSamples } from '../support/results-fixture.js';
import { expectGolden } from '../support/golden.js';
import {
  COMPARED_AT,
  GATE,
  hostileResults,
  REPORT_CASES,
  regressionReport,
  slowerResults,
} from '../support/report-cases.js';
import { COMPARED_REPORT_CASES } from '../support/report-cases-compared.js';

const REPORTS = [...REPORT_CASES, ...COMPARED_REPORT_CASES];

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

  it.each(REPORTS)(
    '$golden: the advice says a linker is faster exactly when the table finds it faster',
    ({ render }) => {
      const report = render();
      // No advice (only `default` ran, or it folded away under the size cap): nothing it could contradict.
      if (!report.includes('### Advice')) return expect(report).not.toContain('is faster here.');
      const faster = new Set<string>();
      let scenario = '';
      for (const line of (report.split('### What the other linkers would save')[1] ?? '')
        .split('\n\n')[1]
        ?.split('\n') ?? []) {
        const cells = line.split(' | ');
        scenario = cells[0]!.replace(/^\| ?/, '') || scenario;
        if (scenario !== 'noop' && line.endsWith('| faster |')) faster.add(cells[1]!);
      }
      const names: Record<string, string> = { mold: 'mold', lld: 'lld', bfd: 'GNU ld (bfd)' };
      for (const [variant, name] of Object.entries(names)) {
        if (faster.has(variant)) expect(report).toContain(`**${name}** is faster here.`);
        else expect(report).not.toContain(`**${name}** is faster here.`);
      }
    },
  );

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

  it('puts verdict, scenarios, crates, variants, charts, advice, notes and details in that order', () => {
    expect(sectionHeadings(regressionReport())).toEqual([
      '## build-bench: ferry-release',
      '### Verdict: ❌ regression',
      '### Where the compile time goes',
      '### What the other linkers would save',
      '### Median build times',
      '### Advice',
      '**Notes**',
      '<details><summary>Baseline: the Actions cache, per scenario</summary>',
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
    expect(report).toMatch(/x-axis \["default [\d.]+ (s|ms)"\]/);
    expect(report).not.toContain('baseline');
  });

  it('leaves out the charts when nothing was measured', () => {
    const report = renderReport(makeResults({ status: 'failed', samples: [] }));
    expect(report).not.toContain('```mermaid');
    expect(report).not.toContain('What the other linkers would save');
    expect(report).toContain('| clean | — not measured | — | — |');
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

/** The lines before the first table: what a reader sees in two seconds. */
function headline(report: string): string {
  return report.split('\n| ')[0]!;
}

describe('the first lines', () => {
  it('give the verdict and its one reason, with the interval, threshold, rounds and baseline', () => {
    expect(headline(regressionReport())).toContain(
      '### Verdict: ❌ regression\n\nIncremental builds got 29.4 % slower (95 % CI +23.5…+35.5 %), beyond the ' +
        'threshold of 10%, decided after 3 rounds against the cached baseline (4 earlier runs, the newest from `0f3c2e7`).',
    );
  });

  it.each(REPORTS.filter(({ golden }) => /regression/.test(golden)))(
    '$golden: names the crate that got slower next to the verdict',
    ({ render }) => {
      expect(headline(render())).toMatch(
        /The pull request made crate `ferry 0\.4\.0 \(bin ferry\)` [\d.]+ % slower \(95 % CI \+/,
      );
    },
  );

  it('never shows a passing verdict for a failed run: the failure is the headline', () => {
    const gate = {
      comparison: compareWithBaseline(makeResults(), null, GATE, COMPARED_AT),
      absence: 'No baseline yet.',
      saveNote: null,
      failOn: 'regression' as const,
    };
    const report = renderReport(makeResults({ status: 'failed', failure: null }), { gate });
    expect(report).not.toContain('✅ pass');
    expect(headline(report)).toMatch(
      /^## build-bench: ferry-release\n\n> \[!CAUTION\]\n> \*\*The benchmark failed\*\*/,
    );
    expect(headline(report)).toContain('The step fails: the benchmark failed.');
  });

  it('calls a change whose interval reaches zero inconclusive, with what the run could have seen', () => {
    const current = makeResults();
    const compared = compareWithFile(current, makeResults(), 'before.json', GATE, COMPARED_AT);
    const scenarios = compared.scenarios.map((item) =>
      item.scenario === 'incremental'
        ? {
            ...item,
            change: 0.12,
            interval: { low: -0.02, high: 0.27 },
            verdict: 'inconclusive' as const,
            reason: 'noise' as const,
          }
        : item,
    );
    const comparison = { ...compared, scenarios, verdict: 'inconclusive' as const };
    const gate = { comparison, absence: null, saveNote: null, failOn: 'regression' as const };
    const top = headline(renderReport(current, { gate }));
    expect(top).toContain(
      '### Verdict: ⚠️ inconclusive\n\nIncremental builds changed +12.0 % (95 % CI −2.0…+27.0 %),',
    );
    expect(top).toContain(
      'its interval reaches zero: a slowdown could not be told from how much runs differ.',
    );
    expect(top).toMatch(
      /This run could have seen a slowdown of \+\d+\.\d % or more\. Less would show with `compare-to: base`/,
    );
  });

  it('says how far a pass rules a slowdown out', () => {
    const current = makeResults();
    const compared = compareWithBaseline(current, null, GATE, COMPARED_AT);
    const scenarios = compared.scenarios.map((item) => ({
      ...item,
      change: 0.01,
      interval: { low: -0.02, high: 0.041 },
      verdict: 'pass' as const,
      reason: 'within' as const,
    }));
    const baseline = {
      kind: 'base' as const,
      commit: 'c'.repeat(40),
      ref: null,
      createdAt: '2026-05-04T09:00:00.000Z',
      ageMs: 0,
      historyRuns: 0,
      machineDifferences: [],
      history: null,
    };
    const comparison = { ...compared, baseline, scenarios, verdict: 'pass' as const };
    const gate = { comparison, absence: null, saveNote: null, failOn: 'regression' as const };
    expect(headline(renderReport(current, { gate }))).toContain(
      'no slowdown beyond +4.1 %, the highest end of the intervals',
    );
  });

  it('says what a run without a gate found: the largest sure saving of a linker', () => {
    expect(headline(renderReport(makeResults()))).toMatch(
      /^## build-bench: ferry-release\n\n\*\*Fastest: mold\*\*, 35\.3 % faster than `default` in incremental builds \(95 % CI −36\.1…−34\.5 %\)\.\n$/,
    );
  });
});

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
  const gateOf = (current: Results, history: Results[] | null) => ({
    comparison: compareWithBaseline(
      current,
      history === null ? null : { schemaVersion: 1 as const, id: current.id, history },
      GATE,
      COMPARED_AT,
    ),
    absence: history === null ? 'No baseline yet.' : null,
    saveNote: null,
    failOn: 'regression' as const,
  });

  it('has no comparison columns when nothing was compared', () => {
    const current = notMeasured();
    const report = renderReport(current, { gate: gateOf(current, null) });
    expect(report).toContain('| Scenario | Median | Range | Rounds |');
    expect(scenarioRow(report, 'clean')).toBe('| clean | 38.9 s | 38.6–39.1 s | 2 · time budget |');
    expect(scenarioRow(report, 'noop')).toBe('| noop | — not measured | — | 3 · nothing to decide |');
  });

  it('says a scenario the gated variant did not measure was not measured, against a baseline', () => {
    const current = notMeasured();
    const report = renderReport(current, {
      gate: gateOf(current, [makeResults(), makeResults(), makeResults()]),
    });
    expect(scenarioRow(report, 'noop')).toBe(
      '| noop | 211 ms | — | — | — | 3 · nothing to decide | — not measured |',
    );
    // Two clean builds give no interval against the history: compared, but no pass is earned.
    expect(scenarioRow(report, 'clean')).toBe(
      '| clean | 39.2 s | 38.9 s | −0.8 % | — | 2 · time budget | ⚠️ inconclusive¹ |',
    );
  });

  it('says each threshold once under the table, and each reason once, marked on its rows', () => {
    const current = slowerResults('incremental', 1.3);
    const report = renderReport(current, { gate: gateOf(current, [makeResults(), makeResults()]) });
    expect(report).toContain('Thresholds: clean 5% or 30s, incremental 10%, noop 5%.');
    const marked = report
      .split('\n')
      .filter((line) => line.startsWith('| ') && line.endsWith('inconclusive¹ |'));
    expect(marked.length).toBeGreaterThan(0);
    const notes = report.split('| Scenario |')[1]!.split('###')[0]!;
    expect(notes.match(/fewer than 3 runs from this machine/g)).toHaveLength(1);
  });

  it('says how many runs of the cached history were used, and why the others were left out', () => {
    const report = COMPARED_REPORT_CASES.find(({ golden }) => golden === 'report-cache-history.md')!.render();
    expect(report).toContain(
      '- Baseline: the Actions cache, 4 of 6 earlier runs used (left out: 1 another CPU (Intel(R) Xeon(R) Platinum ' +
        '8370C CPU @\u200b 2.80GHz); 1 another toolchain (rustc 1.94.1))',
    );
  });
});

/** Clean builds of `default` and `mold`, round by round, with the wall times given (in seconds). */
function pairedResults(defaultSeconds: readonly number[], moldSeconds: readonly number[]): Results {
  const plan = {
    scenarios: ['clean'],
    variants: ['default', 'mold'],
    cleanRuns: defaultSeconds.length,
    maxRuns: defaultSeconds.length,
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
  it.each([
    {
      name: 'a clear saving: the paired change, its interval, the time per build, faster',
      defaultSeconds: [40, 40.4, 39.8, 40.2, 40.1, 39.9],
      moldSeconds: [36, 36.5, 35.9, 36.1, 36.4, 36.0],
      row: '| clean | mold | 36.0 s | −9.8 % | −10.2…−9.4 % | −3.92 s | faster |',
    },
    {
      name: 'a clear cost, slower',
      defaultSeconds: [10, 10.1, 9.9, 10, 10.2, 9.8],
      moldSeconds: [10.5, 10.7, 10.4, 10.6, 10.8, 10.3],
      row: '| clean | mold | 10.6 s | +5.5 % | +4.9…+6.1 % | +549 ms | slower |',
    },
    {
      name: 'an interval within the threshold: similar',
      defaultSeconds: [10, 10, 10, 10, 10, 10],
      moldSeconds: [10.2, 9.9, 10.1, 9.8, 10, 9.95],
      row: '| clean | mold | 9.97 s | −0.1 % | −1.6…+1.5 % | −9 ms | similar |',
    },
    {
      name: 'three rounds all over the place: undecided',
      defaultSeconds: [10, 20, 30],
      moldSeconds: [31, 9, 19],
      row: '| clean | mold | 19.0 s | −4.0 % | −92.6…>+999 % | −809 ms | undecided |',
    },
    {
      name: 'a single round: no interval',
      defaultSeconds: [10],
      moldSeconds: [8],
      row: '| clean | mold | 8.00 s | −20.0 % | — | −2.00 s | one round |',
    },
  ])('$name', ({ defaultSeconds, moldSeconds, row }) => {
    expect(variantRow(renderReport(pairedResults(defaultSeconds, moldSeconds)), 'clean', 'mold')).toBe(row);
  });

  const withSpeedups = (results: Results, overrides: Partial<Speedup>): Results => ({
    ...results,
    speedups: results.speedups.map((speedup) => ({ ...speedup, ...overrides })),
  });

  it('falls back to the ratio of the medians when rounds do not pair', () => {
    const results = withSpeedups(pairedResults([10, 20, 30], [31, 9, 19]), {
      pairedSpeedup: null,
      pairedInterval: null,
    });
    expect(variantRow(renderReport(results), 'clean', 'mold')).toBe(
      '| clean | mold | 19.0 s | −5.0 % | — | −1.00 s | one round |',
    );
  });

  it('falls back to the difference of the medians only when no ratio is known', () => {
    const results = withSpeedups(pairedResults([10, 20, 30], [31, 9, 19]), {
      speedup: Number.NaN,
      pairedSpeedup: null,
      pairedInterval: null,
    });
    expect(variantRow(renderReport(results), 'clean', 'mold')).toBe(
      '| clean | mold | 19.0 s | — | — | −1.00 s | one round |',
    );
  });

  it('reads a schema-1 interval below 90 % confidence as too few rounds', () => {
    const results = withSpeedups(pairedResults([40, 40.4, 39.8, 40.2], [36, 36.5, 35.9, 36.1]), {
      claim: null,
      pairedInterval: { low: 1.09, high: 1.13, confidence: 0.875 },
    });
    expect(variantRow(renderReport(results), 'clean', 'mold')).toMatch(/\| too few rounds \|$/);
  });

  it.each([
    {
      name: 'the whole interval beyond zero: faster',
      claim: 'undecided' as const,
      interval: [1.05, 1.2],
      word: 'faster',
    },
    { name: 'the results say faster', claim: 'faster' as const, interval: [0.9, 1.2], word: 'faster' },
    { name: 'the results say slower', claim: 'slower' as const, interval: [0.8, 1.01], word: 'slower' },
    {
      name: 'within the threshold: similar',
      claim: 'similar' as const,
      interval: [0.99, 1.01],
      word: 'similar',
    },
  ])('words follow the numbers: $name', ({ claim, interval, word }) => {
    const results = withSpeedups(pairedResults([40, 40.4, 39.8, 40.2], [36, 36.5, 35.9, 36.1]), {
      claim,
      pairedInterval: { low: interval[0]!, high: interval[1]!, confidence: 0.95 },
    });
    expect(variantRow(renderReport(results), 'clean', 'mold')).toMatch(new RegExp(`\\| ${word} \\|$`));
  });
});

describe('the interval of a saving in words, as the advice writes it', () => {
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
    {
      ms: { low: -1.05e12, high: 38_900 },
      share: { low: -26_961_905.1, high: 1 },
      text: 'costs more than 999.9 % to saves 38.9 s (100.0 %)',
    },
  ])('writes the interval $text in words, rounded outwards', ({ ms, share, text }) => {
    expect(formatSavingsInterval(ms, share)).toBe(text);
  });
});

describe('the linkers read from the executables', () => {
  const check = (linker: string, family: LinkerCheck['family'], verified: boolean): LinkerCheck => ({
    variant: 'mold',
    linker,
    family,
    files: [`target/build-bench/mold/release/${linker.replaceAll(' ', '-')}`],
    verified,
  });
  const linkersNote = (checks: LinkerCheck[]): string => {
    const results = makeResults({
      plan: { scenarios: ['noop'], variants: ['default', 'mold'] },
      linkers: [...makeLinkerChecks(['default']), ...checks],
    });
    return renderReport(results)
      .split('\n')
      .find((line) => line.startsWith('- Linkers read from the executables'))!;
  };

  it.each([
    {
      name: 'one verified check',
      checks: [check('mold 2.40.4', 'mold', true)],
      note: '`mold` mold 2.40.4 ✅',
    },
    {
      name: 'merged shards with two verified mold versions',
      checks: [check('mold 2.40.4', 'mold', true), check('mold 2.41.0', 'mold', true)],
      note: '`mold` mold 2.40.4 / mold 2.41.0 ✅',
    },
    {
      name: 'one shard linked by another linker',
      checks: [check('mold 2.40.4', 'mold', true), check('LLD 20.1.8', 'lld', false)],
      note: '❌ `mold` was linked by LLD 20.1.8: not the linker it names',
    },
  ])('$name', ({ checks, note }) => {
    expect(linkersNote(checks)).toContain(note);
  });

  it('marks a variant without numbers as linked by the wrong linker', () => {
    const results = makeResults({
      plan: { scenarios: ['noop'], variants: ['default', 'mold'] },
      summaries: makeResults({ plan: { scenarios: ['noop'], variants: ['default'] } }).summaries,
      speedups: [],
      linkers: [...makeLinkerChecks(['default']), check('LLD 20.1.8', 'lld', false)],
    });
    expect(variantRow(renderReport(results), 'noop', 'mold')).toBe(
      '| noop | mold | — | — | — | — | ❌ wrong linker |',
    );
  });
});

describe('the charts', () => {
  const charts = (report: string): string[] =>
    [...report.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((match) => match[1]!);

  it('are short, horizontal, labelled with their values, one per scenario in its own unit', () => {
    const found = charts(regressionReport());
    expect(found).toHaveLength(3);
    for (const chart of found) {
      const [init, kind, title, categories, axis, bars] = chart.split('\n');
      const config = JSON.parse(/^%%\{init: (.*)\}%%$/.exec(init!)![1]!) as { xyChart: { height: number } };
      expect(config.xyChart.height).toBeLessThanOrEqual(250);
      expect(kind).toBe('xychart-beta horizontal');
      expect(title).toMatch(/^ {4}title "\w+ builds: median in (ms|s)(, axis from [\d.]+ (ms|s))?"$/);
      const labels = JSON.parse(categories!.replace(/^ {4}x-axis /, '')) as string[];
      const values = JSON.parse(bars!.replace(/^ {4}bar /, '')) as number[];
      expect(values).toHaveLength(labels.length);
      for (const [index, label] of labels.entries()) {
        expect(label).toMatch(/^(baseline|default|mold|lld|bfd) [\d.]+ (ms|s)$/);
        expect(Number(/ ([\d.]+) /.exec(` ${label.split(' ')[1]} `)![1])).toBeCloseTo(values[index]!, 1);
      }
      const [, min, max] = /^ {4}y-axis ([\d.]+) --> ([\d.]+)$/.exec(axis!)!;
      expect(Math.min(...values)).toBeGreaterThanOrEqual(Number(min));
      expect(Math.max(...values)).toBeLessThanOrEqual(Number(max));
    }
    expect(found[0]).toContain('median in s');
    expect(found[2]).toContain('median in ms');
  });

  it('start the axis near the data when its spread is small, and say so', () => {
    const noop = charts(regressionReport())[2]!;
    expect(noop).toContain('title "noop builds: median in ms, axis from 200 ms"');
    expect(noop).toContain('y-axis 200 --> 220');
  });

  it('tell the baseline apart: its own bar first, and a line of its value through every bar', () => {
    const incremental = charts(regressionReport())[1]!;
    expect(incremental).toContain(
      'x-axis ["baseline 6.24 s", "default 8.07 s", "mold 4.03 s", "lld 6.18 s", "bfd 13.5 s"]',
    );
    expect(incremental).toContain('line [6.24, 6.24, 6.24, 6.24, 6.24]');
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
