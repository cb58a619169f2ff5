/**
 * What the gate studies share: the example project as a git repository whose head differs from its base by a
 * README line (a pull request that cannot change the build), one measured run with the Action's default inputs,
 * and replays of the adaptive procedure itself, round by round, on rounds drawn from what was measured.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseThreshold } from '../src/config/parse-threshold.js';
import { relativeLimit } from '../src/config/threshold.js';
import { decideChange } from '../src/gate/verdict.js';
import type { Results } from '../src/results/results.js';
import { ownVarianceTarget } from '../src/rounds/targets.js';
import { historyChange, locateRun, type RunLocation } from '../src/stats/changes.js';
import { SEQUENTIAL_CONFIDENCE } from '../src/stats/looks.js';
import { createRandom, type Random } from '../src/stats/random.js';
import type { RoundBounds } from '../src/stats/sequential.js';
import { INPUT_DEFAULTS } from '../src/config/parse-inputs.js';
import { REPO_ROOT } from '../test/support/fixture-project.js';
import { simulateGateTrial } from '../test/support/simulated-gate.js';

/** The rounds and threshold of the Action's defaults. */
export const DEFAULT_BOUNDS: RoundBounds = {
  min: Number(INPUT_DEFAULTS.runs),
  max: Number(INPUT_DEFAULTS['max-runs']),
};
export const DEFAULT_THRESHOLD = parseThreshold(INPUT_DEFAULTS.threshold).incremental;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** The example project as a repository: the base commit, then a head that only adds a README line. */
export function makeNoOpPullRequest(parent: string, name: string): { project: string; baseSha: string } {
  const project = path.join(parent, name);
  mkdirSync(parent, { recursive: true });
  cpSync(path.join(REPO_ROOT, 'examples', 'demo'), project, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}target`),
  });
  writeFileSync(path.join(project, '.gitignore'), 'target/\n');
  const author = ['-c', 'user.email=study@example.com', '-c', 'user.name=study'];
  git(project, 'init', '-q', '-b', 'main');
  git(project, ...author, 'add', '-A');
  git(project, ...author, 'commit', '-q', '-m', 'base');
  const baseSha = git(project, 'rev-parse', 'HEAD');
  writeFileSync(
    path.join(project, 'README.md'),
    '# demo\n\nA line a pull request adds: the build does not change.\n',
  );
  git(project, ...author, 'add', '-A');
  git(project, ...author, 'commit', '-q', '-m', 'docs only');
  return { project, baseSha };
}

export interface Rates {
  readonly regression: number;
  readonly inconclusive: number;
  readonly pass: number;
  /** Median rounds the procedure took. */
  readonly medianRounds: number;
}

function shuffleIndex(random: Random, length: number): number {
  return Math.floor(random() * length);
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

/**
 * `compare-to: base`, replayed through the production round loop, budget and verdict (test/support/simulated-gate.ts):
 * each trial's builds are head/base pairs drawn one round at a time from the measured pool, the head slowed by
 * `factor`, with the rounds the Action's default budget would allow them and its `max-runs`.
 */
export async function replayBaseGate(
  pairs: readonly (readonly [number, number])[],
  factor: number,
  trials: number,
  seed: number,
): Promise<Rates> {
  const meanPairMs = pairs.reduce((sum, [head, base]) => sum + head + base, 0) / pairs.length;
  const budgetRounds = Math.floor(parseDurationMs(INPUT_DEFAULTS['time-budget']) / (meanPairMs * factor));
  const counts = { regression: 0, inconclusive: 0, pass: 0 };
  const rounds: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const outcome = await simulateGateTrial({
      family: 'normal',
      pairNoise: 0,
      change: factor - 1,
      budgetRounds,
      maxRuns: DEFAULT_BOUNDS.max,
      seed: `study/${seed}/${trial}`,
      drawPair: (random) => pairs[shuffleIndex(random, pairs.length)]!,
    });
    if (outcome.verdict === 'regression' || outcome.verdict === 'inconclusive' || outcome.verdict === 'pass')
      counts[outcome.verdict]++;
    rounds.push(outcome.rounds);
  }
  return {
    regression: counts.regression / trials,
    inconclusive: counts.inconclusive / trials,
    pass: counts.pass / trials,
    medianRounds: medianOf(rounds),
  };
}

/** `10m` → 600000: the duration inputs' form (m, s, min, h). */
function parseDurationMs(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)$/.exec(value)!;
  const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
  return Number(match[1]) * unitMs[match[2]!]!;
}

/** A run's incremental build times in the order measured, for the cached baseline's replays. */
export function incrementalStream(results: Results): number[] {
  return results.samples
    .filter((sample) => sample.scenario === 'incremental' && sample.exitCode === 0)
    .map((sample) => sample.wallMs);
}

/**
 * The rounds a run takes against a history: until its own noise is small next to the noise between the history's
 * runs (rounds/targets.ts), at least `min`, at most the rounds measured.
 */
function roundsAgainst(stream: readonly number[], target: number | null, bounds: RoundBounds): number {
  if (target === null) return Math.min(bounds.min, stream.length);
  for (let n = bounds.min; n <= Math.min(stream.length, bounds.max); n++) {
    if (n >= 3 && locateRun(stream.slice(0, n).map(Math.log)).variance <= target) return n;
  }
  return Math.min(stream.length, bounds.max);
}

/** The variance target of rounds/targets.ts, from runs' locations. */
function targetFrom(runs: readonly RunLocation[], centreMs: number): number {
  const mean = runs.reduce((sum, run) => sum + run.mean, 0) / runs.length;
  const variance = runs.reduce((sum, run) => sum + (run.mean - mean) ** 2, 0) / (runs.length - 1);
  const own =
    runs.reduce((sum, run) => sum + (Number.isFinite(run.variance) ? run.variance : 0), 0) / runs.length;
  return ownVarianceTarget(Math.max(0, variance - own), relativeLimit(DEFAULT_THRESHOLD, centreMs));
}

/**
 * `compare-to: cache`, replayed: each trial takes `historySize` measured runs as the history (each as many rounds
 * as its own procedure would have taken) and another as the pull request, slowed by `factor`, whose rounds go on
 * until its own noise is small next to the history's; then the verdict of the cached comparison.
 */
export function replayCacheGate(
  streams: readonly (readonly number[])[],
  factor: number,
  historySize: number,
  trials: number,
  seed: number,
  bounds: RoundBounds = DEFAULT_BOUNDS,
): Rates {
  const random = createRandom(seed);
  let regressions = 0;
  let inconclusive = 0;
  let passes = 0;
  const rounds: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const order = [...streams.keys()];
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    const chosen = order.slice(1, 1 + historySize).map((index) => streams[index]!);
    const full = chosen.map((stream) =>
      locateRun(stream.slice(0, Math.min(stream.length, bounds.max)).map(Math.log)),
    );
    const centreMs = Math.exp(full.reduce((sum, run) => sum + run.mean, 0) / full.length);
    const target = full.length >= 3 ? targetFrom(full, centreMs) : null;
    const history = chosen.map((stream) =>
      locateRun(stream.slice(0, roundsAgainst(stream, target, bounds)).map(Math.log)),
    );
    const current = streams[order[0]!]!.map((ms) => ms * factor);
    const n = roundsAgainst(current, target, bounds);
    const measured = historyChange(
      locateRun(current.slice(0, n).map(Math.log)),
      history,
      SEQUENTIAL_CONFIDENCE,
    );
    const limit = relativeLimit(DEFAULT_THRESHOLD, centreMs);
    const blocker = history.length >= 3 ? null : 'unknown-noise';
    const { verdict } = decideChange(
      { estimate: measured.estimate, interval: n >= 3 ? measured.interval : null },
      limit,
      blocker,
      true,
    );
    if (verdict === 'regression') regressions++;
    if (verdict === 'inconclusive') inconclusive++;
    if (verdict === 'pass') passes++;
    rounds.push(n);
  }
  return {
    regression: regressions / trials,
    inconclusive: inconclusive / trials,
    pass: passes / trials,
    medianRounds: medianOf(rounds),
  };
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)} %`;
}

export function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length - 1),
  );
}

/**
 * The studies' table: per true change, the share of verdicts `regression` and `inconclusive` and the median
 * rounds, from `replay(factor)`. Returns the rates per row, in order.
 */
export async function printRatesTable(
  percentChanges: readonly number[],
  replay: (factor: number, percentChange: number) => Rates | Promise<Rates>,
): Promise<Rates[]> {
  console.log(
    '| true change | null hypothesis a false alarm is against | verdict regression | pass | inconclusive | median rounds |',
  );
  console.log('| ---: | --- | ---: | ---: | ---: | ---: |');
  const all: Rates[] = [];
  for (const percentChange of percentChanges) {
    const rates = await replay(1 + percentChange / 100, percentChange);
    const hypothesis =
      percentChange === 0
        ? 'no change at all (A/A)'
        : percentChange === 2.5
          ? 'a change of half the threshold'
          : '—';
    const label = percentChange === 0 ? 'none' : `+${percentChange} %`;
    console.log(
      `| ${label} | ${hypothesis} | ${percent(rates.regression)} | ${percent(rates.pass)} | ${percent(rates.inconclusive)} | ${rates.medianRounds} |`,
    );
    all.push(rates);
  }
  return all;
}
