/** The verdict and the comparison with the baseline, as Markdown: the first thing a reader sees. */
import type { FailOn, Variant } from '../config/config.js';
import type { Comparison, ScenarioComparison, Verdict, VerdictReason } from '../gate/comparison.js';
import { chooseGatedVariant } from '../gate/compare.js';
import { gateFails } from '../gate/gate.js';
import { formatThreshold } from '../gate/threshold.js';
import type { BuildFailure, Results } from '../results/results.js';
import { MIN_RUNS_FOR_NOISE as MIN_HISTORY_FOR_NOISE } from '../stats/changes.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { formatDurationMs, formatInterval, formatPercent, formatPercentChange } from './format-numbers.js';
import { foldDetails, renderTable } from './render-tables.js';

/** What the report knows about the gate: the comparison, why there is no baseline, and the save. */
export interface GateReport {
  readonly comparison: Comparison;
  /** Why there is no baseline to compare with; null when there is one. */
  readonly absence: string | null;
  /** What happened to this run's results as a baseline, e.g. `Baseline saved as …`; null: not told. */
  readonly saveNote: string | null;
  readonly failOn: FailOn;
  /** With `compare-to: base`: why the base did not build (its command and output tail); absent when it did. */
  readonly baseFailure?: BuildFailure | null;
}

const VERDICT_MARKS: Readonly<Record<Verdict, string>> = {
  pass: '✅ pass',
  regression: '❌ regression',
  inconclusive: '⚠️ inconclusive',
};

const REASONS: Readonly<Record<VerdictReason, string>> = {
  within: 'within the threshold',
  noise: 'no slowdown beyond the noise between runs',
  regressed: 'slower beyond the threshold, with 95 % confidence',
  'no-interval': 'above the threshold, but too few samples for an interval',
  uncertain: 'above the threshold, but the interval reaches below it',
  'unknown-noise': `above the threshold, but the run-to-run noise needs ${MIN_HISTORY_FOR_NOISE} baseline runs`,
  'cross-machine': 'slower beyond the threshold, but measured against another machine',
  'no-baseline': 'no baseline',
  'not-in-baseline': 'not in the baseline',
  'not-measured': 'not measured in this run',
  'base-failed': 'the base did not build: nothing to compare with',
  'not-for-base': 'not built for the base (input `base-scenarios`)',
};

