/**
 * The first table: every planned scenario's median of the gated variant, and, when something was compared, its
 * change against the baseline, the rounds it took and its verdict. Cells stay short enough never to wrap in a
 * pull request comment; what would repeat on every row is said once in the notes under the table.
 */
import { ASSUMED_BETWEEN_RUNS } from '../stats/between-runs.js';
import type { Scenario, Variant } from '../config/config.js';
import { gatedVariant } from '../variants/gated-variant.js';
import type { BaselineInfo, Comparison, ScenarioComparison } from '../gate/comparison.js';
import { formatThreshold } from '../config/threshold.js';
import type { Results } from '../results/results.js';
import { describeStops, formatRoundsCell } from './describe-rounds.js';
import {
  formatChange,
  formatChangeRange,
  formatDurationMs,
  formatDurationRange,
} from '../format/format-numbers.js';
import { describeBaseline, REASON_NOTES, VERDICT_MARKS, type GateReport } from './gate-report.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { foldDetails, renderTable } from './render-tables.js';

/** The column of what the change is against: the base, the cached baseline, or the earlier run of a results file. */
const BASELINE_HEADERS: Readonly<Record<BaselineInfo['kind'], string>> = {
  base: 'Base',
  cache: 'Baseline',
  file: 'Earlier',
};

const NOTE_MARKS = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** Notes pointed at from cells: the same text gets the same mark, in the order first used. */
class Footnotes {
  private readonly texts: string[] = [];

  mark(text: string): string {
    let index = this.texts.indexOf(text);
    if (index === -1) index = this.texts.push(text) - 1;
    return NOTE_MARKS[index] ?? `(${index + 1})`;
  }

  render(): string[] {
    return this.texts.map((text, index) => `${NOTE_MARKS[index] ?? `(${index + 1})`} ${text}`);
  }
}

/** The variant the gate watches: the comparison's, else the one the gate would choose. */
export function selectGatedVariant(
  results: Results,
  comparison: Comparison | undefined,
): Variant | undefined {
  return comparison?.scenarios[0]?.variant ?? gatedVariant(results) ?? undefined;
}

function renderVerdictCell(
  item: ScenarioComparison | undefined,
  measured: boolean,
  notes: Footnotes,
): string {
  if (!measured || item?.reason === 'not-measured') return '— not measured';
  if (item === undefined) return '—';
  const note = REASON_NOTES[item.reason];
  return `${VERDICT_MARKS[item.verdict]}${note === undefined ? '' : notes.mark(note)}`;
}

function findMedianMs(results: Results, scenario: Scenario, variant: Variant): number | null {
  return (
    results.summaries.find((item) => item.scenario === scenario && item.variant === variant)?.medianMs ?? null
  );
}

function renderComparedRow(
  results: Results,
  scenario: Scenario,
  variant: Variant,
  item: ScenarioComparison | undefined,
  notes: Footnotes,
): string[] {
  const medianMs = item?.currentMedianMs ?? findMedianMs(results, scenario, variant);
  const compared = item !== undefined && item.change !== null;
  const viaCache =
    item?.against === 'cache'
      ? notes.mark(
          `Not built for the base (input ${codeSpan('base-scenarios')}): compared with the cached baseline instead.`,
        )
      : '';
  return [
    `${escapeMarkdown(scenario)}${viaCache}`,
    formatDurationMs(item?.baselineMedianMs ?? null),
    formatDurationMs(medianMs),
    compared ? formatChange(item.change) : '—',
    compared ? formatChangeRange(item.interval) : '—',
    formatRoundsCell(results, scenario),
    renderVerdictCell(item, medianMs !== null, notes),
  ];
}

/** `Threshold: 5% for every scenario`, or each scenario's when they differ: said once, not on every row. */
function describeThresholds(items: readonly (ScenarioComparison | undefined)[]): string | null {
  const known = items.filter((item): item is ScenarioComparison => item !== undefined);
  const texts = known.map((item) => escapeMarkdown(formatThreshold(item.threshold)));
  if (known.length === 0) return null;
  if (new Set(texts).size === 1) return `Threshold: ${texts[0]!} for every scenario.`;
  return `Thresholds: ${known.map((item, index) => `${escapeMarkdown(item.scenario)} ${texts[index]!}`).join(', ')}.`;
}

/** What the change is and how its interval was found, said once. */
function describeMethod(comparison: Comparison, variant: Variant): string {
  const kind = comparison.baseline?.kind;
  const change =
    kind === 'base'
      ? 'the head against the base, round by round (the trimmed mean of the per-round ratios)'
      : kind === 'file'
        ? `this run against the earlier run's builds, its interval widened by an assumed ±${Math.round(ASSUMED_BETWEEN_RUNS * 100)} % of each run's own drift between runs (one earlier run cannot tell how much runs differ)`
        : "this run against the centre of the baseline's runs, its interval widened by how much runs differ";
  return (
    `Medians of ${codeSpan(variant)}. Change: ${change}, with its 95 % interval; + is slower. A regression ` +
    'needs the change beyond the threshold and the whole interval beyond half of it.'
  );
}

