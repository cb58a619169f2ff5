/**
 * The noise study of `compare-to: base` next to `compare-to: cache`, on this machine's real noise. Run with
 * `npm run bench:base [-- --runs-measured 40 --trials 4000]`.
 *
 * 1. Measures: the example project in a git repository, its incremental scenario (`default` linker, default
 *    `runs`), as separate runs of the pipeline with `compare-to: base` and the base the same commit as the head
 *    (A/A): each run builds head and base in their own target directories, interleaved round by round.
 * 2. Simulates slowdowns of the head: for `base`, pairs of head and base builds (see gate-simulation.ts); for
 *    `cache`, the heads alone as separate runs, one playing the pull request and up to 10 others the baseline.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureBuilds } from '../src/bench/measure-step.js';
import { parseConfig } from '../src/config/parse-config.js';
import { INPUT_DEFAULTS } from '../src/config/parse-inputs.js';
import { validateResults } from '../src/results/read-results.js';
import type { Results } from '../src/results/results.js';
import { median } from '../src/stats/robust.js';
import { runCleanups } from '../src/system/cleanup.js';
import { REPO_ROOT } from '../test/support/fixture-project.js';
import { createTestDeps } from '../test/support/test-deps.js';
import { replayBaseGate, simulateBaseGate, simulateCacheGate, standardDeviation } from './gate-simulation.js';

const { values: flags } = parseArgs({
  options: {
    'runs-measured': { type: 'string', default: '40' },
    runs: { type: 'string', default: INPUT_DEFAULTS.runs },
    trials: { type: 'string', default: '4000' },
    slowdowns: { type: 'string', default: '0,5,10,15,20,25,30,40,50,75,100' },
    /** A fresh copy of the project for every run, so the head, like the base, starts from an empty target. */
    'fresh-head': { type: 'boolean', default: false },
    /** Keep (or reuse) the measured runs here. */
    'results-dir': { type: 'string' },
  },
});

interface PairedRun {
  readonly head: Results;
  readonly base: Results;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

/** The example project as a one-commit git repository in `parent`. */
function makeRepository(parent: string, name: string): string {
  const project = path.join(parent, name);
  cpSync(path.join(REPO_ROOT, 'examples', 'demo'), project, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}target`),
  });
  writeFileSync(path.join(project, '.gitignore'), 'target/\n');
  git(project, 'init', '-q', '-b', 'main');
  git(project, '-c', 'user.email=s@example.com', '-c', 'user.name=study', 'add', '-A');
  git(project, '-c', 'user.email=s@example.com', '-c', 'user.name=study', 'commit', '-q', '-m', 'demo');
  return project;
}

async function measureRuns(count: number, runs: string, directory: string | undefined): Promise<PairedRun[]> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-base-study-'));
  let project = makeRepository(parent, 'demo');
  if (directory !== undefined) mkdirSync(directory, { recursive: true });
  const measured: PairedRun[] = [];
  try {
    for (let index = 0; index < count; index++) {
      if (flags['fresh-head'] && index > 0) project = makeRepository(parent, `demo-${index}`);
      const deps = createTestDeps({});
      const config = parseConfig(
        {
          'working-directory': project,
          scenarios: 'incremental',
          linkers: 'default',
          runs,
          warmup: INPUT_DEFAULTS.warmup,
          'compare-to': 'base',
          'base-ref': 'HEAD',
          'results-path': path.join(parent, `head-${index}.json`),
        },
        { baseDirectory: parent, hasCargoManifest: () => true },
      );
      try {
        const measurement = await measureBuilds(config, deps);
        const base = measurement.base;
        if (base === null || 'absence' in base || base.failure !== null) {
          throw new Error(`run ${index + 1}: the base was not measured`);
        }
        measured.push({ head: measurement.results, base: base.results });
      } finally {
        await runCleanups((message) => process.stderr.write(`${message}\n`));
      }
      const pairs = measured.at(-1)!.head.samples.map((sample, round) => {
        const base = measured.at(-1)!.base.samples[round]!;
        return `${Math.round(sample.wallMs)}/${Math.round(base.wallMs)}`;
      });
      process.stderr.write(`run ${index + 1}/${count}: head/base ${pairs.join(', ')} ms\n`);
      if (directory !== undefined) {
        writeFileSync(path.join(directory, `run-${index}.json`), JSON.stringify(measured.at(-1)));
      }
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
  return measured;
}

function readRuns(directory: string, count: number): PairedRun[] {
  return Array.from({ length: count }, (_, index) => {
    const json = JSON.parse(readFileSync(path.join(directory, `run-${index}.json`), 'utf8')) as PairedRun;
    return { head: validateResults(json.head, 'head'), base: validateResults(json.base, 'base') };
  });
}

const count = Number(flags['runs-measured']);
const trials = Number(flags.trials);
const directory = flags['results-dir'];
const runs =
  directory !== undefined && existsSync(path.join(directory, 'run-0.json'))
    ? readRuns(directory, count)
    : await measureRuns(count, flags.runs, directory);
const runMeans = runs.map(({ head, base }) => {
  const logs = head.samples.map((sample) => {
    const paired = base.samples.find((item) => item.round === sample.round)!;
    return Math.log(sample.wallMs) - Math.log(paired.wallMs);
  });
  return logs.reduce((sum, value) => sum + value, 0) / logs.length;
});
const logRatios = runs.flatMap(({ head, base }) =>
  head.samples.map((sample) => {
    const paired = base.samples.find((item) => item.round === sample.round)!;
    return Math.log(sample.wallMs) - Math.log(paired.wallMs);
  }),
);
const headMedians = runs.map(({ head }) => head.summaries[0]!.medianMs);
const rounds = runs[0]?.head.plan.runs ?? 0;
console.log(
  `Base-comparison noise study on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ` +
    `Node ${process.version}`,
);
console.log(
  `${runs.length} measured runs of examples/demo, incremental, default linker, runs=${rounds}, head and base ` +
    `the same commit: head median ${median(headMedians).toFixed(0)} ms; head/base log ratio per pair: ` +
    `sd ${(standardDeviation(logRatios) * 100).toFixed(1)} %, median ${(median(logRatios) * 100).toFixed(1)} %; ` +
    `mean ${((logRatios.reduce((sum, value) => sum + value, 0) / logRatios.length) * 100).toFixed(1)} % ` +
    `(± ${((standardDeviation(runMeans) / Math.sqrt(runMeans.length)) * 100).toFixed(1)} % standard error over runs); ` +
    `run medians of the head: sd ${(standardDeviation(headMedians.map(Math.log)) * 100).toFixed(1)} %. ` +
    `${trials} trials per simulated row.`,
);
console.log('');
console.log('| threshold | true change | base: replayed runs | base: resampled pairs | cache (history 10) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const heads = runs.map(({ head }) => head);
for (const threshold of ['5%', '10%']) {
  for (const percent of flags.slowdowns.split(',').map(Number)) {
    const factor = 1 + percent / 100;
    const replayed = replayBaseGate(runs, threshold, factor);
    const resampled = simulateBaseGate(runs, threshold, factor, trials).regression;
    const cache = simulateCacheGate(heads, threshold, 10, factor, trials).regression;
    const change = percent === 0 ? 'none (A/A)' : `+${percent} %`;
    const share = (value: number): string => `${(value * 100).toFixed(1)} %`;
    console.log(`| ${threshold} | ${change} | ${share(replayed)} | ${share(resampled)} | ${share(cache)} |`);
  }
}
