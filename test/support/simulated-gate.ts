/**
 * The gate against the pull request's base, driven through the production code: the round loop with its looks,
 * budget and stopping (`executePlan`), then the results and the verdict (`buildResults`, `compareWithBase`). Only
 * the builds are simulated: a process runner whose builds take a set time, the head's changed by a set amount, with
 * seeded noise of a set family and size, on a simulated clock. No build runs and no copy of the loop is made, so
 * error rates and power measured here are those of what users run.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUpArms } from '../../src/bench/arms.js';
import { executePlan } from '../../src/bench/execute.js';
import { planScenarios } from '../../src/rounds/plan.js';
import type { ShimTools } from '../../src/bench/variant-setup.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { compareWithBase } from '../../src/gate/compare-base.js';
import type { Verdict } from '../../src/gate/comparison.js';
import { buildResults } from '../../src/results/build-results.js';
import type { Environment, RoundsStop } from '../../src/results/results.js';
import { createRandom, seedFrom } from '../../src/stats/random.js';
import type { CommandResult, Logger, ProcessRunner } from '../../src/system/ports.js';
import { createNoise, type NoiseFamily } from './noise.js';

/** Every build's true time: its size does not matter, only the ratios do. */
const BUILD_MS = 1000;
const THRESHOLD = 0.05;

export interface GateTrial {
  readonly family: NoiseFamily;
  /** Standard deviation of the log ratio of a head and base build in one round (6.7 % measured on the example). */
  readonly pairNoise: number;
  /** The head's true relative change: 0.1 is 10 % slower. */
  readonly change: number;
  /** Rounds the time budget allows: the budget is set to that many rounds of the builds' true time. */
  readonly budgetRounds: number;
  readonly maxRuns: number;
  readonly seed: string;
  /**
   * Measured builds instead of a noise model: one round's (head, base) times in ms, drawn from a pool a study
   * measured; the head's time is multiplied by 1 + change. `family` and `pairNoise` are then not used.
   */
  readonly drawPair?: (random: () => number) => readonly [number, number];
}

export interface TrialOutcome {
  readonly verdict: Verdict;
  readonly rounds: number;
  readonly stoppedBy: RoundsStop;
  /** The interval's ends (relative) the verdict rests on; null without one. */
  readonly low: number | null;
  readonly high: number | null;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'build-bench-simulated-'));
const headDirectory = path.join(scratch, 'head');
const baseDirectory = path.join(scratch, 'base');
mkdirSync(headDirectory);
mkdirSync(baseDirectory);

const QUIET: Logger = {
  info: () => undefined,
  warning: () => undefined,
  notice: () => undefined,
  progress: () => undefined,
  group: (_title, body) => body(),
};

/** Each family's own spread of a build's log time, measured once, to scale it to the noise asked for. */
const familySpread = new Map<NoiseFamily, { mean: number; sd: number }>();
function spreadOf(family: NoiseFamily): { mean: number; sd: number } {
  const known = familySpread.get(family);
  if (known) return known;
  const noise = createNoise(family, seedFrom(`spread/${family}`));
  const logs = Array.from({ length: 50_000 }, () => Math.log(noise.build()));
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1));
  const spread = { mean, sd };
  familySpread.set(family, spread);
  return spread;
}

/**
 * Builds that take BUILD_MS (the head's times 1 + change) times the family's noise, scaled so that a pair's log
 * ratio has the standard deviation asked for, plus a slow drift of the machine that both builds of a round share;
 * each build moves the simulated clock on by its time.
 */
function simulatedRunner(trial: GateTrial, clock: { now: number }): ProcessRunner {
  const noise = createNoise(trial.family, seedFrom(trial.seed));
  const random = createRandom(seedFrom(`${trial.seed}/drift`));
  const { mean, sd } = spreadOf(trial.family);
  const scale = trial.pairNoise / Math.SQRT2 / sd;
  let drift = 0;
  const modelled = (head: boolean): number => {
    drift = 0.9 * drift + 0.01 * (random() - 0.5);
    return (
      BUILD_MS * (head ? 1 + trial.change : 1) * Math.exp(drift + scale * (Math.log(noise.build()) - mean))
    );
  };
  // A measured round: both builds of the round come from one drawn pair, whichever side builds first.
  let pending: { head: number | null; base: number | null } = { head: null, base: null };
  const drawn = (head: boolean): number => {
    if (pending.head === null && pending.base === null) {
      const [headMs, baseMs] = trial.drawPair!(random);
      pending = { head: headMs * (1 + trial.change), base: baseMs };
    }
    const side = head ? 'head' : 'base';
    const wallMs = pending[side]!;
    pending = { ...pending, [side]: null };
    return wallMs;
  };
  return {
    run: (_file, _args, options): Promise<CommandResult> => {
      const head = options?.cwd === headDirectory;
      const wallMs = trial.drawPair ? drawn(head) : modelled(head);
      clock.now += wallMs;
      return Promise.resolve({
        exitCode: 0,
        stdout: '',
        outputTail: '',
        wallMs,
        cpuMs: null,
        peakRssKb: null,
        timedOut: false,
        signal: null,
      });
    },
  };
}

