/**
 * What Cargo profile settings save, measured with the Action's engine: `settings: recommended` and a settings
 * variant joined to mold, on a copy of the example project and, with `--scale`, on the ~300-crate workspace of
 * `npm run bench:scale` (skipped, naming the packages, when Debian's crates are not there). Prints one table per
 * project: each variant's change against `default` in the same rounds, its 95 % interval, the time per build, the
 * finding, and the options rustc received that proved it. docs/settings.md shows its tables.
 * Run with `npm run bench:settings [-- --scale --time-budget 15m]`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { run } from '../src/main.js';
import {
  formatChange,
  formatChangeRange,
  formatDurationChange,
  formatDurationMs,
} from '../src/format/format-numbers.js';
import {
  claimSpeedup,
  CLAIM_WORDS,
  estimateSavings,
  estimateVariantChange,
} from '../src/report/speedup-claim.js';
import type { Results } from '../src/results/results.js';
import { createTestDeps } from '../test/support/test-deps.js';
import { checkScalePackages, createScaleWorkspace } from './scale-workspace.js';

const { values: flags } = parseArgs({
  options: {
    scale: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    'clean-runs': { type: 'string', default: '3' },
    'max-runs': { type: 'string', default: '40' },
    'time-budget': { type: 'string', default: '8m' },
    'scale-time-budget': { type: 'string', default: '25m' },
  },
});

/** The variants measured: the curated set, and the curated favourite joined to mold. */
const SETTINGS = 'recommended\nmold + debug=line-tables-only';

function printTable(title: string, results: Results, tookMs: number): void {
  console.log(`\n${title} (${formatDurationMs(tookMs)} in all)`);
  for (const note of results.notes.filter((item) => item.startsWith('settings: recommended')))
    console.log(note);
  for (const record of results.rounds) {
    console.log(`${record.scenario}: ${record.rounds} rounds, stopped by ${record.stoppedBy}`);
  }
  console.log('');
  console.log('| scenario | variant | median | change | 95 % CI | per build | finding | proven by |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | --- | --- |');
  for (const scenario of results.plan.scenarios) {
    const defaultSummary = results.summaries.find(
      (item) => item.scenario === scenario && item.variant === 'default',
    );
    if (defaultSummary === undefined) continue;
    console.log(
      `| ${scenario} | default | ${formatDurationMs(defaultSummary.medianMs)} | — | — | — | — | — |`,
    );
    for (const speedup of results.speedups.filter((item) => item.scenario === scenario)) {
      const summary = results.summaries.find(
        (item) => item.scenario === scenario && item.variant === speedup.variant,
      )!;
      const { change, interval } = estimateVariantChange(speedup);
      const perBuild = formatDurationChange(-estimateSavings(speedup, defaultSummary.medianMs).savedMs);
      const proofs = results.settingProofs
        .filter((proof) => proof.variant === speedup.variant)
        .flatMap((proof) => proof.flags)
        .join(', ');
      console.log(
        `| ${scenario} | \`${speedup.variant}\` | ${formatDurationMs(summary.medianMs)} | ${formatChange(change)} | ` +
          `${formatChangeRange(interval)} | ${perBuild} | ${CLAIM_WORDS[claimSpeedup(speedup)]} | ${proofs || '—'} |`,
      );
    }
  }
}

async function measure(directory: string, inputs: Record<string, string>): Promise<[Results, number]> {
  const started = performance.now();
  const deps = createTestDeps({
    'working-directory': directory,
    linkers: 'default',
    settings: SETTINGS,
    'compare-to': 'none',
    runs: flags.runs,
    'max-runs': flags['max-runs'],
    warmup: '1',
    ...inputs,
  });
  const { results } = await run(deps);
  return [results, performance.now() - started];
}

console.log(`bench:settings on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores`);
const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-settings-'));
try {
  const example = path.join(parent, 'demo');
  cpSync(path.join(import.meta.dirname, '..', '..', 'examples', 'demo'), example, {
    recursive: true,
    filter: (source) => !source.split(path.sep).includes('target'),
  });
  const [results, tookMs] = await measure(example, {
    scenarios: 'clean, incremental, edit',
    'clean-runs': flags['clean-runs'],
    'time-budget': flags['time-budget'],
  });
  printTable(`The example project (examples/demo), ${results.environment.rustc}`, results, tookMs);
  if (flags.scale) {
    const check = checkScalePackages();
    if (!check.ok) {
      console.log(
        `\n--scale skipped: Debian's packaged crates are missing. Install them with:\n  ${check.installCommand}`,
      );
    } else {
      const workspace = createScaleWorkspace(parent);
      const [scale, scaleMs] = await measure(workspace.directory, {
        scenarios: 'clean, incremental',
        'clean-runs': '2',
        'max-runs': '20',
        'time-budget': flags['scale-time-budget'],
        touch: path.relative(workspace.directory, workspace.appSource),
      });
      printTable(`The ${workspace.crates.length}-member workspace of npm run bench:scale`, scale, scaleMs);
    }
  }
} finally {
  rmSync(parent, { recursive: true, force: true });
}
