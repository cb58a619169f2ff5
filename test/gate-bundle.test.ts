/**
 * The gate as a runner runs it: dist/index.js on pushes to main that save the baseline in the (local) Actions
 * cache, then on pull requests that restore it, one with a heavier top crate and one with no change.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheEnv,
  makeRuntimeToken,
  MAIN_SCOPES,
  PULL_REQUEST_SCOPES,
  startCacheService,
  type CacheService,
} from './support/cache-service.js';
import { heavierMainSource, REPO_ROOT } from './support/fixture-project.js';
import { PUSH_TO_MAIN, pullRequestEvent, runBundle, type BundleRun } from './support/run-bundle.js';

const MAIN = MAIN_SCOPES;
const PULL_REQUEST = PULL_REQUEST_SCOPES;
const INPUTS = {
  'working-directory': 'tiny',
  scenarios: 'incremental',
  linkers: 'default',
  runs: '3',
  warmup: '1',
  // Far above this fixture's noise on a busy 2-core machine, far below what the heavier crate costs.
  threshold: '50%',
};

let service: CacheService;
let parent: string;
let workspace: string;
let runnerTemp: string;
let mainSource: string;

beforeAll(async () => {
  service = await startCacheService();
  parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-gate-'));
  // One workspace and one RUNNER_TEMP for every run, as on GitHub: the cache version hashes the paths.
  workspace = path.join(parent, 'workspace');
  runnerTemp = path.join(parent, 'runner-temp');
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tiny'), path.join(workspace, 'tiny'), { recursive: true });
  mainSource = path.join(workspace, 'tiny', 'crates', 'cli', 'src', 'main.rs');
});

afterAll(async () => {
  await service.close();
  rmSync(parent, { recursive: true, force: true });
});

function push(runId: number): Promise<BundleRun> {
  return runBundle(INPUTS, {
    workspace,
    runnerTemp,
    event: { ...PUSH_TO_MAIN, runId: String(runId), sha: `${runId}`.padStart(40, 'a') },
    env: cacheEnv(service, makeRuntimeToken(MAIN)),
  });
}

function pullRequest(env = cacheEnv(service, makeRuntimeToken(PULL_REQUEST))): Promise<BundleRun> {
  return runBundle(INPUTS, { workspace, runnerTemp, event: { ...pullRequestEvent(7), runId: '100' }, env });
}

describe('the gate on a runner, with the Actions cache', () => {
  it('a first push has no baseline, passes, and saves one', async () => {
    const run = await push(1);
    expect(run.stdout).not.toContain('::error::');
    expect(run.status).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs['incremental-change-percent']).toBe('');
    expect(run.summary).toContain('No baseline yet');
    // Markdown escapes the `~`.
    expect(run.summary).toMatch(/Baseline saved as build-bench-baseline-v1-linux-\w+-build-bench\\~1-1-\d+/);
    expect(service.entries().map((entry) => entry.key)).toEqual([
      expect.stringMatching(/^build-bench-baseline-v1-linux-\w+-build-bench~1-1-\d+$/) as string,
    ]);
  });

  it('later pushes compare with it and grow its history', async () => {
    await push(2);
    await push(3);
    const fourth = await push(4);
    expect(fourth.status).toBe(0);
    expect(fourth.outputs['baseline-commit']).toBe('3'.padStart(40, 'a'));
    expect(fourth.summary).toContain('4 result(s) in its history');
    expect(service.entries()).toHaveLength(4);
  });

  it('a pull request that makes the top crate heavier is a regression, and fails the step', async () => {
    const original = readFileSync(mainSource, 'utf8');
    writeFileSync(mainSource, heavierMainSource());
    let run: BundleRun;
    try {
      run = await pullRequest();
    } finally {
      writeFileSync(mainSource, original);
    }
    expect(run.summary).toContain('### Verdict: ❌ regression');
    expect(run.status).toBe(1);
    expect(run.outputs.verdict).toBe('regression');
    expect(run.outputs['incremental-verdict']).toBe('regression');
    expect(Number(run.outputs['incremental-change-percent'])).toBeGreaterThan(50);
    expect(Number(run.outputs['incremental-change-low-percent'])).toBeGreaterThan(50);
    expect(run.outputs['baseline-commit']).toBe('4'.padStart(40, 'a'));
    // The runner's command format escapes % as %25 and newlines as %0A.
    expect(run.stdout).toMatch(
      /::error::Builds got slower than the threshold allows:%0A- incremental: \+\d+\.\d %25 \(95 %25 CI \+\d+\.\d %25 … \+\d+\.\d %25\), threshold 50%25: regression\n/,
    );
    expect(run.summary).toContain('### Verdict: ❌ regression');
    expect(run.summary).toContain('Baseline not saved: a pull_request run only reads the baseline.');
    expect(service.entries()).toHaveLength(4);
  });

  it('a pull request with no change passes', async () => {
    const run = await pullRequest();
    expect(run.stdout).not.toContain('::error::');
    // No `compare-to` input (`auto`), and a workspace that is not a git checkout: there is no base to build, so the
    // pull request is compared with the cache, as the log says.
    expect(run.stdout).toMatch(
      /No base to compare with: .* is not inside a git repository\. The cached baseline is compared with instead\./,
    );
    expect(run.status).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(Math.abs(Number(run.outputs['incremental-change-percent']))).toBeLessThan(50);
    expect(run.summary).toContain('### Verdict: ✅ pass');
  });

  it('with the cache service down, warns, compares with nothing, and passes', async () => {
    const down = await startCacheService();
    const env = cacheEnv(down, makeRuntimeToken(PULL_REQUEST));
    await down.close();
    const run = await pullRequest(env);
    expect(run.status).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.stdout).toMatch(
      /::warning::Comparing with no baseline: the cache service failed \(Failed to restore: /,
    );
    expect(run.summary).toContain('No baseline: the cache service failed');
  });
});
