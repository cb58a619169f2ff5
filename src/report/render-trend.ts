/**
 * The trend of the default branch: the gated variant's median per scenario over the baseline's history and this
 * run, oldest first, as one small Mermaid line chart per scenario. Shown in the job summary of a run that saves
 * the baseline.
 */
import type { Scenario } from '../config/config.js';
import { medianOf } from '../results/queries.js';
import { gatedVariant } from '../variants/gated-variant.js';
import type { Results } from '../results/results.js';
import { codeSpan } from './markdown-escape.js';

/** Enough runs to see a trend, few enough to read the x-axis. */
const TREND_RUNS = 20;

/** `a1b2c3d` for a commit, `#3` for an unnamed run: labels of letters and digits only, so nothing escapes the chart. */
function label(results: Results, index: number): string {
  const commit = results.environment.commit?.replace(/[^0-9a-f]/gi, '').slice(0, 7);
  return commit ? commit : `run${index + 1}`;
}

function renderScenarioTrend(scenario: Scenario, runs: readonly Results[]): string | null {
  const points = runs.flatMap((results, index) => {
    const variant = gatedVariant(results);
    const medianMs = variant === null ? null : medianOf(results, scenario, variant);
    return medianMs === null ? [] : [{ label: label(results, index), medianMs }];
  });
  if (points.length < 2) return null;
  const seconds = Math.max(...points.map((point) => point.medianMs)) >= 10_000;
  const values = points.map((point) =>
    seconds ? (point.medianMs / 1000).toFixed(1) : point.medianMs.toFixed(0),
  );
  const numbers = values.map(Number);
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  const pad = Math.max((high - low) * 0.2, high * 0.02);
  return [
    '```mermaid',
    '---',
    'config:',
    '  xyChart:',
    '    height: 220',
    '---',
    'xychart-beta',
    `    title "${scenario} builds on the default branch, median in ${seconds ? 's' : 'ms'}"`,
    `    x-axis [${points.map((point) => point.label).join(', ')}]`,
    `    y-axis "${seconds ? 's' : 'ms'}" ${Math.max(0, low - pad).toFixed(seconds ? 1 : 0)} --> ${(high + pad).toFixed(seconds ? 1 : 0)}`,
    `    line [${values.join(', ')}]`,
    '```',
  ].join('\n');
}

/** The trend section; null with fewer than two runs to draw. `history` is newest first, as the baseline keeps it. */
export function renderTrend(current: Results, history: readonly Results[]): string | null {
  const runs = [current, ...history].slice(0, TREND_RUNS).reverse();
  const charts = current.plan.scenarios
    .map((scenario) => renderScenarioTrend(scenario, runs))
    .filter((chart) => chart !== null);
  if (charts.length === 0) return null;
  const variant = gatedVariant(current);
  return [
    `### The default branch over its last ${runs.length} runs`,
    '',
    ...charts.flatMap((chart) => [chart, '']),
    `Medians of the ${codeSpan(variant ?? 'default')} variant, oldest first; the last point is this run.`,
  ].join('\n');
}
