/**
 * Mermaid bar charts of the medians. One small chart per scenario, not one for all: a clean build and a no-op
 * rebuild differ by orders of magnitude, so on one axis the short builds would be flat lines, and on its own axis
 * each scenario's axis can start near its data, which is what makes a 2 % difference visible. The charts are
 * horizontal and short (about 30 px per bar), and every bar is labelled with its value. The baseline is the first
 * bar, and a line of its own colour (a second series) carries its value across every bar. xychart-beta has no
 * colour per bar, and a second bar series would overlap the first with a stub at each bar's start.
 */
import type { Scenario, Variant } from '../config/config.js';
import type { Comparison } from '../gate/comparison.js';
import type { Results } from '../results/results.js';
import { formatDurationMs } from '../format/format-numbers.js';
import { codeSpan } from './markdown-escape.js';

/** One bar: a label (an enum value or `baseline`) and its median. */
interface Bar {
  readonly label: string;
  readonly medianMs: number;
  readonly baseline: boolean;
}

/** Charts whose longest median is 1 s or more are in seconds, others in milliseconds. */
const SECONDS_FROM_MS = 1_000;
/** The bars, then the baseline's line: colours told apart in light and dark mode alike. */
const PALETTE = '#4c78a8, #f58518';
const CHART_WIDTH_PX = 800;
const BAR_HEIGHT_PX = 30;
/** Title and value axis. */
const FRAME_HEIGHT_PX = 80;
/** An axis starts near the data when its values spread over less than this share of the largest. */
const ZOOM_BELOW_SPREAD = 0.5;
/** A zoomed axis spans at least this share of the largest value, so that a 1 ms jitter does not look like a change. */
const LEAST_ZOOMED_SPAN = 0.1;

/** A chart label of letters, digits, `_`, `.`, `-` and spaces only, so nothing can end the list or the code block. */
function toChartLabel(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, ' ').trim() || 'unnamed';
}

/** The round step at or above `value`: 1, 2, 2.5 or 5 × a power of ten. */
function roundStep(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((multiple) => multiple * power >= value - 1e-12) ?? 10;
  return step * power;
}

/** Rounds away float noise: 32.50000001 → 32.5. */
function tidy(value: number): number {
  return Number(value.toPrecision(10));
}

/** The value axis: from 0, or from a round value below the data when the data spread little; a round top above. */
export function chooseAxis(values: readonly number[]): { readonly min: number; readonly max: number } {
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (!(high > 0)) return { min: 0, max: 1 };
  if (low > 0 && high - low < ZOOM_BELOW_SPREAD * high) {
    const step = roundStep(Math.max(high - low, high * LEAST_ZOOMED_SPAN) / 4);
    const min = Math.max(0, Math.floor((low - step) / step) * step);
    return { min: tidy(min), max: tidy(Math.ceil((high + step / 2) / step) * step) };
  }
  const step = roundStep(high / 5);
  return { min: 0, max: tidy(Math.ceil((high * 1.04) / step) * step) };
}

function collectBars(results: Results, scenario: Scenario, comparison: Comparison | undefined): Bar[] {
  const bars: Bar[] = [];
  const baselineMs = comparison?.baseline
    ? (comparison.scenarios.find((item) => item.scenario === scenario)?.baselineMedianMs ?? null)
    : null;
  if (baselineMs !== null && Number.isFinite(baselineMs) && baselineMs > 0) {
    bars.push({ label: 'baseline', medianMs: baselineMs, baseline: true });
  }
  for (const variant of results.plan.variants) {
    const summary = results.summaries.find((item) => item.scenario === scenario && item.variant === variant);
    if (summary !== undefined && Number.isFinite(summary.medianMs)) {
      bars.push({ label: variant, medianMs: summary.medianMs, baseline: false });
    }
  }
  return bars;
}

/** A value in the chart's unit, as Mermaid reads it: ms whole, seconds with two decimals below 10 s, else one. */
function toChartValue(ms: number, inSeconds: boolean): number {
  if (!inSeconds) return Math.max(0, Math.round(ms));
  const seconds = Math.max(0, ms / 1000);
  return Number(seconds.toFixed(seconds < 10 ? 2 : 1));
}

/** One horizontal `xychart-beta` block: a bar per median, and the baseline's value as a line through them all. */
function renderChart(scenario: Scenario, bars: readonly Bar[]): string {
  const inSeconds = Math.max(...bars.map((bar) => bar.medianMs)) >= SECONDS_FROM_MS;
  const unit = inSeconds ? 's' : 'ms';
  const values = bars.map((bar) => toChartValue(bar.medianMs, inSeconds));
  const axis = chooseAxis(values);
  const baselineIndex = bars.findIndex((bar) => bar.baseline);
  const config = {
    xyChart: {
      width: CHART_WIDTH_PX,
      height: FRAME_HEIGHT_PX + BAR_HEIGHT_PX * bars.length,
      titleFontSize: 16,
      xAxis: { labelFontSize: 14 },
      yAxis: { labelFontSize: 12 },
    },
    themeVariables: { xyChart: { plotColorPalette: PALETTE } },
  };
  const zoom = axis.min > 0 ? `, axis from ${axis.min} ${unit}` : '';
  const labels = bars.map((bar) => `"${toChartLabel(bar.label)} ${formatDurationMs(bar.medianMs)}"`);
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(config)}}%%`,
    'xychart-beta horizontal',
    `    title "${toChartLabel(scenario)} builds: median in ${unit}${zoom}"`,
    `    x-axis [${labels.join(', ')}]`,
    `    y-axis ${axis.min} --> ${axis.max}`,
    `    bar [${values.join(', ')}]`,
    ...(baselineIndex === -1 ? [] : [`    line [${values.map(() => values[baselineIndex]).join(', ')}]`]),
    '```',
  ].join('\n');
}

/** A chart per scenario that has a median; null when nothing was measured. */
export function renderCharts(results: Results, comparison: Comparison | undefined): string | null {
  const charts = results.plan.scenarios
    .map((scenario) => ({ scenario, bars: collectBars(results, scenario, comparison) }))
    .filter((chart) => chart.bars.some((bar) => !bar.baseline))
    .map((chart) => renderChart(chart.scenario, chart.bars));
  if (charts.length === 0) return null;
  const variant: Variant | undefined = comparison?.scenarios[0]?.variant;
  const baseline =
    comparison?.baseline && variant !== undefined
      ? ` The first bar is the baseline's median of ${codeSpan(variant)}; the orange line carries it across.`
      : '';
  const note =
    `Medians of this run's builds.${baseline} An axis that does not start at 0 says where it starts: ` +
    'it starts near the data when their spread is small, so that small differences show.';
  return `### Median build times\n\n${charts.join('\n\n')}\n\n${note}`;
}
