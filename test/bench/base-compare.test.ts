/**
 * `compare-to: base` as a runner runs it: dist/index.js on a pull_request whose base is another commit of a real
 * git repository, built in its own worktree next to the head, interleaved and paired round by round.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heavierMainSource, REPO_ROOT } from '../support/fixture-project.js';
import { runBundle, type BundleRun, type RunnerEvent } from '../support/run-bundle.js';

const INPUTS = {
  'compare-to': 'base',
  scenarios: 'incremental',
  linkers: 'default',
  runs: '5',
  'max-runs': '5',
  warmup: '1',
  // Far above this fixture's paired noise, far below what the heavier crate costs.
  threshold: '50%',
};

/**
 * The gate's defaults (runs, max-runs, time budget, threshold, fail-on) plus `compare-to: base`; one scenario and
 * one linker keep the suite short (the other defaults add clean builds and mold, not gate decisions).
 */
const GATE_DEFAULTS = { 'compare-to': 'base', scenarios: 'incremental', linkers: 'default' };

/** The median of three touch-then-rebuild cycles of the fixture on this machine, now. */
function measureFixtureRebuildMs(): number {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'build-bench-calibrate-'));
  try {
    addProject(scratch);
    const build = () => execFileSync('cargo', ['build', '--offline', '-q'], { cwd: scratch, stdio: 'pipe' });
    build();
    const times = [0, 1, 2].map(() => {
      const now = new Date();
      utimesSync(path.join(scratch, 'crates', 'cli', 'src', 'main.rs'), now, now);
      const started = performance.now();
      build();
      return performance.now() - started;
    });
    return times.sort((a, b) => a - b)[1]!;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The slower head: a build script on the binary crate that reruns whenever its source changes (so on every
 * incremental build) and sleeps 30 % of the fixture's rebuild as measured on this machine just before, so the
 * slowdown is the same share on a fast machine and a loaded one.
 */
function addSlowerBuildScript(workspace: string, share: number): void {
  const sleepMs = Math.round(measureFixtureRebuildMs() * share);
  const crate = path.join(workspace, 'crates', 'cli');
  writeFileSync(
    path.join(crate, 'build.rs'),
    `fn main() {\n    println!("cargo:rerun-if-changed=src/main.rs");\n    std::thread::sleep(std::time::Duration::from_millis(${sleepMs}));\n}\n`,
  );
}

const parents: string[] = [];
afterAll(() => parents.forEach((parent) => rmSync(parent, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

/** A repository with the tiny fixture at its root: returns the workspace and a function that commits. */
function makeRepository(): { workspace: string; runnerTemp: string; commit: (message: string) => string } {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-base-'));
  parents.push(parent);
  const workspace = path.join(parent, 'workspace');
  git(parent, 'init', '-q', '-b', 'main', workspace);
  git(workspace, 'config', 'user.email', 'dev@example.com');
  git(workspace, 'config', 'user.name', 'dev');
  // cargo writes Cargo.lock on the first build of the head, as it would in any checkout without one.
  writeFileSync(path.join(workspace, '.gitignore'), 'target/\nCargo.lock\n');
  return {
    workspace,
    runnerTemp: path.join(parent, 'runner-temp'),
    commit: (message) => {
      git(workspace, 'add', '-A');
      git(workspace, 'commit', '-q', '-m', message);
      return git(workspace, 'rev-parse', 'HEAD');
    },
  };
}

function addProject(workspace: string): void {
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tiny'), workspace, { recursive: true });
}

/** The incremental change this run printed in its outputs, with its interval's ends: [low, change, high] in %. */
function printedChange(run: BundleRun): [number, number, number] {
  const read = (part: string): number => Number(run.outputs[`incremental-change-${part}percent`]);
  return [read('low-'), read(''), read('high-')];
}

function pullRequestOnto(baseSha: string, headSha: string): RunnerEvent {
  return {
    name: 'pull_request',
    ref: 'refs/pull/3/merge',
    sha: headSha,
    payload: {
      number: 3,
      pull_request: {
        number: 3,
        base: { ref: 'main', sha: baseSha },
        head: { ref: 'feature', sha: headSha },
      },
      repository: { default_branch: 'main' },
    },
  };
}

async function benchmarkPullRequest(
  repo: ReturnType<typeof makeRepository>,
  baseSha: string,
  headSha: string,
  inputs: Record<string, string> = INPUTS,
): Promise<BundleRun> {
  const run = await runBundle(inputs, {
    workspace: repo.workspace,
    runnerTemp: repo.runnerTemp,
    event: pullRequestOnto(baseSha, headSha),
  });
  // The worktree and the base's target directories are gone, and git no longer lists the worktree.
  const left = existsSync(repo.runnerTemp)
    ? readdirSync(repo.runnerTemp).filter((name) => name.startsWith('build-bench-base-'))
    : [];
  expect(left).toEqual([]);
  expect(git(repo.workspace, 'worktree', 'list').split('\n')).toHaveLength(1);
  expect(git(repo.workspace, 'status', '--porcelain')).toBe('');
  return run;
}

describe('compare-to: base on a runner', () => {
  it('finds a regression when the head makes the top crate heavier to compile', async () => {
    const repo = makeRepository();
    addProject(repo.workspace);
    const baseSha = repo.commit('base');
    writeFileSync(path.join(repo.workspace, 'crates', 'cli', 'src', 'main.rs'), heavierMainSource());
    const headSha = repo.commit('heavier');
    const run = await benchmarkPullRequest(repo, baseSha, headSha, GATE_DEFAULTS);
    expect(run.status, run.stdout).toBe(1);
    expect(run.outputs.verdict).toBe('regression');
    expect(run.outputs['baseline-commit']).toBe(baseSha);
    expect(run.stdout).toMatch(/::error::Builds got slower than the threshold allows/);
    expect(run.summary).toContain(`\`${baseSha.slice(0, 7)}\``);
    // The crate that got slower is named, with its own interval.
    expect(run.summary).toContain('tiny-cli 0.1.0 (bin tiny_cli)');
  });

  it('fails a head about 30 % slower than its base with the gate defaults plus compare-to: base', async () => {
    const repo = makeRepository();
    addProject(repo.workspace);
    const baseSha = repo.commit('base');
    addSlowerBuildScript(repo.workspace, 0.3);
    const headSha = repo.commit('30 % slower');
    const run = await benchmarkPullRequest(repo, baseSha, headSha, GATE_DEFAULTS);
    expect(run.stdout).toMatch(/::error::Builds got slower than the threshold allows/);
    expect(run.status, run.stdout).toBe(1);
    expect(run.outputs['incremental-verdict']).toBe('regression');
    // The change is what this run measured: above the threshold, and within its own printed interval.
    const [low, change, high] = printedChange(run);
    expect(change).toBeGreaterThan(10);
    expect(low).toBeLessThanOrEqual(change);
    expect(change).toBeLessThanOrEqual(high);
  });

  it('with no compare-to input, fetches the base one commit deep, starts it from the head, and fails +20 %', async () => {
    const origin = makeRepository();
    addProject(origin.workspace);
    const baseSha = origin.commit('base');
    addSlowerBuildScript(origin.workspace, 0.2);
    const headSha = origin.commit('20 % slower');
    // The runner's checkout: one commit deep, the repository above as its remote.
    const parent = path.dirname(origin.workspace);
    const shallow = path.join(parent, 'shallow');
    git(parent, 'clone', '-q', '--depth', '1', `file://${origin.workspace}`, shallow);
    expect(() => git(shallow, 'cat-file', '-e', `${baseSha}^{commit}`)).toThrow();
    const run = await benchmarkPullRequest(
      { ...origin, workspace: shallow, runnerTemp: path.join(parent, 'shallow-temp') },
      baseSha,
      headSha,
      { scenarios: 'incremental', linkers: 'default' },
    );
    expect(run.stdout).toContain(`The clone lacked the base commit: fetched ${baseSha} one commit deep.`);
    // The base's first build starts from the head's target directory, and the report says what the base cost.
    expect(run.stdout).toMatch(
      /The base starts from a (block-sharing )?copy .*of the head's target directory/,
    );
    expect(run.summary).toMatch(/It added .+? to the run: \d+ builds, the first .+?, started from a copy/);
    expect(run.outputs['baseline-commit']).toBe(baseSha);
    expect(run.outputs['incremental-verdict']).toBe('regression');
    expect(run.status, run.stdout).toBe(1);
  });

  it('earns a pass when the head changes only the README, its interval under 1.5 times the threshold', async () => {
    const repo = makeRepository();
    addProject(repo.workspace);
    const baseSha = repo.commit('base');
    writeFileSync(path.join(repo.workspace, 'README.md'), '# tiny\n');
    const headSha = repo.commit('docs');
    // A threshold the pairs' noise can earn a pass against within the default budget even on a loaded machine
    // (at 5 % a busy machine may honestly say inconclusive: the simulations cover the default's error rates).
    const run = await benchmarkPullRequest(repo, baseSha, headSha, { ...GATE_DEFAULTS, threshold: '15%' });
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs['incremental-verdict']).toBe('pass');
    // Bounded by the interval this run printed, not by a constant: the estimate lies in it, and the pass rests
    // on its upper end being under 1.5 times the threshold.
    const [low, change, high] = printedChange(run);
    expect(low).toBeLessThanOrEqual(change);
    expect(change).toBeLessThanOrEqual(high);
    expect(high).toBeLessThan(22.5);
    expect(run.summary).toMatch(/no slowdown beyond \+\d+\.\d %/);
  });

  it('passes, saying so, when the base does not have the project yet', async () => {
    const repo = makeRepository();
    writeFileSync(path.join(repo.workspace, 'README.md'), '# empty\n');
    const baseSha = repo.commit('empty');
    addProject(repo.workspace);
    const headSha = repo.commit('add the project');
    const run = await benchmarkPullRequest(repo, baseSha, headSha);
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.summary).toContain(`has no Cargo.toml: there is no base to build`);
  });

  it('is inconclusive, with the base log tail, when the base does not build', async () => {
    const repo = makeRepository();
    addProject(repo.workspace);
    writeFileSync(
      path.join(repo.workspace, 'crates', 'cli', 'src', 'main.rs'),
      'fn main() { let x: u8 = "no"; }\n',
    );
    const baseSha = repo.commit('broken base');
    addProject(repo.workspace);
    const headSha = repo.commit('fixed');
    const run = await benchmarkPullRequest(repo, baseSha, headSha);
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.summary).toContain('> **The base could not be measured**');
    expect(run.summary).toContain('mismatched types');
    expect(run.summary).toContain('the base did not build: nothing to compare with');
  });

  it("compares the IR lines and the crates with the base's, analysed in the same run", async () => {
    const repo = makeRepository();
    addProject(repo.workspace);
    const baseSha = repo.commit('base');
    const types = Array.from({ length: 24 }, (_, index) => `[u8; ${index + 1}]`);
    writeFileSync(
      path.join(repo.workspace, 'crates', 'cli', 'src', 'main.rs'),
      '#[inline(never)]\nfn show<T: std::fmt::Debug>(value: T) -> String { format!("{:?}", value) }\n' +
        `fn main() {\n${types.map((type) => `    println!("{}", show(<${type}>::default()));`).join('\n')}\n` +
        '    println!("{}", tiny_core::add(2, 3));\n}\n',
    );
    const headSha = repo.commit('generic');
    const inputs = {
      ...INPUTS,
      runs: '2',
      threshold: '900%',
      'llvm-lines': 'true',
      'llvm-lines-threshold': '25%',
    };
    const run = await benchmarkPullRequest(repo, baseSha, headSha, inputs);
    expect(run.status, run.stdout).toBe(1);
    expect(run.outputs.verdict).toBe('regression');
    expect(run.outputs['incremental-verdict']).toBe('pass');
    expect(run.summary).toMatch(/the LLVM IR lines of `tiny-cli` \(bin tiny-cli\) grew \+\d+\.\d %/);
    expect(run.summary).toContain(
      `Grew the most in \`tiny-cli\` (bin tiny-cli) since \`${baseSha.slice(0, 7)}\`:`,
    );
    expect(run.summary).toMatch(/\| `tiny_cli::show` \| 0 → [\d,]+ \| \+[\d,]+ \| 0 → 24 \|/);
    expect(run.summary).toContain('- Against the baseline: the same crates.');
  });
});