function renderComparedTable(results: Results, gate: GateReport, variant: Variant): string {
  const { comparison } = gate;
  const items = results.plan.scenarios.map((scenario) =>
    comparison.scenarios.find((item) => item.scenario === scenario),
  );
  const notes = new Footnotes();
  const rows = results.plan.scenarios.map((scenario, index) =>
    renderComparedRow(results, scenario, variant, items[index], notes),
  );
  const table = renderTable(
    [
      'Scenario',
      BASELINE_HEADERS[comparison.baseline?.kind ?? 'cache'],
      'Median',
      'Change',
      '95 % CI',
      'Rounds',
      'Verdict',
    ],
    ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
    rows,
  );
  const threshold = describeThresholds(items);
  const lines = [
    `${describeMethod(comparison, variant)}${threshold === null ? '' : ` ${threshold}`}`,
    comparison.baseline === null ? null : describeBaseline(comparison.baseline),
    comparison.cacheBaseline ? describeBaseline(comparison.cacheBaseline) : null,
    describeStops(results, results.plan.scenarios),
    ...notes.render(),
  ];
  return [
    table,
    '',
    ...lines.filter((line): line is string => line !== null).map((line) => `- ${line}`),
  ].join('\n');
}

/** Without a comparison: the median, the fastest and slowest build, and the rounds; nothing compared, no columns for it. */
function renderMeasuredTable(results: Results, variant: Variant): string {
  const rows = results.plan.scenarios.map((scenario) => {
    const summary = results.summaries.find((item) => item.scenario === scenario && item.variant === variant);
    return [
      escapeMarkdown(scenario),
      summary === undefined ? '— not measured' : formatDurationMs(summary.medianMs),
      summary === undefined ? '—' : formatDurationRange(summary.minMs, summary.maxMs),
      formatRoundsCell(results, scenario),
    ];
  });
  const table = renderTable(
    ['Scenario', 'Median', 'Range', 'Rounds'],
    ['left', 'right', 'right', 'left'],
    rows,
  );
  const stops = describeStops(results, results.plan.scenarios);
  const lines = [`Medians of ${codeSpan(variant)}, and its fastest and slowest build.`, stops];
  return [
    table,
    '',
    ...lines.filter((line): line is string => line !== null).map((line) => `- ${line}`),
  ].join('\n');
}

/** Every planned scenario of the gated variant; the comparison's columns only when something was compared. */
export function renderScenarioTable(results: Results, gate: GateReport | undefined): string | null {
  const variant = selectGatedVariant(results, gate?.comparison);
  if (variant === undefined || results.plan.scenarios.length === 0) return null;
  const compared = gate !== undefined && gate.comparison.baseline !== null;
  return compared ? renderComparedTable(results, gate, variant) : renderMeasuredTable(results, variant);
}

const WIDTH_FROM: Readonly<Record<NonNullable<ScenarioComparison['widthFrom']>, string>> = {
  pairs: 'pairs of rounds',
  history: "the history's runs",
  samples: "both runs' builds",
};

/** Per scenario, what the baseline held: its median, how many runs or pairs, how much its runs differ. Folded. */
export function renderBaselineDetails(comparison: Comparison | undefined): string | null {
  const baseline = comparison?.baseline ?? null;
  if (comparison === undefined || baseline === null) return null;
  const rows = comparison.scenarios
    .filter((item) => item.baselineMedianMs !== null)
    .map((item) => [
      escapeMarkdown(item.scenario),
      formatDurationMs(item.baselineMedianMs),
      String(item.baselineRuns),
      item.runToRunNoise === null ? '—' : `± ${formatChange(item.runToRunNoise).replace(/^[+−±]/, '')}`,
      item.widthFrom === null ? '—' : WIDTH_FROM[item.widthFrom],
    ]);
  if (rows.length === 0) return null;
  const runs = baseline.kind === 'base' ? 'Pairs' : 'Runs';
  const table = renderTable(
    ['Scenario', 'Median', runs, 'Run-to-run noise', 'Interval from'],
    ['left', 'right', 'right', 'right', 'left'],
    rows,
  );
  const noise =
    "Run-to-run noise: the standard deviation between runs, what the runs differ by beyond their own builds' " +
    'noise; known from 3 runs of this machine class on.';
  return foldDetails(
    `Baseline: ${escapeMarkdown(baseline.kind === 'base' ? 'the base' : baseline.kind === 'file' ? 'an earlier run' : 'the Actions cache')}, per scenario`,
    `${describeBaseline(baseline)}\n\n${table}\n\n- ${noise}`,
  );
}
