/**
 * Compares a run with the cached baseline scenario by scenario: against the centre of the history's runs from the
 * same machine class (CPU model, cores, toolchain), with the noise between runs taken from them, and decides each
 * verdict against its threshold.
 */
import type { GateConfig, Scenario, Variant } from '../config/config.js';
import type { Baseline } from '../baseline/baseline.js';
import type { Environment, Results } from '../results/results.js';
import { historyChange, locateRun, MIN_RUNS_FOR_NOISE, relativeInterval } from '../stats/changes.js';
import { SEQUENTIAL_CONFIDENCE } from '../stats/looks.js';
import type {
  BaselineInfo,
  Comparison,
  HistoryUse,
  MachineDifference,
  ScenarioComparison,
} from './comparison.js';
import { decideChange, worstOf } from './verdict.js';
import { relativeLimit } from '../config/threshold.js';
import { medianOf, successfulWallMs } from '../results/queries.js';
import { gatedVariant } from '../variants/gated-variant.js';

/** Rounding slack: a change equal to the threshold up to float error is not beyond it. */
export const EPSILON = 1e-9;

/** The fewest samples a run needs before its own location can be trusted against the history. */
const MIN_SAMPLES_AGAINST_HISTORY = 3;

export function machineDifferences(baseline: Environment, current: Environment): MachineDifference[] {
  const differences: MachineDifference[] = [];
  if (baseline.cpuModel !== current.cpuModel) {
    differences.push({ what: 'CPU', baseline: baseline.cpuModel, current: current.cpuModel });
  }
  if (baseline.cores !== current.cores) {
    differences.push({ what: 'cores', baseline: String(baseline.cores), current: String(current.cores) });
  }
  if ((baseline.rustc ?? '') !== (current.rustc ?? '')) {
    differences.push({
      what: 'toolchain',
      baseline: baseline.rustc ?? 'none',
      current: current.rustc ?? 'none',
    });
  }
  return differences;
}

/** A scenario's comparison before anything is compared: a `pass`, its reason still to be told. */
export function noComparison(
  scenario: Scenario,
  variant: Variant,
  threshold: GateConfig['thresholds'][Scenario],
  currentMedianMs: number | null,
  baselineMedianMs: number | null,
  current: Results,
) {
  return {
    scenario,
    variant,
    currentMedianMs,
    baselineMedianMs,
    change: null,
    interval: null,
    widthFrom: null,
    threshold,
    limit: null,
    runToRunNoise: null,
    baselineRuns: 0,
    rounds: current.rounds.find((record) => record.scenario === scenario) ?? null,
    verdict: 'pass',
  } as const;
}

/** The history's results from this run's machine class, and why the others were left out. */
export function selectHistory(
  current: Environment,
  history: readonly Results[],
  allowCrossMachine: boolean,
): { entries: Results[]; leftOut: Map<string, number> } {
  const leftOut = new Map<string, number>();
  const entries = history.filter((entry) => {
    const differences = machineDifferences(entry.environment, current);
    if (differences.length === 0 || allowCrossMachine) return true;
    const why = differences
      .map((item) =>
        item.what === 'cores' ? `${item.baseline} cores` : `another ${item.what} (${item.baseline})`,
      )
      .join(', ');
    leftOut.set(why, (leftOut.get(why) ?? 0) + 1);
    return false;
  });
  return { entries, leftOut };
}

function logTimes(results: Results, scenario: Scenario, variant: Variant): number[] {
  return successfulWallMs(results, scenario, variant)
    .filter((value) => value > 0)
    .map(Math.log);
}

/**
 * One scenario against the selected history. The interval is the prediction interval of a new run (see
 * stats/changes.ts); a verdict needs this run to have MIN_SAMPLES_AGAINST_HISTORY samples and the history
 * MIN_RUNS_FOR_NOISE runs of this machine class.
 */
