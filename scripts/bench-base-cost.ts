/**
 * What `compare-to: auto` costs on a pull request of a large workspace: bench:scale's ~300-crate workspace as a git
 * repository whose head changes one library crate, run as a `pull_request` with the Action's default `compare-to`
 * (its base built in a worktree, started from a copy of the head's target directory). Prints the head's clean
 * build, the base's first build, the copy, and all the time the base added, each as a share of the clean build.
 * Run with `npm run bench:base-cost [-- --runs 3]`; it skips, naming the packages to install, when Debian's crates
 * are not there.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { run } from '../src/main.js';
import { formatBytesKb, formatDurationMs } from '../src/format/format-numbers.js';
import { median } from '../src/stats/robust.js';
import { createTestDeps } from '../test/support/test-deps.js';
import { checkScalePackages, createScaleWorkspace } from './scale-workspace.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});

const check = checkScalePackages();
if (!check.ok) {
  console.log(
    `bench:base-cost skipped: Debian's packaged crates are missing (${check.missing.length} packages). Install them with:\n  ${check.installCommand}`,
  );
  process.exit(0);
}

const incrementalFailed = (comparison: { scenarios: readonly { reason: string }[] }): boolean =>
  comparison.scenarios.some((item) => item.reason === 'base-failed');

const AUTHOR = ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench'];
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-base-cost-'));
try {
  const workspace = createScaleWorkspace(parent);
  const directory = workspace.directory;
  writeFileSync(path.join(directory, '.gitignore'), 'target/\n');
  git(directory, 'init', '-q', '-b', 'main');
  git(directory, ...AUTHOR, 'add', '-A');
  git(directory, ...AUTHOR, 'commit', '-q', '-m', 'base');
  const baseSha = git(directory, 'rev-parse', 'HEAD');
  // The pull request: one more function in the first library crate.
  const library = workspace.crates[0]!;
  appendFileSync(
    path.join(directory, 'crates', library, 'src', 'lib.rs'),
    '\n/// Added by the pull request.\npub fn added_by_the_pull_request() -> u32 {\n    42\n}\n',
  );
  git(directory, ...AUTHOR, 'commit', '-q', '-am', 'head');
  const headSha = git(directory, 'rev-parse', 'HEAD');
  const eventPath = path.join(parent, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      number: 7,
      pull_request: {
        number: 7,
        base: { ref: 'main', sha: baseSha },
        head: { ref: 'feature', sha: headSha },
      },
      repository: { default_branch: 'main' },
    }),
  );
  const deps = createTestDeps(
    {
      'working-directory': directory,
      scenarios: 'clean, incremental',
      linkers: 'default',
      runs: flags.runs,
      'max-runs': flags.runs,
      'clean-runs': '1',
      touch: path.relative(directory, workspace.appSource),
      comment: 'never',
      'fail-on': 'never',
    },
    {
      ...process.env,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: headSha,
      GITHUB_REF: 'refs/pull/7/merge',
      RUNNER_TEMP: path.join(parent, 'runner-temp'),
    },
  );
  const { results, comparison } = await run(deps);
  const cleanMs = median(
    results.samples
      .filter((sample) => sample.scenario === 'clean' && sample.exitCode === 0)
      .map((sample) => sample.wallMs),
  );
  const cost = comparison?.baseline?.baseCost ?? null;
  if (comparison?.baseline?.kind !== 'base' || cost === null) {
    throw new Error(`No base was compared: ${deps.logger.lines.join('\n')}`);
  }
  const share = (ms: number): string => `${((ms / cleanMs) * 100).toFixed(1)} %`;
  const seed = cost.seed;
  const copyMs = seed?.durationMs ?? 0;
  console.log(
    `bench:base-cost on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${results.environment.rustc}`,
  );
  console.log(
    `Workspace: ${workspace.crates.length} members, ${results.analysis?.dependencies?.crates.length ?? 0} crates; the pull request changes ${library}.`,
  );
  console.log('');
  console.log('| what | time | share of a clean build |');
  console.log('| --- | ---: | ---: |');
  console.log(`| the head's clean build | ${formatDurationMs(cleanMs)} | 100 % |`);
  console.log(
    `| copying the head's target directory (${seed?.how ?? 'none'}, ${formatBytesKb((seed?.bytes ?? 0) / 1024)}) | ${formatDurationMs(copyMs)} | ${share(copyMs)} |`,
  );
  // The head's own first incremental build (CARGO_INCREMENTAL=1 after the clean builds), as the log printed it.
  const headPrepare = deps.logger.lines.find((line) => line.startsWith('incremental · default · prepare:'));
  console.log(
    `| the head's first incremental build | ${headPrepare?.replace(/^[^:]+: /, '').replace(/ \(.*$/, '') ?? '—'} | |`,
  );
  console.log(
    `| the base's first build | ${formatDurationMs(cost.firstBuildMs)} | ${share(cost.firstBuildMs ?? 0)} |`,
  );
  console.log(
    `| the base's first build with the copy | ${formatDurationMs((cost.firstBuildMs ?? 0) + copyMs)} | ${share((cost.firstBuildMs ?? 0) + copyMs)} |  target ≤ 25 %`,
  );
  console.log(
    `| all the base added (${cost.builds} builds and the copy) | ${formatDurationMs(cost.totalMs)} | ${share(cost.totalMs)} |`,
  );
  if (seed?.note) console.log(`The base built from scratch: ${seed.note}.`);
  const baseFailure = deps.summaries
    .join('\n')
    .split('\n')
    .filter((line) => /Base: /.test(line));
  if (incrementalFailed(comparison)) console.log(baseFailure.join('\n'));
  const incremental = comparison.scenarios.find((item) => item.scenario === 'incremental');
  console.log('');
  console.log(
    `Verdict: ${comparison.verdict}; incremental ${incremental?.verdict ?? '—'} (${incremental?.reason ?? '—'}), clean ${comparison.scenarios.find((item) => item.scenario === 'clean')?.reason ?? '—'}.`,
  );
  if (flags.keep) console.log(`Kept: ${directory}`);
} finally {
  if (!flags.keep) rmSync(parent, { recursive: true, force: true });
}
