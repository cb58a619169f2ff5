/**
 * The study of `compare-to: base` on this machine's real noise. Run with
 * `npm run bench:base [-- --runs-measured 40 --trials 4000]`.
 *
 * 1. Measures: the example project as a git repository whose head only adds a README line to its base (a pull
 *    request that cannot change the build), run after run, each a fresh clone (as a CI checkout is), with the
 *    Action's default inputs plus `compare-to: base` (incremental scenario, `default` linker): the real adaptive
 *    procedure, rounds added until decided. Its verdicts are the A/A false alarms of real runs.
 * 2. Replays: the same procedure round by round on head/base pairs drawn from all measured pairs, the heads slowed
 *    by each true change, `trials` times per row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureBuilds } from '../src/bench/measure-step.js';
import { parseConfig } from '../src/config/parse-config.js';
import { compareWithBase, pairByRound } from '../src/gate/compare-base.js';
import { runCleanups } from '../src/system/cleanup.js';
import { median } from '../src/stats/robust.js';
import { createTestDeps } from '../test/support/test-deps.js';
import {
  makeNoOpPullRequest,
  percent,
  printRatesTable,
  replayBaseGate,
  standardDeviation,
} from './study-support.js';

const { values: flags } = parseArgs({
  options: {
    'runs-measured': { type: 'string', default: '40' },
    trials: { type: 'string', default: '4000' },
    /** Keep (or reuse) the measured runs here. */
    'results-dir': { type: 'string' },
    /**
     * The experiment behind the study's setup: one project for every run, so the head builds in a target
     * directory that earlier runs warmed while the base's worktree starts empty each time (as the first study did).
     */
    'reuse-head': { type: 'boolean', default: false },
  },
});

interface MeasuredRun {
  readonly verdict: string;
  readonly rounds: number;
  readonly pairs: [number, number][];
}

let reused: { project: string; baseSha: string } | null = null;

async function measureOne(index: number, parent: string): Promise<MeasuredRun> {
  if (flags['reuse-head'] && reused === null)
    reused = makeNoOpPullRequest(mkdtempSync(path.join(os.tmpdir(), 'build-bench-base-reused-')), 'demo');
  const { project, baseSha } = reused ?? makeNoOpPullRequest(parent, `run-${index}`);
  const deps = createTestDeps({});
  const config = parseConfig(
    {
      'working-directory': project,
      'compare-to': 'base',
      'base-ref': baseSha,
      scenarios: 'incremental',
      linkers: 'default',
      'results-path': path.join(parent, 'results.json'),
    },
    { baseDirectory: parent, hasCargoManifest: () => true },
  );
  try {
    const measurement = await measureBuilds(config, deps);
    const base = measurement.base;
    if (base === null || 'absence' in base || base.failure !== null)
      throw new Error(`run ${index + 1}: the base was not measured`);
    const comparison = compareWithBase(measurement.results, base, config.gate);
    return {
      verdict: comparison.verdict,
      rounds: measurement.results.rounds[0]?.rounds ?? 0,
      pairs: pairByRound(measurement.results, base.results, 'incremental', 'default'),
    };
  } finally {
    await runCleanups((message) => process.stderr.write(`${message}\n`));
  }
}

async function measureRuns(count: number, directory: string | undefined): Promise<MeasuredRun[]> {
  const runs: MeasuredRun[] = [];
  if (directory !== undefined) mkdirSync(directory, { recursive: true });
  for (let index = 0; index < count; index++) {
    const saved = directory === undefined ? null : path.join(directory, `run-${index}.json`);
    if (saved !== null && existsSync(saved)) {
      runs.push(JSON.parse(readFileSync(saved, 'utf8')) as MeasuredRun);
      continue;
    }
    const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-base-study-'));
    try {
      runs.push(await measureOne(index, parent));
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
    const last = runs.at(-1)!;
    const shown = last.pairs.slice(0, 6).map(([head, base]) => `${Math.round(head)}/${Math.round(base)}`);
    process.stderr.write(
      `run ${index + 1}/${count}: ${last.verdict} after ${last.rounds} rounds; head/base ${shown.join(', ')} ms…\n`,
    );
    if (saved !== null) writeFileSync(saved, JSON.stringify(last));
  }
  return runs;
}

const count = Number(flags['runs-measured']);
const trials = Number(flags.trials);
const runs = await measureRuns(count, flags['results-dir']);
const logRatios = runs.flatMap((measured) => measured.pairs.map(([head, base]) => Math.log(head / base)));
const runMeans = runs.map((measured) => {
  const logs = measured.pairs.map(([head, base]) => Math.log(head / base));
  return logs.reduce((sum, value) => sum + value, 0) / logs.length;
});
const meanBias = runMeans.reduce((sum, value) => sum + value, 0) / runMeans.length;
const biasError = standardDeviation(runMeans) / Math.sqrt(runMeans.length);
// Build order: head and base swap which builds first every round, so alternate pairs are the two orders.
const byOrder = [0, 1].map((parity) =>
  runs.flatMap((measured) =>
    measured.pairs.filter((_, index) => index % 2 === parity).map(([head, base]) => Math.log(head / base)),
  ),
);
const meanOf = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const pool = runs.flatMap((measured) => measured.pairs);
const headMs = median(pool.map(([head]) => head));
const realAlarms = runs.filter((measured) => measured.verdict === 'regression').length;

console.log(
  `Base-comparison study on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`,
);
console.log(
  `${runs.length} measured runs of examples/demo (head = base + a README line, ${flags['reuse-head'] ? 'one project for every run' : 'each a fresh clone'}), incremental, ` +
    `default linker, the Action's default inputs plus compare-to: base; incremental build ${headMs.toFixed(0)} ms.`,
);
console.log(
  `Head ÷ base per pair (log scale): sd ${percent(standardDeviation(logRatios))}; A/A mean change ` +
    `${meanBias >= 0 ? '+' : ''}${percent(meanBias, 2)} ± ${percent(biasError, 2)} (standard error over runs).`,
);
console.log(
  `By build order (alternate rounds): ${byOrder.map((values) => `${percent(meanOf(values), 2)} ± ${percent(standardDeviation(values) / Math.sqrt(values.length), 2)}`).join(' and ')}.`,
);
console.log(
  `Real runs, no change: ${realAlarms} of ${runs.length} regression (${percent(realAlarms / runs.length)}); ` +
    `rounds per run: median ${median(runs.map((measured) => measured.rounds))}, from ${Math.min(...runs.map((measured) => measured.rounds))} to ${Math.max(...runs.map((measured) => measured.rounds))}.`,
);
console.log('');
console.log(
  `Replays of the procedure on pairs drawn from the ${pool.length} measured pairs, ${trials} trials a row, threshold 5 %:`,
);
console.log('');
await printRatesTable([0, 2.5, 5, 10, 20, 30], (factor, percentChange) =>
  replayBaseGate(pool, factor, trials, 0xba5e + percentChange * 10),
);
