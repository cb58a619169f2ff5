/**
 * The study of `compare-to: cache` on this machine's real noise: how often the gate cries wolf with no change, and
 * how often it catches a real slowdown. Run with `npm run bench:gate [-- --runs-measured 40 --trials 2000]`.
 *
 * 1. Measures: the example project's incremental scenario (`default` linker) as separate runs, each in a fresh copy
 *    of the project (as a CI checkout is), each MEASURED_ROUNDS rounds long.
 * 2. Replays: each trial takes 10 runs as the baseline's history and another as the pull request (its builds
 *    slowed by the true change); every run takes the rounds its own procedure would have taken (until its own
 *    noise is small next to the noise between the history's runs), and the cached comparison decides.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { INPUT_DEFAULTS } from '../src/config/parse-inputs.js';
import { run } from '../src/main.js';
import { locateRun } from '../src/stats/changes.js';
import { median } from '../src/stats/robust.js';
import { REPO_ROOT } from '../test/support/fixture-project.js';
import { createTestDeps } from '../test/support/test-deps.js';
import {
  DEFAULT_THRESHOLD,
  incrementalStream,
  percent,
  printRatesTable,
  replayCacheGate,
  standardDeviation,
} from './study-support.js';

const { values: flags } = parseArgs({
  options: {
    'runs-measured': { type: 'string', default: '40' },
    trials: { type: 'string', default: '2000' },
    /** Keep (or reuse) the measured runs here. */
    'results-dir': { type: 'string' },
  },
});

/** Rounds measured per run: the replays take as many of them as the procedure would. */
const MEASURED_ROUNDS = 30;

async function measureOne(index: number): Promise<number[]> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-gate-study-'));
  try {
    const project = path.join(parent, 'demo');
    cpSync(path.join(REPO_ROOT, 'examples', 'demo'), project, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}target`),
    });
    const deps = createTestDeps({
      'working-directory': project,
      scenarios: 'incremental',
      linkers: 'default',
      runs: String(MEASURED_ROUNDS),
      'max-runs': String(MEASURED_ROUNDS),
      warmup: INPUT_DEFAULTS.warmup,
      'compare-to': 'none',
      'results-path': path.join(parent, 'results.json'),
    });
    const outcome = await run(deps);
    return incrementalStream(outcome.results);
  } finally {
    rmSync(parent, { recursive: true, force: true });
    void index;
  }
}

async function measureRuns(count: number, directory: string | undefined): Promise<number[][]> {
  const streams: number[][] = [];
  if (directory !== undefined) mkdirSync(directory, { recursive: true });
  for (let index = 0; index < count; index++) {
    const saved = directory === undefined ? null : path.join(directory, `stream-${index}.json`);
    if (saved !== null && existsSync(saved)) {
      streams.push(JSON.parse(readFileSync(saved, 'utf8')) as number[]);
      continue;
    }
    const stream = await measureOne(index);
    streams.push(stream);
    if (saved !== null) writeFileSync(saved, JSON.stringify(stream));
    process.stderr.write(
      `run ${index + 1}/${count}: median ${median(stream).toFixed(0)} ms over ${stream.length} rounds\n`,
    );
  }
  return streams;
}

const count = Number(flags['runs-measured']);
const trials = Number(flags.trials);
const streams = await measureRuns(count, flags['results-dir']);
const locations = streams.map((stream) => locateRun(stream.map(Math.log)));
const betweenTotal = standardDeviation(locations.map((run) => run.mean));
const ownPerRun = Math.sqrt(median(locations.map((run) => run.variance)));
const between = Math.sqrt(Math.max(0, betweenTotal ** 2 - ownPerRun ** 2));
const buildMs = median(streams.map((stream) => median(stream)));
const withinSd = median(streams.map((stream) => standardDeviation(stream.map(Math.log))));
const tau = Math.log1p(DEFAULT_THRESHOLD.relative ?? 0.05);
// Known centre and known noise between runs, no noise of its own: the best one run against a history can do.
const ideal = Math.expm1(Math.max(tau, tau / 2 + 1.96 * between) + 1.2816 * between);

console.log(
  `Cached-baseline study on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`,
);
console.log(
  `${streams.length} measured runs of examples/demo (each a fresh copy), incremental, default linker, ${MEASURED_ROUNDS} rounds each: ` +
    `build ${buildMs.toFixed(0)} ms; builds within a run differ by ${percent(withinSd)} (sd, log scale); ` +
    `run locations by ${percent(betweenTotal)}, of which ${percent(between)} is between runs (more rounds cannot reduce that part).`,
);
console.log(
  `The smallest slowdown one run against a perfectly known history could catch 9 times in 10 at this noise: ` +
    `+${(ideal * 100).toFixed(0)} % (threshold 5 %, zero noise of its own).`,
);
console.log('');
console.log(`Replays with a history of 10 runs, ${trials} trials a row, threshold 5 %:`);
console.log('');
const changes = [0, 2.5, 5, 10, 15, 20, 25, 30, 35, 40, 50];
const rates = await printRatesTable(changes, (factor, percentChange) =>
  replayCacheGate(streams, factor, 10, trials, 0xcac4e + percentChange * 10),
);
const caught = changes.findIndex((_, index) => rates[index]!.regression >= 0.9);
const smallest = caught === -1 ? null : changes[caught]!;
console.log('');
console.log(
  `Smallest slowdown caught 9 times in 10 or more: ${smallest === null ? 'none up to +50 %' : `+${smallest} %`}.`,
);