/** `3 min`, `5 h`, `2 d`: how old the baseline is, coarse on purpose. */
function formatAge(ageMs: number): string {
  const minutes = Math.round(ageMs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

function renderMachineWarning(comparison: Comparison): string | null {
  const differences = comparison.baseline?.machineDifferences ?? [];
  if (differences.length === 0) return null;
  const list = differences
    .map((item) => `${item.what}: ${escapeMarkdown(item.baseline)} → ${escapeMarkdown(item.current)}`)
    .join('; ');
  const consequence = comparison.allowCrossMachine
    ? 'Its verdicts still count, as input `allow-cross-machine` is true.'
    : 'A slowdown against it is at most inconclusive (input `allow-cross-machine` lets it count).';
  return `> [!WARNING]\n> The baseline was measured on another machine (${list}). ${consequence}`;
}

/** Which baseline the changes are against: the pull request's base built here, or a cached earlier run. */
function renderBaselineKind(comparison: Comparison): string | null {
  const baseline = comparison.baseline;
  if (baseline === null) return null;
  const commit = baseline.commit === null ? '' : ` ${codeSpan(baseline.commit.slice(0, 7))}`;
  if (baseline.kind === 'base') {
    const ref = baseline.ref === null ? '' : ` (${codeSpan(baseline.ref)})`;
    return (
      `Compared with the base commit${commit}${ref}, built on this runner interleaved with the head ` +
      'and paired round by round.'
    );
  }
  return `Compared with the baseline in the Actions cache${commit === '' ? '' : `, from commit${commit}`}.`;
}

function renderFailOn(comparison: Comparison, failOn: FailOn): string {
  const outcome = gateFails(comparison, failOn) ? 'fails' : 'passes';
  return `The step ${outcome} (input \`fail-on\`: ${failOn}).`;
}

/** The verdict headline, why there is no baseline, whether the step fails, and a cross-machine warning. */
export function renderVerdict(gate: GateReport): string {
  const { comparison } = gate;
  const explanation = [
    gate.absence === null ? null : escapeMarkdown(gate.absence),
    renderBaselineKind(comparison),
    renderFailOn(comparison, gate.failOn),
  ];
  const lines = [
    `### Verdict: ${VERDICT_MARKS[comparison.verdict]}`,
    '',
    explanation.filter((line): line is string => line !== null).join(' '),
  ];
  const irLines = renderIrLinesVerdict(comparison);
  if (irLines !== null) lines.push('', irLines);
  const warning = renderMachineWarning(comparison);
  if (warning !== null) lines.push('', warning);
  return lines.join('\n');
}

/** The crates whose IR lines grew beyond input `llvm-lines-threshold`: part of the verdict, said next to it. */
function renderIrLinesVerdict(comparison: Comparison): string | null {
  const analysis = comparison.analysis ?? null;
  const grown = (analysis?.llvmLines ?? []).filter((item) => item.verdict !== 'pass' && item.change !== null);
  if (analysis === null || grown.length === 0) return null;
  const limit = formatThreshold({ relative: analysis.llvmLinesThreshold, absoluteMs: null, combine: 'or' });
  return grown
    .map((item) => {
      const why =
        item.reason === 'toolchain' ? ', but the baseline used another rustc, so it is inconclusive' : '';
      return (
        `${VERDICT_MARKS[item.verdict]}: the LLVM IR lines of ${codeSpan(item.packageName)} (${escapeMarkdown(item.target)}) ` +
        `grew ${formatPercentChange(item.change)}, more than input \`llvm-lines-threshold\` allows (${limit})${why}.`
      );
    })
    .join('\n');
}

/** The variant the gate watches: the comparison's, else the one the gate would choose. */
function selectGatedVariant(results: Results, comparison: Comparison | undefined): Variant | undefined {
  return comparison?.scenarios[0]?.variant ?? chooseGatedVariant(results.plan.variants) ?? undefined;
}

function renderNoise(item: ScenarioComparison): string {
  if (item.widthFrom === 'pairs') return `paired (${item.baselineRuns} rounds)`;
  if (item.reason === 'not-for-base' || item.reason === 'base-failed') return '—';
  if (item.runToRunNoise === null) return `— (${item.baselineRuns} run${item.baselineRuns === 1 ? '' : 's'})`;
  return `± ${formatPercent(item.runToRunNoise)} (${item.baselineRuns} runs)`;
}

function renderStatus(item: ScenarioComparison | undefined, measured: boolean): string {
  // No mark for what was not measured, whatever the baseline: the gate may say `pass` or `no-baseline` first.
  if (!measured || item?.reason === 'not-measured') return '— not measured';
  if (item === undefined) return '—';
  const runs = item.reason === 'unknown-noise' ? ` (it has ${item.baselineRuns})` : '';
  return `${VERDICT_MARKS[item.verdict]} · ${REASONS[item.reason]}${runs}`;
}

/**
 * One row: the baseline columns are dashes without a baseline, everything but the median without a gate; the
 * status says `not measured` when the gated variant has no median here.
 */
function renderScenarioRow(
  medianMs: number | null,
  item: ScenarioComparison | undefined,
  compared: boolean,
): string[] {
  const baselineCells =
    item !== undefined && compared
      ? [
          formatDurationMs(item.baselineMedianMs),
          formatPercentChange(item.change),
          formatInterval(item.interval),
        ]
      : ['—', '—', '—'];
  return [
    formatDurationMs(medianMs),
    ...baselineCells,
    item === undefined ? '—' : escapeMarkdown(formatThreshold(item.threshold)),
    item !== undefined && compared && medianMs !== null ? renderNoise(item) : '—',
    renderStatus(item, medianMs !== null),
  ];
}

/** Every planned scenario's median of the gated variant against the baseline; shown with or without one. */
export function renderScenarioTable(results: Results, gate: GateReport | undefined): string | null {
  const comparison = gate?.comparison;
  const variant = selectGatedVariant(results, comparison);
  if (variant === undefined || results.plan.scenarios.length === 0) return null;
  const compared = comparison !== undefined && comparison.baseline !== null;
  const rows = results.plan.scenarios.map((scenario) => {
    const summary = results.summaries.find((item) => item.scenario === scenario && item.variant === variant);
    const item = comparison?.scenarios.find((candidate) => candidate.scenario === scenario);
    return [escapeMarkdown(scenario), ...renderScenarioRow(summary?.medianMs ?? null, item, compared)];
  });
  const table = renderTable(
    ['Scenario', 'Median', 'Baseline median', 'Change', '95 % CI', 'Threshold', 'Run-to-run noise', 'Status'],
    ['left', 'right', 'right', 'right', 'right', 'left', 'right', 'left'],
    rows,
  );
  const rule = compared ? ' A regression needs the whole interval beyond the threshold.' : '';
  const paired =
    comparison?.baseline?.kind === 'base'
      ? ' Against the base, the change is the mean of the per-round ratios head ÷ base, which the ratio of the ' +
        'medians beside it only approximates.'
      : '';
  return `${table}\n\nMedians of the ${codeSpan(variant)} variant.${rule}${paired}`;
}

/** Where the baseline comes from, folded: commit, ref, age and history size; null without a baseline. */
export function renderBaselineDetails(comparison: Comparison | undefined): string | null {
  const baseline = comparison?.baseline ?? null;
  if (baseline === null || baseline.kind === 'base') return null;
  const commit =
    baseline.commit === null ? 'an unknown commit' : `commit ${codeSpan(baseline.commit.slice(0, 7))}`;
  const ref = baseline.ref === null ? '' : ` on ${codeSpan(baseline.ref)}`;
  return foldDetails(
    `Baseline: measured ${formatAge(baseline.ageMs)} ago`,
    `Compared with the baseline from ${commit}${ref}, measured ${formatAge(baseline.ageMs)} ago ` +
      `(${baseline.historyRuns} result${baseline.historyRuns === 1 ? '' : 's'} in its history).`,
  );
}
