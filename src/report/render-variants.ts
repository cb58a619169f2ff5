/** What each linker other than `default` would save per build, scenario by scenario, with its uncertainty. */
import type { Scenario, Variant } from '../config/config.js';
import type { LinkerCheck, Results, Speedup } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import {
  formatConfidence,
  formatDurationMs,
  formatSavedMs,
  formatSavedShare,
  formatSavingsInterval,
} from './format-numbers.js';
import { renderTable } from './render-tables.js';
import { claimSpeedup, estimateSavings, type Savings, type SpeedupClaim } from './speedup-claim.js';
import { collectVariantLinkers } from './variant-linkers.js';

const CLAIM_PREFIXES: Readonly<Record<Exclude<SpeedupClaim, 'no-interval'>, string>> = {
  'too-few-rounds': 'too few rounds to tell · ',
  'no-clear-difference': 'no clear difference · ',
  faster: '',
  slower: '',
};

/**
 * The interval of the time and share saved, in words, rounded outwards and labelled with its real confidence;
 * no claim below 90 % confidence or when it includes 0, and none at all from a single round.
 */
function renderSavingsInterval(speedup: Speedup, savings: Savings): string {
  const claim = claimSpeedup(speedup);
  const interval = savings.interval;
  if (claim === 'no-interval' || interval === null) return '(no interval)';
  const range = formatSavingsInterval(interval.ms, interval.share);
  return `${CLAIM_PREFIXES[claim]}${formatConfidence(interval.confidence)}: ${range}`;
}

/** The linkers read from the variant's executables, over every check (merged shards may hold several). */
function renderLinkerCell(checks: readonly LinkerCheck[], variant: Variant): string {
  const { verified, linkers, offending } = collectVariantLinkers(checks, variant);
  if (verified) return `✅ ${linkers.map(escapeMarkdown).join(' / ')}`;
  if (offending.length === 0) return '❌ not verified';
  return `❌ not verified: linked by ${offending.map(escapeMarkdown).join(' / ')}`;
}

function renderVariantRow(results: Results, scenario: Scenario, variant: Variant): string[] {
  const inScenario =
    (wanted: Variant) =>
    (item: { scenario: Scenario; variant: Variant }): boolean =>
      item.scenario === scenario && item.variant === wanted;
  const summary = results.summaries.find(inScenario(variant));
  const speedup = results.speedups.find(inScenario(variant));
  const head = [escapeMarkdown(scenario), escapeMarkdown(variant)];
  const linker = renderLinkerCell(results.linkers, variant);
  if (summary === undefined) return [...head, '—', '—', '—', 'not measured', linker];
  const medianMs = formatDurationMs(summary.medianMs);
  if (speedup === undefined) {
    return [...head, medianMs, '—', '—', `not compared: no ${codeSpan('default')} build here`, linker];
  }
  // A speedup implies a `default` median; a document without its summary still carries it in `savedMs`.
  const defaultMedianMs =
    results.summaries.find(inScenario('default'))?.medianMs ?? summary.medianMs + speedup.savedMs;
  const savings = estimateSavings(speedup, defaultMedianMs);
  return [
    ...head,
    medianMs,
    formatSavedMs(savings.savedMs),
    formatSavedShare(savings.share),
    renderSavingsInterval(speedup, savings),
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
      ['Scenario', 'Variant', 'Median', 'Saves per build', "Share of default's time", 'Interval', 'Linker'],
      ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
      rows,
    ),
    '',
    `Against ${codeSpan('default')} in the same scenario, from builds paired by round: the share of its build ` +
      'time saved is 1 − 1/speedup, from the median per-round speedup (the ratio of the medians when rounds ' +
      'do not pair), and the time saved per build is that share of its median. The interval gives both ' +
      'at the confidence shown; "costs" means the variant is slower.',
  ].join('\n');
}
