/**
 * What the gate studies share: the example project as a git repository whose head differs from its base by a
 * README line (a pull request that cannot change the build), one measured run with the Action's default inputs,
 * and replays of the adaptive procedure itself, round by round, on rounds drawn from what was measured.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseThreshold } from '../src/config/parse-threshold.js';
import { relativeLimit } from '../src/gate/threshold.js';
import { decideChange } from '../src/gate/verdict.js';
import type { Results } from '../src/results/results.js';
import { historyChange, locateRun, type RunLocation } from '../src/stats/changes.js';
import { decideAgainstLimit } from '../src/stats/decisions.js';
import { SEQUENTIAL_CONFIDENCE } from '../src/stats/looks.js';
import { createRandom, type Random } from '../src/stats/random.js';
import { isDecisionPoint, pairedChangeAt, type RoundBounds } from '../src/stats/sequential.js';
import { INPUT_DEFAULTS } from '../src/config/parse-inputs.js';
import { REPO_ROOT } from '../test/support/fixture-project.js';

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
 * `compare-to: base`, replayed: each trial draws head/base pairs one round at a time from the measured pool, the
 * head slowed by `factor`, and runs the very procedure of a run: decided at scheduled looks only, else the verdict
 * at the most rounds.
 */
export function replayBaseGate(
  pairs: readonly (readonly [number, number])[],
  factor: number,
  trials: number,
  seed: number,
  bounds: RoundBounds = DEFAULT_BOUNDS,
): Rates {
  const random = createRandom(seed);
  let regressions = 0;
  let inconclusive = 0;
  const rounds: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const ratios: number[] = [];
    let baseMs = 0;
    for (;;) {
      const [head, base] = pairs[shuffleIndex(random, pairs.length)]!;
      ratios.push(Math.log((head * factor) / base));
      baseMs += base;
      const n = ratios.length;
      if (n < bounds.min) continue;
      const change = pairedChangeAt(ratios, bounds);
      const limit = relativeLimit(DEFAULT_THRESHOLD, baseMs / n);
      const decided = isDecisionPoint(n, bounds) && decideAgainstLimit(change, limit) !== 'undecided';
      if (!decided && n < bounds.max) continue;
      const { verdict } = decideChange(change, limit);
      if (verdict === 'regression') regressions++;
      if (verdict === 'inconclusive') inconclusive++;
      rounds.push(n);
      break;
    }
  }
  return {
    regression: regressions / trials,
    inconclusive: inconclusive / trials,
    medianRounds: medianOf(rounds),
  };
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
  const limit = relativeLimit(DEFAULT_THRESHOLD, centreMs);
  return Math.max(Math.max(0, variance - own) / 9, (Math.log1p(limit) / 6) ** 2);
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
    rounds.push(n);
  }
  return {
    regression: regressions / trials,
    inconclusive: inconclusive / trials,
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
export function printRatesTable(
  percentChanges: readonly number[],
  replay: (factor: number, percentChange: number) => Rates,
): Rates[] {
  console.log(
    '| true change | null hypothesis a false alarm is against | verdict regression | inconclusive | median rounds |',
  );
  console.log('| ---: | --- | ---: | ---: | ---: |');
  return percentChanges.map((percentChange) => {
    const rates = replay(1 + percentChange / 100, percentChange);
    const hypothesis =
      percentChange === 0
        ? 'no change at all (A/A)'
        : percentChange === 2.5
          ? 'a change of half the threshold'
          : '—';
    const label = percentChange === 0 ? 'none' : `+${percentChange} %`;
    console.log(
      `| ${label} | ${hypothesis} | ${percent(rates.regression)} | ${percent(rates.inconclusive)} | ${rates.medianRounds} |`,
    );
    return rates;
  });
}
