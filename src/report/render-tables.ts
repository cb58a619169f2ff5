/** The tables and lists of the report, each from results data only. Cells come out already escaped. */
import type { Variant } from '../config/config.js';
import type { Results, Speedup, Summary } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import {
  formatConfidence,
  formatDurationMs,
  formatPercent,
  formatRatio,
  formatRatioInterval,
} from './format-numbers.js';
import { claimSpeedup, type SpeedupClaim } from './speedup-claim.js';

export type ColumnAlignment = 'left' | 'right';

/** A GFM table; every cell must already be escaped Markdown. */
export function renderTable(
  header: readonly string[],
  alignments: readonly ColumnAlignment[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = alignments.map((alignment) => (alignment === 'right' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** A folded block; blank lines around the body let GitHub render the Markdown inside. `summary` is HTML: own text only. */
export function foldDetails(summary: string, body: string): string {
  return [`<details><summary>${summary}</summary>`, '', body, '', '</details>'].join('\n');
}

/** Above this many paths a list folds away into `<details>`, so the report stays short. */
const FOLD_ABOVE_PATHS = 3;

/**
 * `head` followed by paths as code spans: inline after `inlineLabel` when few, else in a folded list
 * below `head` (indented by `indent` to stay inside a list item).
 */
export function appendPaths(
  head: string,
  paths: readonly string[],
  labels: { readonly inline: string; readonly folded: string },
  indent = '',
): string {
  if (paths.length <= FOLD_ABOVE_PATHS) {
    return `${head}${labels.inline}${paths.map((path) => codeSpan(path)).join(', ')}`;
  }
  return [
    head,
    `${indent}<details><summary>${paths.length} ${labels.folded}</summary>`,
    '',
    ...paths.map((path) => `${indent}- ${codeSpan(path)}`),
    '',
    `${indent}</details>`,
  ].join('\n');
}

/**
 * The speedup: with paired rounds, the median per-round ratio and its interval, "faster" or "slower" only when
 * the interval lies wholly on that side of 1×; with a single round or no pairs, the ratio of the medians alone.
 */
function renderVersusDefault(variant: Variant, speedup: Speedup | undefined): string {
  if (variant === 'default' || speedup === undefined) return '—';
  const claim = claimSpeedup(speedup);
  const interval = speedup.pairedInterval;
  if (claim === 'no-interval' || interval === null) return `${formatRatio(speedup.speedup)} (no interval)`;
  const range = `${formatConfidence(interval.confidence)} ${formatRatioInterval(interval)}`;
  const ratio = formatRatio(speedup.pairedSpeedup);
  return `${ratio} ${VERSUS_DEFAULT_WORDS[claim]} · ${range}`;
}

const VERSUS_DEFAULT_WORDS: Readonly<Record<Exclude<SpeedupClaim, 'no-interval'>, string>> = {
  'too-few-rounds': '(too few rounds to tell)',
  faster: 'faster',
  slower: '(slower)',
  'no-clear-difference': '(no clear difference)',
};

function renderSummaryRow(
  summary: Summary | undefined,
  speedup: Speedup | undefined,
  linkerVerified: boolean,
): string[] {
  if (summary === undefined) return ['—', '—', '—', '—', linkerVerified ? '—' : '❌ wrong linker', '0'];
  return [
    formatDurationMs(summary.medianMs),
    `${formatDurationMs(summary.minMs)} – ${formatDurationMs(summary.maxMs)}`,
    `± ${formatDurationMs(summary.madMs)}`,
    summary.medianLinkMs === null
      ? '—'
      : `${formatDurationMs(summary.medianLinkMs)} (${formatPercent(summary.linkShare)})`,
    renderVersusDefault(summary.variant, speedup),
    String(summary.n),
  ];
}

/**
 * One row per planned scenario × variant. A pair without a summary (no successful sample, or a variant
 * whose linker was not verified) shows dashes and n = 0.
 */
export function renderSummaryTable(results: Results): string {
  const rows: string[][] = [];
  for (const scenario of results.plan.scenarios) {
    for (const variant of results.plan.variants) {
      const matches = (item: { scenario: string; variant: string }): boolean =>
        item.scenario === scenario && item.variant === variant;
      rows.push([
        escapeMarkdown(scenario),
        escapeMarkdown(variant),
        ...renderSummaryRow(
          results.summaries.find(matches),
          results.speedups.find(matches),
          results.linkers.every((check) => check.variant !== variant || check.verified),
        ),
      ]);
    }
  }
  return renderTable(
    ['Scenario', 'Variant', 'Median', 'Range (min–max)', '± (MAD)', 'Link (share)', 'vs default', 'n'],
    ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'right'],
    rows,
  );
}
