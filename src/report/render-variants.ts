/** What each linker other than `default` would save per build, scenario by scenario, with its uncertainty. */
import type { Scenario, Variant } from '../config/config.js';
import type { LinkerCheck, Results, Speedup } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import {
  formatConfidence,
  formatDurationMs,
  formatInterval,
  formatSavedMs,
  formatSavedShare,
} from './format-numbers.js';
import { renderTable } from './render-tables.js';
import { claimSpeedup } from './speedup-claim.js';

/** The share of the `default` build time a speedup saves: 1 − 1/speedup (negative: the variant is slower). */
function toSavedShare(speedup: number): number {
  return 1 - 1 / speedup;
}

/**
 * The saved share's interval from the paired speedup's, rounded outwards and labelled with its real confidence;
 * no claim below 90 % confidence or when it straddles 0 %, and none at all from a single round.
 */
function renderSavedShareInterval(speedup: Speedup): string {
  const claim = claimSpeedup(speedup);
  const interval = speedup.pairedInterval;
  if (claim === 'no-interval' || interval === null) return '(no interval)';
  const range =
    `${formatConfidence(interval.confidence)} ` +
    formatInterval({ low: toSavedShare(interval.low), high: toSavedShare(interval.high) });
  if (claim === 'too-few-rounds') return `too few rounds to tell · ${range}`;
  if (claim === 'no-clear-difference') return `no clear difference · ${range}`;
  return range;
}

/** The linker read from the variant's executables: `✅ mold 2.40.4`, or why it is not verified. */
function renderLinkerCell(check: LinkerCheck | undefined): string {
  if (check === undefined) return '❌ not verified';
  if (check.verified) return `✅ ${escapeMarkdown(check.linker)}`;
  return `❌ not verified: linked by ${escapeMarkdown(check.linker)}`;
}

function renderVariantRow(results: Results, scenario: Scenario, variant: Variant): string[] {
  const matches = (item: { scenario: Scenario; variant: Variant }): boolean =>
    item.scenario === scenario && item.variant === variant;
  const summary = results.summaries.find(matches);
  const speedup = results.speedups.find(matches);
  const head = [escapeMarkdown(scenario), escapeMarkdown(variant)];
  const linker = renderLinkerCell(results.linkers.find((check) => check.variant === variant));
  if (summary === undefined) return [...head, '—', '—', '—', 'not measured', linker];
  const medianMs = formatDurationMs(summary.medianMs);
  if (speedup === undefined) {
    return [...head, medianMs, '—', '—', `not compared: no ${codeSpan('default')} build here`, linker];
  }
  return [
    ...head,
    medianMs,
    formatSavedMs(speedup.savedMs),
    formatSavedShare(toSavedShare(speedup.pairedSpeedup ?? speedup.speedup)),
    renderSavedShareInterval(speedup),
    linker,
  ];
}

/**
 * One row per planned variant other than `default` in each scenario that measured anything; null when no such
 * variant was measured or had its linker checked (only `default` ran).
 */
export function renderVariantComparison(results: Results): string | null {
  const variants = results.plan.variants.filter((variant) => variant !== 'default');
  const anyMeasured = variants.some(
    (variant) =>
      results.summaries.some((item) => item.variant === variant) ||
      results.linkers.some((check) => check.variant === variant),
  );
  const scenarios = results.plan.scenarios.filter((scenario) =>
    results.summaries.some((item) => item.scenario === scenario),
  );
  if (!anyMeasured || scenarios.length === 0) return null;
  const rows = scenarios.flatMap((scenario) =>
    variants.map((variant) => renderVariantRow(results, scenario, variant)),
  );
  return [
    '### What the other linkers would save',
    '',
    renderTable(
      ['Scenario', 'Variant', 'Median', 'Saves per build', 'Saves %', 'Interval of saves %', 'Linker'],
      ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
      rows,
    ),
    '',
    `Against ${codeSpan('default')} in the same scenario: its median minus the variant's, and the share of its ` +
      'build time saved, from builds paired by round.',
  ].join('\n');
}
