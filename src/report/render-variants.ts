/**
 * What each linker other than `default` would change, scenario by scenario: the paired estimate of its build
 * time against `default`'s, its interval, the time per build, and what the interval tells. The linkers read from
 * the executables are said once under the table; a row names its linker only when it was the wrong one.
 */
import type { Scenario, Variant } from '../config/config.js';
import type { LinkerCheck, Results } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import {
  formatChange,
  formatChangeRange,
  formatDurationChange,
  formatDurationMs,
} from '../format/format-numbers.js';
import { renderTable } from './render-tables.js';
import { claimSpeedup, CLAIM_WORDS, estimateSavings, estimateVariantChange } from './speedup-claim.js';
import { collectVariantLinkers } from './variant-linkers.js';
import { hasSettings } from '../variants/variant-spec.js';
import { predictFromLinks, type LinkPrediction } from './link-predictions.js';

function inScenario(scenario: Scenario, variant: Variant) {
  return (item: { scenario: Scenario; variant: Variant }): boolean =>
    item.scenario === scenario && item.variant === variant;
}

function renderVariantRow(results: Results, scenario: Scenario, variant: Variant): string[] {
  const head = [
    escapeMarkdown(scenario),
    hasSettings(variant) ? codeSpan(variant, { inTable: true }) : escapeMarkdown(variant),
  ];
  const summary = results.summaries.find(inScenario(scenario, variant));
  const { offending } = collectVariantLinkers(results.linkers, variant);
  if (summary === undefined)
    return [...head, '—', '—', '—', '—', offending.length > 0 ? '❌ wrong linker' : 'not measured'];
  const medianMs = formatDurationMs(summary.medianMs);
  const speedup = results.speedups.find(inScenario(scenario, variant));
  if (speedup === undefined) return [...head, medianMs, '—', '—', '—', `no ${codeSpan('default')}`];
  // A speedup implies a `default` median; a document without its summary still carries it in `savedMs`.
  const defaultMs =
    results.summaries.find(inScenario(scenario, 'default'))?.medianMs ?? summary.medianMs + speedup.savedMs;
  const { change, interval } = estimateVariantChange(speedup);
  return [
    ...head,
    medianMs,
    formatChange(change),
    formatChangeRange(interval),
    formatDurationChange(-estimateSavings(speedup, defaultMs).savedMs),
    CLAIM_WORDS[claimSpeedup(speedup)],
  ];
}

/** `default` LLD 20.1.8 · `mold` mold 2.40.4 …, and each variant whose executables another linker linked. */
function describeLinkers(checks: readonly LinkerCheck[], variants: readonly Variant[]): string | null {
  const read = variants.flatMap((variant) => {
    const { linkers } = collectVariantLinkers(checks, variant);
    return linkers.length === 0 ? [] : [`${codeSpan(variant)} ${linkers.map(escapeMarkdown).join(' / ')}`];
  });
  const wrong = variants.flatMap((variant) => {
    const { offending } = collectVariantLinkers(checks, variant);
    return offending.length === 0
      ? []
      : [`${codeSpan(variant)} was linked by ${offending.map(escapeMarkdown).join(' / ')}`];
  });
  if (read.length === 0) return null;
  const verdict =
    wrong.length === 0
      ? ' ✅ each the one its variant names.'
      : `. ❌ ${wrong.join('; ')}: not the linker it names, so its builds are left out.`;
  return `Linkers read from the executables: ${read.join(' · ')}${verdict}`;
}

/** `debug=0` by `no -C debuginfo (rustc's default: none)` on 4 crates · …: what proved each setting. */
function describeSettingProofs(results: Results): string | null {
  if (results.settingProofs.length === 0) return null;
  const proofs = results.settingProofs.map((proof) => {
    const flags = proof.flags.map((flag) => codeSpan(flag)).join(' / ');
    const crates = `${proof.crates} ${proof.crates === 1 ? 'crate' : 'crates'}`;
    const earlier = proof.fromEarlierRun ? ', compiled by an earlier run: cargo found them fresh' : '';
    const where = proof.setting === proof.variant ? '' : ` in ${codeSpan(proof.variant)}`;
    return `${codeSpan(proof.setting)}${where}: ${flags} (${crates}${earlier})`;
  });
  return `Settings proven by the options rustc received: ${proofs.join(' · ')} ✅`;
}

/** `−420 ms` or `−420 ms (−450…−390 ms)`: time per build, − is faster. */
function formatSavedRange(savedMs: number, range: { low: number; high: number } | null): string {
  const value = formatDurationChange(-savedMs);
  if (range === null) return value;
  const [low, high] = [-range.low, -range.high].sort((a, b) => a - b) as [number, number];
  return `${value} (${formatDurationChange(low)}…${formatDurationChange(high)})`;
}

function describePrediction(item: LinkPrediction): string {
  const predicted = `${codeSpan(item.variant)} in ${escapeMarkdown(item.scenario)} ${formatSavedRange(item.predictedMs, item.predictedRange)}`;
  if (item.measuredMs === null) return `${predicted}, not measured in whole builds`;
  const measured = `whole builds ${formatSavedRange(item.measuredMs, item.measuredRange)}`;
  if (item.agrees === false)
    return `${predicted}, ⚠️ but ${measured}: the builds changed by more than their links`;
  return `${predicted}, ${measured}${item.agrees ? ' ✅' : ''}`;
}

/** What the link replays predict per build of each rebuild scenario, beside what the whole builds measured. */
function describeLinkPredictions(results: Results): string | null {
  const predictions = predictFromLinks(results);
  if (predictions.length === 0) return null;
  return (
    `The link replays predict, per build (the linker alone, on the same inputs): ` +
    `${predictions.map(describePrediction).join(' · ')}.`
  );
}

/** The words the Finding column uses, defined once. */
const FINDINGS_NOTE =
  '*faster* / *slower*: the whole interval is on that side of zero; *similar*: it lies within ± the ' +
  "scenario's threshold; *undecided*: neither, after the rounds run; *one round*: no interval.";

/**
 * One row per planned variant other than `default` in each scenario that measured anything; null when no such
 * variant was measured or had its linker checked (only `default` ran). The scenario is named on its first row.
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
    variants.map((variant, index) => {
      const row = renderVariantRow(results, scenario, variant);
      return index === 0 ? row : ['', ...row.slice(1)];
    }),
  );
  const notes = [
    `Change of each variant's build time against ${codeSpan('default')} in the same rounds: the paired ` +
      'estimate (trimmed mean of the per-round ratios), with its 95 % interval; − is faster. Per build: that ' +
      `change in ${codeSpan('default')}'s median time.`,
    FINDINGS_NOTE,
    describeLinkers(results.linkers, results.plan.variants),
    describeSettingProofs(results),
    describeLinkPredictions(results),
  ];
  const settings = variants.some(hasSettings);
  const linkers = variants.some((variant) => !hasSettings(variant));
  return [
    `### What the other ${settings && linkers ? 'linkers and settings' : settings ? 'settings' : 'linkers'} would save`,
    '',
    renderTable(
      ['Scenario', 'Variant', 'Median', 'Change', '95 % CI', 'Per build', 'Finding'],
      ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
      rows,
    ),
    '',
    ...notes.filter((note): note is string => note !== null).map((note) => `- ${note}`),
  ].join('\n');
}
