/** Replays the gate on measured runs with simulated slowdowns: the cached baseline's and the base's comparison. */
import type { Baseline } from '../src/baseline/baseline.js';
import type { GateConfig } from '../src/config/config.js';
import { parseThreshold } from '../src/config/parse-threshold.js';
import { compareWithBaseline } from '../src/gate/compare.js';
import { compareWithBase } from '../src/gate/compare-base.js';
import type { Results, Sample } from '../src/results/results.js';
import { createRandom } from '../src/stats/random.js';
import { summarizeSamples } from '../src/stats/summarize.js';

export function slowedDown(results: Results, factor: number): Results {
  return withSamples(
    results,
    results.samples.map((sample) => ({ ...sample, wallMs: sample.wallMs * factor })),
  );
}

export interface Rates {
  readonly regression: number;
  readonly inconclusive: number;
}

export function simulateCacheGate(
  runs: readonly Results[],
  threshold: string,
  historySize: number,
  factor: number,
  trials: number,
): Rates {
  const random = createRandom(0x5eed + historySize * 97 + Math.round(factor * 1000));
  const gate = gateAt(threshold);
  let regressions = 0;
  let inconclusive = 0;
  for (let trial = 0; trial < trials; trial++) {
    const order = [...runs.keys()];
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    const current = slowedDown(runs[order[0]!]!, factor);
    const history = order.slice(1, 1 + historySize).map((index) => runs[index]!);
    const baseline: Baseline = { schemaVersion: 1, id: current.id, history };
    const verdict = compareWithBaseline(current, baseline, gate, new Date()).verdict;
    if (verdict === 'regression') regressions++;
    if (verdict === 'inconclusive') inconclusive++;
  }
  return { regression: regressions / trials, inconclusive: inconclusive / trials };
}

/** The gate as a step with `threshold` and the other inputs at their defaults configures it. */
function gateAt(threshold: string): GateConfig {
  return {
    thresholds: parseThreshold(threshold),
    failOn: 'regression',
    allowCrossMachine: false,
    llvmLinesThreshold: null,
  };
}

function withSamples(template: Results, samples: Sample[]): Results {
  return {
    ...template,
    samples,
    summaries: summarizeSamples(samples, template.plan.scenarios, template.plan.variants),
  };
}

/**
 * `compare-to: base`: each trial draws as many head/base pairs as a run has rounds, each from a measured run drawn
 * at random (a pair keeps its own run's drift: both sides ran next to each other), slows the heads down by
 * `factor`, and lets the gate compare pair by pair. Pairs of one run are not kept together: that assumes the
 * paired noise does not change from run to run; `replayBaseGate` checks it without that assumption.
 */
export function simulateBaseGate(
  runs: readonly { readonly head: Results; readonly base: Results }[],
  threshold: string,
  factor: number,
  trials: number,
): Rates {
  const random = createRandom(0xba5e + Math.round(factor * 1000));
  const gate = gateAt(threshold);
  let regressions = 0;
  let inconclusive = 0;
  for (let trial = 0; trial < trials; trial++) {
    const { head, base } = runs[0]!;
    const rounds = head.samples.length;
    const headSamples: Sample[] = [];
    const baseSamples: Sample[] = [];
    for (let round = 0; round < rounds; round++) {
      const run = runs[Math.floor(random() * runs.length)]!;
      const headSample = run.head.samples[Math.floor(random() * run.head.samples.length)]!;
      const baseSample = run.base.samples.find((sample) => sample.round === headSample.round)!;
      headSamples.push({ ...headSample, round, wallMs: headSample.wallMs * factor });
      baseSamples.push({ ...baseSample, round });
    }
    const baseRun = {
      commit: 'base',
      ref: null,
      results: withSamples(base, baseSamples),
      failure: null,
    };
    const verdict = compareWithBase(withSamples(head, headSamples), baseRun, gate).verdict;
    if (verdict === 'regression') regressions++;
    if (verdict === 'inconclusive') inconclusive++;
  }
  return { regression: regressions / trials, inconclusive: inconclusive / trials };
}

/** Each measured run as it happened, its heads slowed down by `factor`: the share of runs the gate calls a regression. */
export function replayBaseGate(
  runs: readonly { readonly head: Results; readonly base: Results }[],
  threshold: string,
  factor: number,
): number {
  const gate = gateAt(threshold);
  const regressions = runs.filter(({ head, base }) => {
    const baseRun = { commit: 'base', ref: null, results: base, failure: null };
    return compareWithBase(slowedDown(head, factor), baseRun, gate).verdict === 'regression';
  });
  return regressions.length / runs.length;
}

/** Sample standard deviation (n − 1). */
export function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1),
  );
}
