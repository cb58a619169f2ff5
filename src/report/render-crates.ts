/**
 * Where the compile time goes: the crates each scenario spent the most time on (from the rustc wrapper's crate
 * times), and the crates that got slower against the baseline, each with its interval.
 */
import type { Scenario, Variant } from '../config/config.js';
import { rankCrateTimes, type CrateComparison } from '../gate/compare-crates.js';
import type { Results } from '../results/results.js';
import { formatChange, formatChangeRange, formatDurationMs } from '../format/format-numbers.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { renderTable } from './render-tables.js';

/** Crates shown per scenario: the ones that take the most time. */
export const CRATES_PER_SCENARIO = 5;
/** Slower crates listed under the table; the results file holds every comparison. */
const SLOWER_LISTED = 5;

interface Ranked {
  readonly scenario: Scenario;
  readonly times: ReadonlyMap<string, number>;
  readonly top: readonly string[];
}

function rankScenarios(results: Results, variant: Variant): Ranked[] {
  return results.plan.scenarios.flatMap((scenario) => {
    const ranking = rankCrateTimes(results, scenario, variant);
    if (ranking.length === 0) return [];
    const times = new Map(ranking.map((item) => [item.crate, item.medianMs]));
    return [{ scenario, times, top: ranking.slice(0, CRATES_PER_SCENARIO).map((item) => item.crate) }];
  });
}

/** `ferry-core 0.4.0` +52.1 % in incremental builds (95 % CI +31.0…+76.2 %). */
function describeSlower(item: CrateComparison): string {
  const interval = item.interval === null ? '' : ` (95 % CI ${formatChangeRange(item.interval)})`;
  return (
    `${codeSpan(item.crate)} ${formatChange(item.change)} in ${escapeMarkdown(item.scenario)} builds` +
    `${interval}, ${formatDurationMs(item.baselineMs)} → ${formatDurationMs(item.currentMs)}`
  );
}

function describeSlowerCrates(crates: readonly CrateComparison[]): string | null {
  const slower = crates.filter((item) => item.slower);
  if (crates.length === 0) return null;
  if (slower.length === 0) return 'No crate got slower to compile than the threshold allows.';
  const listed = slower.slice(0, SLOWER_LISTED).map(describeSlower).join('; ');
  const more =
    slower.length > SLOWER_LISTED ? `; and ${slower.length - SLOWER_LISTED} more in the results file` : '';
  return `Slower to compile than the baseline: ${listed}${more}.`;
}

/**
 * A table of the crates that took the most time, the top ones of each scenario as rows and the scenarios as
 * columns, under `### Where the compile time goes`; null when no sample recorded crate times.
 */
export function renderCrateTimes(
  results: Results,
  variant: Variant | undefined,
  crates: readonly CrateComparison[],
): string | null {
  if (variant === undefined) return null;
  const ranked = rankScenarios(results, variant);
  if (ranked.length === 0) return null;
  const names = [...new Set(ranked.flatMap((scenario) => scenario.top))];
  const rows = names.map((crate) => [
    codeSpan(crate, { inTable: true }),
    ...ranked.map((scenario) => {
      const ms = scenario.times.get(crate);
      const slower = crates.find(
        (item) => item.slower && item.crate === crate && item.scenario === scenario.scenario,
      );
      if (ms === undefined) return '—';
      return slower === undefined
        ? formatDurationMs(ms)
        : `${formatDurationMs(ms)} (${formatChange(slower.change)})`;
    }),
  ]);
  const table = renderTable(
    ['Crate', ...ranked.map((scenario) => escapeMarkdown(scenario.scenario))],
    ['left', ...ranked.map(() => 'right' as const)],
    rows,
  );
  const changes = crates.length === 0 ? '' : ', with the change of those that got slower';
  const notes = [
    `Median compile time of each crate in ${codeSpan(variant)}'s builds (rustc's own time), the ` +
      `${CRATES_PER_SCENARIO} slowest of each scenario${changes}; — where a scenario did not compile it. Crates ` +
      'compile in parallel, so these overlap.',
    describeSlowerCrates(crates),
  ];
  return [
    '### Where the compile time goes',
    '',
    table,
    '',
    ...notes.filter((note): note is string => note !== null).map((note) => `- ${note}`),
  ].join('\n');
}
