/**
 * The results in the formats other benchmark trackers read: github-action-benchmark's `customSmallerIsBetter`
 * and Bencher's BMF. Names come from the results `id`, scenario, variant and crate only, so they stay stable
 * from run to run: both tools key their history by name.
 */
import type { CrateLlvmLines, DependencyReport } from '../analysis/analysis.js';
import type { ExportFormat } from '../config/config.js';
import type { Results, Summary } from '../results/results.js';

// github-action-benchmark README "Generic JSON format" and src/extract.ts `BenchmarkResult`: name, unit, value required; range, extra optional strings.
export interface GithubActionBenchmarkEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  /** `± <number>` in `unit`: the prefix its extractors write and src/extractRangeInfo.ts parses to convert units. */
  readonly range?: string;
  /** Free text shown in the chart's tooltip. */
  readonly extra?: string;
}

// bencher.dev/docs/reference/bencher-metric-format (schema bencher.dev/bmf.json): benchmark → measure → { value, lower_value?, upper_value? }.
export interface BencherMetric {
  readonly value: number;
  readonly lower_value?: number;
  readonly upper_value?: number;
}
export type BencherMetricFormat = Record<string, Record<string, BencherMetric>>;

/** Bencher's built-in build time measure; its unit is seconds (docs "How to Track Build Time"). */
const BENCHER_BUILD_TIME = 'build-time';
/** Custom measures: Bencher creates a measure named by its slug on first use. */
const BENCHER_LLVM_IR_LINES = 'llvm-ir-lines';
const BENCHER_CRATES = 'crates';

/** Whole milliseconds, a tenth below 10 ms: finer than build-to-build noise, never falsely exact. */
function roundMs(ms: number): number {
  return ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10;
}

/** Seconds to the millisecond, as Bencher's build-time measure counts. */
function toSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Trackers chart a value only when it was measured: finite and above zero. */
function isPositive(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

function nameBuild(results: Results, summary: Summary): string {
  return `${results.id}: ${summary.scenario} build (${summary.variant})`;
}

function nameCrateIr(results: Results, crate: CrateLlvmLines): string {
  return `${results.id}: LLVM IR of ${crate.packageName} (${crate.target})`;
}

/** Crates whose IR was counted, the first of any that would share a name (one per package and target). */
function listIrCrates(results: Results): CrateLlvmLines[] {
  const seen = new Set<string>();
  const crates: CrateLlvmLines[] = [];
  for (const crate of results.analysis?.llvmLines?.crates ?? []) {
    const name = nameCrateIr(results, crate);
    if (seen.has(name) || !isPositive(crate.totalLines)) continue;
    seen.add(name);
    crates.push(crate);
  }
  return crates;
}

/** The build graph's report when it was read and holds crates. */
function readGraph(results: Results): DependencyReport | null {
  const dependencies = results.analysis?.dependencies ?? null;
  return dependencies !== null && dependencies.crates.length > 0 ? dependencies : null;
}

/**
 * One `ms` entry per measured scenario × variant (value: median wall time; range: ± its MAD; extra: n and
 * min–max), then LLVM IR `lines` per crate and the `crates` of the build graph when the analysis has them.
 */
export function toGithubActionBenchmark(results: Results): GithubActionBenchmarkEntry[] {
  const entries: GithubActionBenchmarkEntry[] = [];
  for (const summary of results.summaries) {
    const valueMs = roundMs(summary.medianMs);
    if (!isPositive(valueMs)) continue;
    entries.push({
      name: nameBuild(results, summary),
      unit: 'ms',
      value: valueMs,
      range: `± ${roundMs(summary.madMs)}`,
      extra: `n: ${summary.n}\nmin–max: ${roundMs(summary.minMs)}–${roundMs(summary.maxMs)} ms`,
    });
  }
  for (const crate of listIrCrates(results)) {
    entries.push({
      name: nameCrateIr(results, crate),
      unit: 'lines',
      value: crate.totalLines,
      extra: `copies: ${crate.totalCopies}\nfunctions: ${crate.functionCount}`,
    });
  }
  const graph = readGraph(results);
  if (graph !== null) {
    entries.push({
      name: `${results.id}: crates in the build graph`,
      unit: 'crates',
      value: graph.crates.length,
      extra: `workspace members: ${graph.workspaceMembers}\nin several versions: ${graph.duplicates.length}`,
    });
  }
  return entries;
}

/**
 * Build times under Bencher's built-in `build-time` (seconds; lower and upper: the fastest and slowest build,
 * the spread the samples showed, not an interval of the median), LLVM IR lines per crate under
 * `llvm-ir-lines` and the crate count under `crates`.
 */
export function toBencherMetricFormat(results: Results): BencherMetricFormat {
  const document: BencherMetricFormat = {};
  for (const summary of results.summaries) {
    const value = toSeconds(summary.medianMs);
    if (!isPositive(value)) continue;
    document[nameBuild(results, summary)] = {
      [BENCHER_BUILD_TIME]: {
        value,
        lower_value: toSeconds(summary.minMs),
        upper_value: toSeconds(summary.maxMs),
      },
    };
  }
  for (const crate of listIrCrates(results)) {
    document[nameCrateIr(results, crate)] = { [BENCHER_LLVM_IR_LINES]: { value: crate.totalLines } };
  }
  const graph = readGraph(results);
  if (graph !== null) {
    document[`${results.id}: build graph`] = { [BENCHER_CRATES]: { value: graph.crates.length } };
  }
  return document;
}

/** The document of one format, ready for `JSON.stringify`. */
export function renderExport(
  results: Results,
  format: ExportFormat,
): GithubActionBenchmarkEntry[] | BencherMetricFormat {
  return format === 'bencher' ? toBencherMetricFormat(results) : toGithubActionBenchmark(results);
}
