/** Plain text for a terminal: the summaries as a table, and the comparison with the baseline. */
import { renderTextSettingsAdvice } from './render-settings-advice.js';
import type { BuildFailure, Results } from '../results/results.js';
import type { Comparison } from '../gate/comparison.js';
import { formatThreshold } from '../config/threshold.js';
import {
  formatChange,
  formatChangeRange,
  formatDurationMs,
  formatPercent,
} from '../format/format-numbers.js';
import { claimSpeedup, CLAIM_WORDS, estimateVariantChange } from './speedup-claim.js';
import { collectVariantLinkers } from './variant-linkers.js';
import type { Speedup } from '../results/results.js';

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The variant against `default` as the Markdown report shows it: `−35.2 % (−35.7…−35.1 %) faster`. */
function describeVersusDefault(speedup: Speedup | undefined): string {
  if (speedup === undefined) return '—';
  const { change, interval } = estimateVariantChange(speedup);
  const range = interval === null ? '' : ` (${formatChangeRange(interval)})`;
  return `${formatChange(change)}${range} ${CLAIM_WORDS[claimSpeedup(speedup)]}`;
}

/** The summaries as an aligned table, with the same paired estimate against `default` as the Markdown report. */
export function renderTextTable(results: Results): string {
  const header = ['scenario', 'variant', 'median', 'min–max', 'link (share)', 'vs default', 'n', 'linker'];
  const rows = results.summaries.map((summary) => {
    const speedup = results.speedups.find(
      (s) => s.scenario === summary.scenario && s.variant === summary.variant,
    );
    const linker = collectVariantLinkers(results.linkers, summary.variant);
    return [
      summary.scenario,
      summary.variant,
      formatDurationMs(summary.medianMs),
      `${formatDurationMs(summary.minMs)}–${formatDurationMs(summary.maxMs)}`,
      summary.medianLinkMs === null
        ? '—'
        : `${formatDurationMs(summary.medianLinkMs)} (${formatPercent(summary.linkShare)})`,
      describeVersusDefault(speedup),
      String(summary.n),
      linker.verified
        ? `${linker.linkers.join(' / ')} (verified)`
        : linker.offending.length > 0
          ? `${linker.offending.join(' / ')} (NOT the claimed linker)`
          : 'not verified',
    ];
  });
  const lines = [pad([header, ...rows])];
  if (results.speedups.length > 0) {
    lines.push(
      'vs default: change of build time against default in the same rounds (paired estimate, 95 % CI); − is faster.',
    );
  }
  const settingsAdvice = renderTextSettingsAdvice(results);
  if (settingsAdvice !== null) lines.push('', settingsAdvice);
  if (results.failure)
    lines.push(
      '',
      `FAILED: ${results.failure.message} (${results.failure.scenario} · ${results.failure.variant})`,
    );
  return lines.join('\n');
}

/** The verdict and one line per compared scenario, for the log. */
export function renderTextComparison(comparison: Comparison, absence: string | null): string {
  const lines = [`Verdict: ${comparison.verdict}${absence === null ? '' : ` (${absence})`}`];
  if (comparison.baseline === null) return lines[0]!;
  for (const item of comparison.scenarios) {
    const change = item.change === null ? '—' : formatChange(item.change);
    const interval = item.interval === null ? '' : ` (95 % CI ${formatChangeRange(item.interval)})`;
    const rounds = item.rounds === null ? '' : `, ${item.rounds.rounds} rounds (${item.rounds.stoppedBy})`;
    lines.push(
      `  ${item.scenario}: ${formatDurationMs(item.baselineMedianMs)} → ${formatDurationMs(item.currentMedianMs)}, ` +
        `${change}${interval}, threshold ${formatThreshold(item.threshold)}${rounds}: ${item.verdict} (${item.reason})`,
    );
  }
  return lines.join('\n');
}

/** The step's failure message for a failed build: what, where, the command and the tail of its output. */
export function describeBuildFailure(failure: BuildFailure): string {
  const where = `${failure.scenario} · ${failure.variant} (${failure.phase})`;
  const tail = failure.outputTail ? `\nLast lines of its output:\n${failure.outputTail}` : '';
  return `${failure.message}: ${where}, command \`${failure.command}\`.${tail}`;
}
