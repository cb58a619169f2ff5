/** The tables and lists of the report, each from results data only. Cells come out already escaped. */
import type { Variant } from '../config/config.js';
import type { LinkerCheck, Results, Sample, Speedup, Summary } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import {
  formatBytesKb,
  formatDurationMs,
  formatPercent,
  formatRatio,
  formatRatioInterval,
} from './format-numbers.js';

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

const CLAIMED_LINKER: Readonly<Record<Variant, string>> = {
  default: "the toolchain's default linker",
  mold: 'mold',
  lld: 'LLD',
  bfd: 'GNU ld',
};

function renderLinkerCheck(check: LinkerCheck): string {
  const verdict = check.verified ? '✅ verified' : `❌ not linked by ${CLAIMED_LINKER[check.variant]}`;
  const head = `- **${escapeMarkdown(check.variant)}** → ${escapeMarkdown(check.linker)} ${verdict}`;
  if (check.files.length === 0) return `${head} · no executable read`;
  return appendPaths(head, check.files, { inline: ' · read ', folded: 'files read' }, '  ');
}

/** Each variant → the linker that really linked its executables, from their `.comment` section. */
export function renderLinkers(linkers: readonly LinkerCheck[]): string {
  return ['**Linkers** (read from the executables)', '', ...linkers.map(renderLinkerCheck)].join('\n');
}

/** Below this confidence (fewer than 5 rounds) an interval that excludes 1× is still no claim. */
const MIN_CONFIDENCE_TO_TELL = 0.9;

/**
 * The speedup: with paired rounds, the median per-round ratio and its interval, "faster" or "slower" only when
 * the interval lies wholly on that side of 1×; with a single round or no pairs, the ratio of the medians alone.
 */
function renderVersusDefault(variant: Variant, speedup: Speedup | undefined): string {
  if (variant === 'default' || speedup === undefined) return '—';
  const interval = speedup.pairedInterval;
  if (interval === null || speedup.pairedSpeedup === null)
    return `${formatRatio(speedup.speedup)} (no interval)`;
  const range = `${Math.floor(interval.confidence * 100)} % CI ${formatRatioInterval(interval)}`;
  const ratio = formatRatio(speedup.pairedSpeedup);
  if (interval.confidence < MIN_CONFIDENCE_TO_TELL) return `${ratio} (too few rounds to tell) · ${range}`;
  if (interval.low > 1) return `${ratio} faster · ${range}`;
  if (interval.high < 1) return `${ratio} (slower) · ${range}`;
  return `${ratio} (no clear difference) · ${range}`;
}

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

function renderSampleRow(sample: Sample): string[] {
  const failed = sample.exitCode === 0 ? '' : ` ❌ exit ${sample.exitCode}`;
  return [
    String(sample.sequence),
    escapeMarkdown(sample.scenario),
    escapeMarkdown(sample.variant),
    String(sample.round),
    `${formatDurationMs(sample.wallMs)}${failed}`,
    formatDurationMs(sample.cpuMs),
    formatBytesKb(sample.peakRssKb),
    formatDurationMs(sample.linkMs),
    sample.linkCount === null ? '—' : String(sample.linkCount),
  ];
}

/** Every sample in build order, folded away: the first thing to drop when space is short. */
export function renderSamplesDetails(results: Results): string {
  const { scenarios, runs, cleanRuns, warmup } = results.plan;
  const onlyClean = scenarios.every((scenario) => scenario === 'clean');
  const runCounts = onlyClean
    ? `${cleanRuns}`
    : scenarios.includes('clean')
      ? `${runs} (clean: ${cleanRuns})`
      : `${runs}`;
  const samples = [...results.samples].sort((a, b) => a.sequence - b.sequence);
  const table = renderTable(
    ['#', 'Scenario', 'Variant', 'Round', 'Wall', 'CPU', 'Peak RSS', 'Link time', 'Links'],
    ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    samples.map(renderSampleRow),
  );
  return [
    `<details><summary>All ${samples.length} samples · runs: ${runCounts} · ` +
      `warm-up builds: ${warmup}, not recorded</summary>`,
    '',
    table,
    '',
    '</details>',
  ].join('\n');
}
