/** A plain-text table of the summaries for a terminal. */
import type { Results } from '../results/results.js';
import { formatDurationMs, formatPercent, formatRatio } from './markdown-escape.js';

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

export function renderTextTable(results: Results): string {
  const header = ['scenario', 'variant', 'median', 'min–max', 'link (share)', 'vs default', 'n', 'linker'];
  const rows = results.summaries.map((summary) => {
    const speedup = results.speedups.find(
      (s) => s.scenario === summary.scenario && s.variant === summary.variant,
    );
    const linker = results.linkers.find((check) => check.variant === summary.variant);
    return [
      summary.scenario,
      summary.variant,
      formatDurationMs(summary.medianMs),
      `${formatDurationMs(summary.minMs)}–${formatDurationMs(summary.maxMs)}`,
      summary.medianLinkMs === null
        ? '—'
        : `${formatDurationMs(summary.medianLinkMs)} (${formatPercent(summary.linkShare)})`,
      speedup ? `${formatRatio(speedup.speedup)}` : '—',
      String(summary.n),
      linker
        ? `${linker.linker}${linker.verified ? ' (verified)' : ' (NOT the claimed linker)'}`
        : 'not verified',
    ];
  });
  const lines = [pad([header, ...rows])];
  if (results.failure)
    lines.push(
      '',
      `FAILED: ${results.failure.message} (${results.failure.scenario} · ${results.failure.variant})`,
    );
  return lines.join('\n');
}
