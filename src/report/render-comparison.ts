/** The verdict and the comparison with the baseline, as Markdown: the first thing a reader sees. */
import type { FailOn } from '../config/config.js';
import type { Comparison, ScenarioComparison, Verdict, VerdictReason } from '../gate/comparison.js';
import { gateFails } from '../gate/gate.js';
import { formatThreshold } from '../gate/threshold.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { formatDurationMs, formatInterval, formatPercentChange } from './format-numbers.js';
import { renderTable } from './render-tables.js';
import { MIN_HISTORY_FOR_NOISE } from '../stats/interval.js';

/** What the report knows about the gate: the comparison, why there is no baseline, and the save. */
export interface GateReport {
  readonly comparison: Comparison;
  /** Why there is no baseline to compare with; null when there is one. */
  readonly absence: string | null;
  /** What happened to this run's results as a baseline, e.g. `Baseline saved as …`; null: not told. */
  readonly saveNote: string | null;
  readonly failOn: FailOn;
}

const VERDICT_MARKS: Readonly<Record<Verdict, string>> = {
  pass: '✅ pass',
  regression: '❌ regression',
  inconclusive: '⚠️ inconclusive',
};

const REASONS: Readonly<Record<VerdictReason, string>> = {
  within: 'within the threshold',
  regressed: 'slower beyond the threshold, with 95 % confidence',
  uncertain: 'above the threshold, but the interval reaches below it',
  'unknown-noise': `above the threshold, but the run-to-run noise needs ${MIN_HISTORY_FOR_NOISE} baseline runs`,
  'cross-machine': 'slower beyond the threshold, but measured against another machine',
  'no-baseline': 'no baseline',
  'not-in-baseline': 'not in the baseline',
  'not-measured': 'not measured in this run',
};

/** `3 min`, `5 h`, `2 d`: how old the baseline is, coarse on purpose. */
function formatAge(ageMs: number): string {
  const minutes = Math.round(ageMs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

function renderNoise(item: ScenarioComparison): string {
  if (item.runToRunNoise === null) return `— (${item.baselineRuns} run${item.baselineRuns === 1 ? '' : 's'})`;
  return `± ${(item.runToRunNoise * 100).toFixed(1)} % (${item.baselineRuns} runs)`;
}

function renderRow(item: ScenarioComparison): string[] {
  return [
    escapeMarkdown(item.scenario),
    formatDurationMs(item.baselineMedianMs),
    formatDurationMs(item.currentMedianMs),
    formatPercentChange(item.change),
    formatInterval(item.interval),
    escapeMarkdown(formatThreshold(item.threshold)),
    renderNoise(item),
    `${VERDICT_MARKS[item.verdict]} · ${REASONS[item.reason]}${item.reason === 'unknown-noise' ? ` (it has ${item.baselineRuns})` : ''}`,
  ];
}

function renderBaselineLine(comparison: Comparison): string | null {
  const baseline = comparison.baseline;
  if (baseline === null) return null;
  const commit =
    baseline.commit === null ? 'an unknown commit' : `commit ${codeSpan(baseline.commit.slice(0, 7))}`;
  const ref = baseline.ref === null ? '' : ` on ${codeSpan(baseline.ref)}`;
  return (
    `Compared with the baseline from ${commit}${ref}, measured ${formatAge(baseline.ageMs)} ago ` +
    `(${baseline.historyRuns} result${baseline.historyRuns === 1 ? '' : 's'} in its history).`
  );
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

function renderFailOn(comparison: Comparison, failOn: FailOn): string {
  const outcome = gateFails(comparison, failOn) ? 'fails' : 'passes';
  return `The step ${outcome} (input \`fail-on\`: ${failOn}).`;
}

export function renderComparison(gate: GateReport): string {
  const { comparison } = gate;
  const lines = [
    `### Verdict: ${VERDICT_MARKS[comparison.verdict]}`,
    '',
    [
      gate.absence === null ? null : escapeMarkdown(gate.absence),
      renderBaselineLine(comparison),
      renderFailOn(comparison, gate.failOn),
    ]
      .filter((line): line is string => line !== null)
      .join(' '),
  ];
  const warning = renderMachineWarning(comparison);
  if (warning !== null) lines.push('', warning);
  if (comparison.baseline !== null && comparison.scenarios.length > 0) {
    const variant = comparison.scenarios[0]!.variant;
    lines.push(
      '',
      renderTable(
        ['Scenario', 'Baseline', 'Current', 'Change', '95 % CI', 'Threshold', 'Run-to-run noise', 'Verdict'],
        ['left', 'right', 'right', 'right', 'right', 'left', 'right', 'left'],
        comparison.scenarios.map(renderRow),
      ),
      '',
      `Medians of the ${codeSpan(variant)} variant. A regression needs the whole interval beyond the threshold.`,
    );
  }
  if (gate.saveNote !== null) lines.push('', escapeMarkdown(gate.saveNote));
  return lines.join('\n');
}
