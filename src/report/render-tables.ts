/** The tables and lists of the report, each from results data only. Cells come out already escaped. */
import type { Variant } from '../config/config.js';
import type { Results, Speedup, Summary } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import {
  formatChange,
  formatDurationMs,
  formatDurationRange,
  formatPercent,
} from '../format/format-numbers.js';
import { claimSpeedup, CLAIM_WORDS, estimateVariantChange } from './speedup-claim.js';

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

/** The variant's change against `default` (the paired estimate) and what its interval tells, for the full table. */
function renderVersusDefault(variant: Variant, speedup: Speedup | undefined): string {
  if (variant === 'default' || speedup === undefined) return '—';
  const { change } = estimateVariantChange(speedup);
  return `${formatChange(change)} ${CLAIM_WORDS[claimSpeedup(speedup)]}`;
}

function renderSummaryRow(
  summary: Summary | undefined,
  speedup: Speedup | undefined,
  linkerVerified: boolean,
): string[] {
  if (summary === undefined) return ['—', '—', '—', '—', linkerVerified ? '—' : '❌ wrong linker', '0'];
  return [
    formatDurationMs(summary.medianMs),
    formatDurationRange(summary.minMs, summary.maxMs),
    formatDurationMs(summary.madMs),
    summary.medianLinkMs === null
      ? '—'
      : `${formatDurationMs(summary.medianLinkMs)} · ${formatPercent(summary.linkShare)}`,
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
    for (const [index, variant] of results.plan.variants.entries()) {
      const matches = (item: { scenario: string; variant: string }): boolean =>
        item.scenario === scenario && item.variant === variant;
      rows.push([
        index === 0 ? escapeMarkdown(scenario) : '',
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
    ['Scenario', 'Variant', 'Median', 'Range', 'MAD', 'Link · share', 'vs default', 'n'],
    ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'right'],
    rows,
  );
}
