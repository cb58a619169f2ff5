/**
 * The gate as a runner runs it, on builds whose true change and noise are set: `dist/index.js` on `pull_request`
 * events of a git repository whose build is `sh build.sh`, a sleep of 200 ms (times the change the commit sets)
 * with log-normal noise of 6.7 % per head/base pair, measured on the example project. No `compare-to` input: the
 * default `auto` builds each pull request's base in a worktree, interleaved with the head.
 *
 * Prints, per row, how many pull requests got each verdict, and for unchanged ones whether any pass rested on an
 * interval reaching beyond 1.5 times the threshold (the claim "no slowdown beyond +7.5 %" must hold). Run with
 * `npm run bench:pull-requests [-- --trials 12]` after `npm run package` (it runs the bundle).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBundle, type BundleRun } from '../test/support/run-bundle.js';

const { values: flags } = parseArgs({
  options: {
    trials: { type: 'string', default: '12' },
  },
});

/** Per-build log-normal noise such that a head/base pair differs by 6.7 % (the example's measured pair noise). */
const BUILD_NOISE = 0.067 / Math.SQRT2;
const THRESHOLD_PERCENT = 5;

const BUILD_SCRIPT = `#!/bin/sh
# A build of 200 ms times the factor in ./change, with log-normal noise (sigma ${BUILD_NOISE.toFixed(4)}).
seconds=$(awk -v f="$(cat change)" -v seed="$(od -An -N4 -tu4 /dev/urandom)" 'BEGIN {
  srand(seed); u1 = rand(); u2 = rand(); if (u1 < 1e-12) u1 = 1e-12
  printf "%.4f", 0.2 * f * exp(${BUILD_NOISE.toFixed(4)} * sqrt(-2 * log(u1)) * cos(6.283185307 * u2))
}')
sleep "$seconds"
`;

const AUTHOR = ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench'];
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** A repository whose base builds in 200 ms and whose head in 200 ms × (1 + change). */
function makePullRequest(
  parent: string,
  change: number,
): { workspace: string; baseSha: string; headSha: string } {
  const workspace = path.join(parent, 'repo');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(path.join(workspace, 'build.sh'), BUILD_SCRIPT);
  writeFileSync(path.join(workspace, 'change'), '1\n');
  writeFileSync(path.join(workspace, '.gitignore'), '.build-bench/\n');
  git(workspace, 'init', '-q', '-b', 'main');
  git(workspace, ...AUTHOR, 'add', '-A');
  git(workspace, ...AUTHOR, 'commit', '-q', '-m', 'base');
  const baseSha = git(workspace, 'rev-parse', 'HEAD');
  writeFileSync(path.join(workspace, 'change'), `${1 + change}\n`);
  writeFileSync(path.join(workspace, 'README.md'), 'A pull request.\n');
  git(workspace, ...AUTHOR, 'add', '-A');
  git(workspace, ...AUTHOR, 'commit', '-q', '-m', 'head');
  return { workspace, baseSha, headSha: git(workspace, 'rev-parse', 'HEAD') };
}

interface Trial {
  readonly verdict: string;
  readonly high: number;
  readonly rounds: number;
}

async function runTrial(change: number, inputs: Record<string, string>): Promise<Trial> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-pr-'));
  try {
    const { workspace, baseSha, headSha } = makePullRequest(parent, change);
    const run: BundleRun = await runBundle(
      {
        command: 'sh build.sh',
        scenarios: 'incremental',
        linkers: 'default',
        touch: 'build.sh',
        comment: 'never',
        ...inputs,
      },
      {
        workspace,
        runnerTemp: path.join(parent, 'temp'),
        event: {
          name: 'pull_request',
          ref: 'refs/pull/5/merge',
          sha: headSha,
          payload: {
            number: 5,
            pull_request: {
              number: 5,
              base: { ref: 'main', sha: baseSha },
              head: { ref: 'feature', sha: headSha },
            },
            repository: { default_branch: 'main' },
          },
        },
      },
    );
    const verdict = run.outputs['incremental-verdict'] ?? 'missing';
    if (run.outputs['baseline-commit'] !== baseSha) {
      throw new Error(`The run did not compare with its base:\n${run.stdout}`);
    }
    const rounds = /incremental: (\d+) rounds/.exec(run.stdout)?.[1];
    return {
      verdict,
      high: Number(run.outputs['incremental-change-high-percent']),
      rounds: rounds === undefined ? Number.NaN : Number(rounds),
    };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const trials = Number(flags.trials);
const rows: { label: string; change: number; inputs: Record<string, string> }[] = [
  { label: 'none, `time-budget: 6s`', change: 0, inputs: { 'time-budget': '6s' } },
  { label: 'none, default budget', change: 0, inputs: {} },
  { label: '+10 %, `time-budget: 6s`', change: 0.1, inputs: { 'time-budget': '6s' } },
  { label: '+10 %, default budget', change: 0.1, inputs: {} },
];
console.log(
  `bench:pull-requests on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores: ${trials} pull requests per row, ` +
    `a 200 ms build with ${(BUILD_NOISE * Math.SQRT2 * 100).toFixed(1)} % noise per pair, threshold ${THRESHOLD_PERCENT} %, no compare-to input.`,
);
console.log('');
console.log(
  '| true change, budget | regression | inconclusive | pass | passes reaching beyond +7.5 % | rounds (median) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const results: Trial[] = [];
  for (let trial = 0; trial < trials; trial++) results.push(await runTrial(row.change, row.inputs));
  const count = (verdict: string) => results.filter((item) => item.verdict === verdict).length;
  const wide = results.filter(
    (item) => item.verdict === 'pass' && item.high > THRESHOLD_PERCENT * 1.5,
  ).length;
  const rounds = results.map((item) => item.rounds).sort((a, b) => a - b)[results.length >> 1];
  console.log(
    `| ${row.label} | ${count('regression')} of ${trials} | ${count('inconclusive')} | ${count('pass')} | ${wide} | ${rounds} |`,
  );
}