function compareScenario(
  scenario: Scenario,
  variant: Variant,
  current: Results,
  selection: { entries: Results[]; all: readonly Results[] },
  gate: GateConfig,
): ScenarioComparison & { readonly history: HistoryUse } {
  const threshold = gate.thresholds[scenario];
  const currentMedianMs = medianOf(current, scenario, variant);
  const measuredIn = (entries: readonly Results[]) =>
    entries.filter((entry) => logTimes(entry, scenario, variant).length > 0);
  const comparable = measuredIn(selection.entries);
  const anywhere = measuredIn(selection.all);
  const usedEntries = comparable.length > 0 ? comparable : anywhere;
  const baselineMedianMs = usedEntries[0] ? medianOf(usedEntries[0], scenario, variant) : null;
  const empty = noComparison(scenario, variant, threshold, currentMedianMs, baselineMedianMs, current);
  const history: HistoryUse = { used: 0, total: anywhere.length, leftOut: [] };
  const ownTimes = logTimes(current, scenario, variant);
  if (selection.all.length === 0) return { ...empty, reason: 'no-baseline', history };
  if (currentMedianMs === null || ownTimes.length === 0) return { ...empty, reason: 'not-measured', history };
  if (anywhere.length === 0) return { ...empty, reason: 'not-in-baseline', history };
  const runs = usedEntries.map((entry) => locateRun(logTimes(entry, scenario, variant)));
  const measured = historyChange(locateRun(ownTimes), runs, SEQUENTIAL_CONFIDENCE);
  const centreMs = Math.exp(
    runs.filter((_, index) => measured.used.includes(index)).reduce((sum, run) => sum + run.mean, 0) /
      measured.used.length,
  );
  const limit = relativeLimit(threshold, centreMs);
  const enoughRuns = comparable.length >= MIN_RUNS_FOR_NOISE;
  const interval = enoughRuns && ownTimes.length >= MIN_SAMPLES_AGAINST_HISTORY ? measured.interval : null;
  const leftOut = comparable.length > 0 ? anywhere.length - comparable.length : 0;
  return {
    ...empty,
    baselineMedianMs: centreMs,
    change: Math.expm1(measured.estimate),
    interval: relativeInterval(interval),
    widthFrom: interval === null ? null : 'history',
    limit,
    runToRunNoise: measured.betweenRuns === null ? null : Math.expm1(measured.betweenRuns),
    baselineRuns: measured.used.length,
    history: {
      used: measured.used.length,
      total: anywhere.length,
      leftOut: [
        ...(leftOut > 0 ? [{ why: 'another machine or toolchain', count: leftOut }] : []),
        ...(measured.outlying.length > 0
          ? [{ why: 'far from the others (an outlying run)', count: measured.outlying.length }]
          : []),
      ],
    },
    ...decideChange(
      { estimate: measured.estimate, interval },
      limit,
      enoughRuns ? null : anywhere.length >= MIN_RUNS_FOR_NOISE ? 'cross-machine' : 'unknown-noise',
      true,
    ),
  };
}

/** Every scenario the run planned, for its gated variant, against the history of this machine class. */
export function compareWithBaseline(
  current: Results,
  baseline: Baseline | null,
  gate: GateConfig,
  now: Date,
): Comparison {
  const variant = gatedVariant(current);
  const history = baseline?.history ?? [];
  const selection = selectHistory(current.environment, history, gate.allowCrossMachine);
  const newest = selection.entries[0] ?? history[0];
  const scenarios =
    variant === null
      ? []
      : current.plan.scenarios.map((scenario) =>
          compareScenario(scenario, variant, current, { entries: selection.entries, all: history }, gate),
        );
  const used = Math.max(0, ...scenarios.map((item) => item.history.used));
  const info: BaselineInfo | null = newest
    ? {
        kind: 'cache',
        commit: newest.environment.commit,
        ref: newest.environment.ref,
        createdAt: newest.createdAt,
        ageMs: Math.max(0, now.getTime() - Date.parse(newest.createdAt)),
        historyRuns: history.length,
        machineDifferences:
          selection.entries.length > 0 && !gate.allowCrossMachine
            ? []
            : machineDifferences(newest.environment, current.environment),
        history: {
          used,
          total: history.length,
          leftOut: [...selection.leftOut].map(([why, count]) => ({ why, count })),
        },
      }
    : null;
  return {
    baseline: info,
    scenarios: scenarios.map(({ history: _history, ...item }) => item),
    verdict: worstOf(scenarios.map((item) => item.verdict)),
    allowCrossMachine: gate.allowCrossMachine,
  };
}