const ENVIRONMENT: Environment = {
  cpuModel: 'simulated',
  cores: 2,
} as Environment;

const NO_SHIMS = {
  binary: null,
  linker: { realLinker: 'cc', mold: null, systemLld: false },
  userWrapper: null,
} as unknown as ShimTools;

/** One pull request: the head and its base built round by round until the gate decides or the budget ends. */
export async function simulateGateTrial(trial: GateTrial): Promise<TrialOutcome> {
  // The budget counts from the first build: the two prepare builds, then the rounds it allows.
  const buildMs = trial.drawPair ? (trial.drawPair(() => 0.5)[1] ?? BUILD_MS) : BUILD_MS;
  const roundMs = buildMs * (2 + trial.change);
  const budgetMs = Math.round(2 * buildMs + trial.budgetRounds * roundMs + roundMs / 2);
  const config = parseConfig(
    {
      command: 'simulated-build',
      'working-directory': headDirectory,
      scenarios: 'noop',
      linkers: 'default',
      runs: '5',
      'max-runs': String(trial.maxRuns),
      'time-budget': `${budgetMs}ms`,
      warmup: '0',
      'compare-to': 'base',
      threshold: `${THRESHOLD * 100}%`,
    },
    { baseDirectory: scratch, hasCargoManifest: () => false },
  );
  const plans = planScenarios({
    ...config,
    variants: ['default'],
    incrementalAlreadyOn: true,
    baseScenarios: ['noop'],
    baseVariants: ['default'],
  });
  const side = (name: 'head' | 'base', workingDirectory: string) =>
    setUpArms(
      {
        config: { ...config, workingDirectory },
        side: name,
        cargo: null,
        targetDirectory: null,
        benchDir: path.join(workingDirectory, '.build-bench'),
        sources: null,
        shims: NO_SHIMS,
        moldBinary: null,
      },
      ['default'],
    );
  const arms = new Map([...side('head', headDirectory), ...side('base', baseDirectory)]);
  const clock = { now: 0 };
  const outcome = await executePlan(
    {
      config,
      plans,
      arms,
      rounds: { gatedVariant: 'default', historyTarget: () => null, earlierLogTimes: () => null },
    },
    { runner: simulatedRunner(trial, clock), logger: QUIET, env: {}, nowMs: () => clock.now },
  );
  const createdAt = new Date(0);
  const common = { linkers: [], failure: null, notes: [], touchedFiles: [], variants: ['default'] as const };
  const head = buildResults(
    config,
    { ...common, environment: ENVIRONMENT, samples: outcome.samples, rounds: outcome.rounds },
    createdAt,
  );
  const base = buildResults(
    { ...config, workingDirectory: baseDirectory },
    { ...common, environment: ENVIRONMENT, samples: outcome.base!.samples },
    createdAt,
  );
  const comparison = compareWithBase(
    head,
    { commit: 'b'.repeat(40), ref: null, results: base, failure: null },
    config.gate,
  );
  const item = comparison.scenarios[0]!;
  const record = outcome.rounds[0]!;
  return {
    verdict: item.verdict,
    rounds: record.rounds,
    stoppedBy: record.stoppedBy,
    low: item.interval?.low ?? null,
    high: item.interval?.high ?? null,
  };
}

/** A cell of the decision table: how often `trials` pull requests got each verdict, and their rounds. */
export interface CellRates {
  readonly regression: number;
  readonly pass: number;
  readonly rounds: readonly number[];
}

/** Runs `trials` seeded pull requests of one cell (trial i seeded `<seed>/<i>`). */
export async function simulateCell(
  cell: Omit<GateTrial, 'seed'>,
  trials: number,
  seed: string,
): Promise<CellRates> {
  let regression = 0;
  let pass = 0;
  const rounds: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const outcome = await simulateGateTrial({ ...cell, seed: `${seed}/${trial}` });
    if (outcome.verdict === 'regression') regression++;
    if (outcome.verdict === 'pass') pass++;
    rounds.push(outcome.rounds);
  }
  return { regression: regression / trials, pass: pass / trials, rounds };
}
