/** Mermaid bar charts of the medians, one per scenario: clean and incremental builds differ by orders of magnitude. */
import type { Scenario, Variant } from '../config/config.js';
import type { Comparison } from '../gate/comparison.js';
import type { Results } from '../results/results.js';
import { codeSpan } from './markdown-escape.js';

/** One bar: a label (an enum value or `baseline`) and its median. */
interface Bar {
  readonly label: string;
  readonly medianMs: number;
}

/** Medians from 10 s up are charted in seconds, shorter ones in milliseconds. */
const SECONDS_FROM_MS = 10_000;

/** A chart label of letters, digits, `_` and `-` only, so nothing can end the list or the code block. */
function toChartLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '') || 'unnamed';
}

/** A round top for the y-axis at or above `value`: 1, 1.5, 2, 2.5, … × a power of ten. */
function roundAxisTop(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return (Math.ceil((value / power) * 2 - 1e-9) / 2) * power;
}

function collectBars(
  results: Results,
  scenario: Scenario,
  baselineVariant: Variant | null,
  comparison: Comparison | undefined,
): Bar[] {
  const bars: Bar[] = [];
  const baselineMs =
    comparison?.scenarios.find((item) => item.scenario === scenario)?.baselineMedianMs ?? null;
  if (baselineVariant !== null && baselineMs !== null && Number.isFinite(baselineMs)) {
    bars.push({ label: 'baseline', medianMs: baselineMs });
  }
  for (const variant of results.plan.variants) {
    const summary = results.summaries.find((item) => item.scenario === scenario && item.variant === variant);
    if (summary !== undefined && Number.isFinite(summary.medianMs)) {
      bars.push({ label: variant, medianMs: summary.medianMs });
    }
  }
  return bars;
}

/** One `xychart-beta` block; bars in ms below 10 s, else in s with one decimal. */
function renderChart(scenario: Scenario, bars: readonly Bar[]): string {
  const inSeconds = Math.max(...bars.map((bar) => bar.medianMs)) >= SECONDS_FROM_MS;
  const unit = inSeconds ? 's' : 'ms';
  const values = bars.map((bar) =>
    inSeconds ? Math.max(0, bar.medianMs / 1000).toFixed(1) : String(Math.max(0, Math.round(bar.medianMs))),
  );
  const top = roundAxisTop(Math.max(...values.map(Number)));
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${toChartLabel(scenario)} builds: median wall time in ${unit}"`,
    `    x-axis [${bars.map((bar) => toChartLabel(bar.label)).join(', ')}]`,
    `    y-axis "${unit}" 0 --> ${top}`,
    `    bar [${values.join(', ')}]`,
    '```',
  ].join('\n');
}

/** A chart per scenario that has a median; null when nothing was measured. */
export function renderCharts(results: Results, comparison: Comparison | undefined): string | null {
  const baselineVariant = comparison?.baseline ? (comparison.scenarios[0]?.variant ?? null) : null;
  const charts = results.plan.scenarios
    .map((scenario) => ({ scenario, bars: collectBars(results, scenario, baselineVariant, comparison) }))
    .filter((chart) => chart.bars.some((bar) => bar.label !== 'baseline'))
    .map((chart) => renderChart(chart.scenario, chart.bars));
  if (charts.length === 0) return null;
  const legend =
    baselineVariant === null
      ? ''
      : `\n\nThe ${codeSpan('baseline')} bar is the baseline's median of the ${codeSpan(baselineVariant)} variant.`;
  return `### Median build times\n\n${charts.join('\n\n')}${legend}`;
}
