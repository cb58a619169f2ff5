/**
 * The PR comment as a runner makes it: dist/index.js on pull_request events against a local GitHub REST server,
 * sharded results merged by `mode: report` in a fork-safe workflow_run, and a fork's read-only token.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commentMarker } from '../src/github/comment-policy.js';
import {
  cacheEnv,
  makeRuntimeToken,
  MAIN_SCOPES,
  PULL_REQUEST_SCOPES,
  startCacheService,
} from './support/cache-service.js';
import { REPO_ROOT } from './support/fixture-project.js';
import { makeResults, makeSamples } from './support/results-fixture.js';
import { startGitHubServer, type GitHubServer } from './support/github-server.js';
import {
  pullRequestEvent,
  pullRequestHeadSha,
  runBundle,
  workflowRunEvent,
  PUSH_TO_MAIN,
  type BundleRun,
  type RunnerEvent,
} from './support/run-bundle.js';

const TOKEN = 'ghs_local_token';
const REPOSITORY = 'octo-org/octo-repo';
const INPUTS = {
  id: 'tiny',
  'working-directory': 'tiny',
  scenarios: 'incremental',
  linkers: 'default',
  runs: '2',
  warmup: '0',
  'github-token': TOKEN,
};

let server: GitHubServer;
let parent: string;
let workspace: string;

beforeAll(async () => {
  server = await startGitHubServer({ repository: REPOSITORY, token: TOKEN });
  parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-comment-'));
  workspace = path.join(parent, 'workspace');
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tiny'), path.join(workspace, 'tiny'), { recursive: true });
});

afterAll(async () => {
  await server.close();
  rmSync(parent, { recursive: true, force: true });
});

beforeEach(() => server.setWritesForbidden(false));

function runOn(event: RunnerEvent, inputs: Record<string, string> = {}): Promise<BundleRun> {
  return runBundle(
    { ...INPUTS, ...inputs },
    {
      workspace,
      event: { ...event, runId: '4242' },
      env: {
        GITHUB_API_URL: server.url,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_SERVER_URL: 'https://github.com',
      },
    },
  );
}

describe('the sticky comment on a runner', () => {
  it('is created by the first run and updated by the second: the thread holds one', async () => {
    const first = await runOn(pullRequestEvent(7));
    expect(first.status, first.stdout).toBe(0);
    const second = await runOn(pullRequestEvent(7));
    expect(second.status, second.stdout).toBe(0);
    const thread = server.comments(7);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.body.startsWith(`${commentMarker('tiny')}\n## build-bench: tiny`)).toBe(true);
    expect(thread[0]!.body).toContain('https://github.com/octo-org/octo-repo/actions/runs/4242');
    expect(first.outputs['comment-url']).toBe(second.outputs['comment-url']);
    expect(second.outputs['comment-url']).toMatch(/\/pull\/7#issuecomment-\d+$/);
    const writes = server.requests
      .filter((request) => request.method !== 'GET')
      .map((request) => request.method);
    expect(writes).toEqual(['POST', 'PATCH']);
    expect(second.summary).toContain('### Verdict: ✅ pass');
  });

  it('merges two shards measured on a pull request into one comment from a workflow_run', async () => {
    const fork = 'someone/octo-repo';
    for (const scenario of ['clean', 'incremental']) {
      const shard = await runOn(pullRequestEvent(8), {
        mode: 'measure',
        scenarios: scenario,
        'results-path': `shards/${scenario}.json`,
      });
      expect(shard.status, shard.stdout).toBe(0);
      expect(shard.outputs.verdict).toBeUndefined();
    }
    expect(server.comments(8)).toHaveLength(0);
    server.setPullRequest({
      number: 8,
      headSha: pullRequestHeadSha(8),
      headRef: 'feature-8',
      headRepo: fork,
      baseRef: 'main',
    });
    const report = await runOn(workflowRunEvent(8, fork), {
      mode: 'report',
      results: 'shards/*.json',
      'working-directory': 'not-checked-out',
    });
    expect(report.status, report.stdout).toBe(0);
    const thread = server.comments(8);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.body).toContain(
      'Merged from 2 results files: shards/clean.json (clean × default); shards/incremental.json (incremental × default).',
    );
    expect(report.outputs['comment-url']).toMatch(/\/pull\/8#issuecomment-\d+$/);
    expect(report.outputs['results-path']).toMatch(/build-bench\/tiny\/results\.json$/);
  });

  it("a fork's read-only token: a warning with the fix, the summary, and the gate's own exit status", async () => {
    server.setWritesForbidden(true);
    const run = await runOn(pullRequestEvent(9));
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::Could not comment on pull request #9: GitHub answered 403 \(Resource not accessible by integration\)/,
    );
    expect(run.stdout).toContain('permissions: pull-requests: write');
    expect(run.summary).toContain('### Verdict: ✅ pass');
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs['comment-url']).toBe('');
    expect(server.comments(9)).toHaveLength(0);
  });

  it('a regression still fails the step when the comment is refused: report mode against a cached baseline', async () => {
    const cache = await startCacheService();
    try {
      const runnerTemp = path.join(parent, 'report-runner-temp');
      let runId = 500;
      const plan = { scenarios: ['incremental'], variants: ['default'], runs: 5 } as const;
      const write = (name: string, slowdown: number): void => {
        const samples = makeSamples(plan).map((sample) => ({
          ...sample,
          wallMs: Math.round(sample.wallMs * slowdown),
        }));
        mkdirSync(path.join(workspace, 'synthetic'), { recursive: true });
        writeFileSync(
          path.join(workspace, 'synthetic', name),
          JSON.stringify(makeResults({ id: 'tiny', plan, samples })),
        );
      };
      const report = (event: RunnerEvent, file: string, token: string): Promise<BundleRun> =>
        runBundle(
          { id: 'tiny', mode: 'report', results: `synthetic/${file}`, 'github-token': TOKEN },
          {
            workspace,
            runnerTemp,
            event: { ...event, runId: String(++runId) },
            env: {
              ...cacheEnv(cache, token),
              GITHUB_API_URL: server.url,
              GITHUB_REPOSITORY: REPOSITORY,
              GITHUB_SERVER_URL: 'https://github.com',
            },
          },
        );
      write('main.json', 1);
      write('slower.json', 1.5);
      for (let push = 0; push < 3; push++) {
        const saved = await report(PUSH_TO_MAIN, 'main.json', makeRuntimeToken(MAIN_SCOPES));
        expect(saved.status, saved.stdout).toBe(0);
      }
      server.setWritesForbidden(true);
      const run = await report(pullRequestEvent(7), 'slower.json', makeRuntimeToken(PULL_REQUEST_SCOPES));
      expect(run.status, run.stdout).toBe(1);
      expect(run.outputs.verdict).toBe('regression');
      expect(run.stdout).toMatch(/::warning::Could not comment on pull request #7: GitHub answered 403/);
      expect(run.stdout).toMatch(/::error::Builds got slower than the threshold allows/);
      expect(run.summary).toContain('### Verdict: ❌ regression');
    } finally {
      await cache.close();
    }
  });
});
