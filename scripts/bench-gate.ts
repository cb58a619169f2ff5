/**
 * The gate's noise study: how often it cries wolf with no change (A/A) and how often it catches a real
 * slowdown, on this machine's real noise. Run with `npm run bench:gate [-- --runs-measured 40 --trials 2000]`.
 *
 * 1. Measures: the example project's incremental scenario (`default` linker, default `runs`), as separate
 *    runs of the pipeline, each one a full run as on CI (its own prepare and warm-up builds).
 * 2. Simulates: each trial draws, from the measured runs, one as the pull request and up to `history` others
 *    as the baseline (newest first), without replacement; a slowdown multiplies the pull request's samples.
 *    The gate then decides as it would on CI. Rates are over the trials.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { INPUT_DEFAULTS } from '../src/config/parse-inputs.js';
import { run } from '../src/main.js';
import { validateResults } from '../src/results/read-results.js';
import type { Results } from '../src/results/results.js';
import { median } from '../src/stats/robust.js';
import { REPO_ROOT } from '../test/support/fixture-project.js';
import { createTestDeps } from '../test/support/test-deps.js';
import { simulateCacheGate, standardDeviation } from './gate-simulation.js';

const { values: flags } = parseArgs({
  options: {
    'runs-measured': { type: 'string', default: '30' },
    runs: { type: 'string', default: INPUT_DEFAULTS.runs },
    trials: { type: 'string', default: '1000' },
    /** Reuse results files from an earlier measurement instead of building. */
    'results-dir': { type: 'string' },
  },
});

async function measureRuns(count: number, runs: string): Promise<Results[]> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-gate-'));
  const project = path.join(parent, 'demo');
  cpSync(path.join(REPO_ROOT, 'examples', 'demo'), project, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}target`),
  });
  const measured: Results[] = [];
  if (flags['results-dir'] !== undefined) mkdirSync(flags['results-dir'], { recursive: true });
  try {
    for (let index = 0; index < count; index++) {
      const deps = createTestDeps({
        'working-directory': project,
        scenarios: 'incremental',
        linkers: 'default',
        runs,
        warmup: INPUT_DEFAULTS.warmup,
        'results-path': path.join(flags['results-dir'] ?? parent, `run-${index}.json`),
      });
      const outcome = await run(deps);
      measured.push(outcome.results);
      const wall = outcome.results.samples.map((sample) => Math.round(sample.wallMs)).join(', ');
      process.stderr.write(`run ${index + 1}/${count}: ${wall} ms\n`);
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
  return measured;
}

function readRuns(directory: string, count: number): Results[] {
  return Array.from({ length: count }, (_, index) =>
    validateResults(JSON.parse(readFileSync(path.join(directory, `run-${index}.json`), 'utf8'))),
  );
}

const count = Number(flags['runs-measured']);
const trials = Number(flags.trials);
const directory = flags['results-dir'];
const measuredRuns =
  directory !== undefined && existsSync(path.join(directory, 'run-0.json'))
    ? readRuns(directory, count)
    : await measureRuns(count, flags.runs);
const medians = measuredRuns.map((results) => results.summaries[0]!.medianMs);
const spread = medians.map((value) => value / median(medians) - 1);
const logMedians = medians.map(Math.log);
const withinSds = measuredRuns.map((results) =>
  standardDeviation(results.samples.map((s) => Math.log(s.wallMs))),
);
const withinSd = median(withinSds);
const samplesPerRun = measuredRuns[0]?.plan.runs ?? 1;
// The median of n samples varies about 1.25 σ / √n (normal samples); what runs differ by beyond that is between runs.
const medianSdFromWithin = (1.2533 * withinSd) / Math.sqrt(samplesPerRun);
const runMedianSd = standardDeviation(logMedians);
const betweenSd = Math.sqrt(Math.max(0, runMedianSd ** 2 - medianSdFromWithin ** 2));
console.log(
  `Gate noise study on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`,
);
console.log(
  `${measuredRuns.length} measured runs of examples/demo, incremental, runs=${samplesPerRun}: ` +
    `median ${median(medians).toFixed(0)} ms, run medians from ${(Math.min(...spread) * 100).toFixed(1)} % ` +
    `to +${(Math.max(...spread) * 100).toFixed(1)} % of it; ${trials} trials per row.`,
);
console.log(
  `Noise (log scale): samples within a run ${(withinSd * 100).toFixed(1)} % (median over runs); ` +
    `run medians ${(runMedianSd * 100).toFixed(1)} %, of which ${(medianSdFromWithin * 100).toFixed(1)} % ` +
    `is expected from ${samplesPerRun} samples a run (normal-theory estimate, 1.25 σ/√n) and ` +
    `${(betweenSd * 100).toFixed(1)} % is left between runs (more samples a run cannot reduce that part).`,
);
console.log('');
console.log('| threshold | baseline history | true change | regression | inconclusive |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const threshold of ['2%', '5%', '10%']) {
  for (const historySize of [3, 10]) {
    for (const factor of [1, 1.1, 1.2, 1.3, 1.5]) {
      const rates = simulateCacheGate(measuredRuns, threshold, historySize, factor, trials);
      const change = factor === 1 ? 'none (A/A)' : `+${Math.round((factor - 1) * 100)} %`;
      console.log(
        `| ${threshold} | ${historySize} | ${change} | ${(rates.regression * 100).toFixed(1)} % | ` +
          `${(rates.inconclusive * 100).toFixed(1)} % |`,
      );
    }
  }
}
