/** The sticky comment through the real Octokit of @actions/github, against a local GitHub REST server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishConfig } from '../../src/config/config.js';
import { parsePublishInputs } from '../../src/config/parse-inputs.js';
import { commentMarker, composeCommentBody } from '../../src/github/comment-policy.js';
import { createGitHubApi } from '../../src/github/io/github-api.js';
import { publishComment, type CommentRequest } from '../../src/github/publish-comment.js';
import type { RunContext } from '../../src/system/run-facts.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';
import { createRecordingLogger, type RecordingLogger } from '../support/recording-logger.js';
import { makeResults } from '../support/results-fixture.js';

const TOKEN = 'ghs_local';
const HEAD = 'c0ffee0000000000000000000000000000000001';

let server: GitHubServer;
let logger: RecordingLogger;
let waits: number[];

beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
  logger = createRecordingLogger();
  waits = [];
});
afterEach(() => server.close());

function config(inputs: Record<string, string> = {}): PublishConfig {
  return {
    id: 'app',
    resultsPath: null,
    historyFile: null,
    ...parsePublishInputs({ 'github-token': TOKEN, ...inputs }),
  };
}

const onPullRequest7: RunContext = {
  facts: { eventName: 'pull_request', ref: 'refs/pull/7/merge', defaultBranch: 'main' },
  repository: 'octo-org/octo-repo',
  runUrl: null,
  pullRequest: { number: 7, headSha: HEAD },
  triggeringRun: null,
  pullRequestBase: null,
};

function publish(overrides: Partial<CommentRequest> = {}): Promise<string | null> {
  const request: CommentRequest = {
    config: config(),
    results: makeResults(),
    allPassed: true,
    renderMarkdown: () => '## build-bench: app\n\nAll good.\n',
    context: onPullRequest7,
    ...overrides,
  };
  return publishComment(request, {
    createApi: (token, repository) =>
      createGitHubApi({
        token,
        repository,
        baseUrl: server.url,
        sleep: (ms) => Promise.resolve(void waits.push(ms)),
        nowMs: () => Date.now(),
        onRetry: (message) => logger.info(message),
      }),
    logger,
  });
}

describe('the sticky comment', () => {
  it('is created once, then updated in place: the thread holds one', async () => {
    const first = await publish();
    const second = await publish({ renderMarkdown: () => '## build-bench: app\n\nStill good.\n' });
    const thread = server.comments(7);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.body).toBe(composeCommentBody('app', '## build-bench: app\n\nStill good.\n'));
    expect(first).toBe(second);
    expect(first).toBe(`https://github.com/octo-org/octo-repo/pull/7#issuecomment-${thread[0]!.id}`);
    expect(logger.warnings).toEqual([]);
  });

  it('finds its comment on the third page of a long thread', async () => {
    for (let index = 0; index < 120; index++)
      server.addComment(7, `comment ${index}`, { login: 'dev', type: 'User' });
    const own = server.addComment(7, composeCommentBody('app', 'old'));
    for (let index = 0; index < 130; index++)
      server.addComment(7, `later ${index}`, { login: 'dev', type: 'User' });
    server.addComment(7, composeCommentBody('other-id', 'another benchmark'));
    await publish();
    expect(server.comments(7)).toHaveLength(252);
    expect(own.body).toContain('All good.');
    const pages = server.requests
      .filter((request) => request.method === 'GET' && request.path.endsWith('/issues/7/comments'))
      .map((request) => request.query.page);
    expect(pages).toEqual([undefined, '2', '3']);
  });

  it('never edits a marker comment that someone else wrote', async () => {
    server.addComment(7, composeCommentBody('app', 'planted'), { login: 'mallory', type: 'User' });
    await publish();
    expect(server.comments(7).map((comment) => [comment.user.login, comment.body])).toEqual([
      ['mallory', composeCommentBody('app', 'planted')],
      ['github-actions[bot]', composeCommentBody('app', '## build-bench: app\n\nAll good.\n')],
    ]);
  });

  it('removes duplicates that a race of two runs left, keeping the oldest', async () => {
    server.addComment(7, composeCommentBody('app', 'first run'));
    server.addComment(7, composeCommentBody('app', 'racing run'));
    await publish();
    expect(server.comments(7).map((comment) => comment.body)).toEqual([
      composeCommentBody('app', '## build-bench: app\n\nAll good.\n'),
    ]);
  });

  it('does not write twice when a create succeeded but its answer was lost', async () => {
    server.injectFault({ kind: 'lost-answer', status: 502 }, { count: 1, methods: ['POST'] });
    expect(await publish()).not.toBeNull();
    expect(server.comments(7)).toHaveLength(1);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('keeps one comment with a personal token, whose comments a user writes', async () => {
    await server.close();
    server = await startGitHubServer({ token: TOKEN, tokenUser: { login: 'release-manager', type: 'User' } });
    await publish();
    await publish({ renderMarkdown: () => 'again\n' });
    expect(server.comments(7).map((comment) => [comment.user.login, comment.body])).toEqual([
      ['release-manager', composeCommentBody('app', 'again\n')],
    ]);
  });

  it('says the rate limit ran out, not that a permission is missing', async () => {
    server.injectFault({ kind: 'rate-limit', which: 'primary' }, { count: 10 });
    expect(await publish()).toBeNull();
    expect(logger.warnings[0]).toContain("The token's API rate limit ran out");
    expect(logger.warnings[0]).not.toContain('pull-requests: write');
  });

  it('keeps one comment per id: two benchmarks of a repository do not share one', async () => {
    await publish();
    await publish({ config: { ...config(), id: 'docs' } });
    expect(server.comments(7).map((comment) => comment.body.split('\n')[0])).toEqual([
      commentMarker('app'),
      commentMarker('docs'),
    ]);
  });

  it('on-regression: no new comment for a pass, a new one for a regression, an old one kept true', async () => {
    const onRegression = config({ comment: 'on-regression' });
    expect(await publish({ config: onRegression })).toBeNull();
    expect(server.comments(7)).toHaveLength(0);
    await publish({ config: onRegression, allPassed: false, renderMarkdown: () => 'slower\n' });
    await publish({ config: onRegression, allPassed: true, renderMarkdown: () => 'fixed\n' });
    expect(server.comments(7).map((comment) => comment.body)).toEqual([composeCommentBody('app', 'fixed\n')]);
  });

  it('comment: never talks to nobody', async () => {
    expect(await publish({ config: config({ comment: 'never' }) })).toBeNull();
    expect(server.requests).toEqual([]);
  });

  it('stays under the cap: the renderer is told the room left after the marker', async () => {
    let room = 0;
    await publish({ renderMarkdown: (maxBytes) => 'x'.repeat((room = maxBytes)) });
    expect(room).toBe(65_536 - commentMarker('app').length - 1);
    expect(server.comments(7)[0]!.body.length).toBe(65_536);
  });

  it('retries a server error and a rate limit, then succeeds', async () => {
    server.injectFault({ kind: 'server-error', status: 502 }, { count: 1, methods: ['GET'] });
    server.injectFault({ kind: 'rate-limit', which: 'secondary' }, { count: 1, methods: ['POST'] });
    expect(await publish()).not.toBeNull();
    expect(server.comments(7)).toHaveLength(1);
    expect(waits).toEqual([1000, 1000]);
    expect(logger.lines.some((line) => line.includes('GitHub answered 502'))).toBe(true);
  });

  it.each([
    {
      name: 'a read-only token (a fork)',
      arrange: () => server.setWritesForbidden(true),
      says: [
        'Could not comment on pull request #7: GitHub answered 403 (Resource not accessible by integration',
        '`permissions: pull-requests: write`',
        '`workflow_run`',
        'The report is still in the job summary, and the verdict is unchanged.',
      ],
    },
    {
      name: 'a server error that does not pass',
      arrange: () => server.injectFault({ kind: 'server-error', status: 503 }, { count: 10 }),
      says: ['GitHub answered 503'],
    },
  ])('turns $name into a warning, never an error', async ({ arrange, says }) => {
    arrange();
    expect(await publish()).toBeNull();
    expect(logger.warnings).toHaveLength(1);
    for (const part of says) expect(logger.warnings[0]).toContain(part);
  });

  it('reports a body GitHub finds too long (422) as a warning', async () => {
    expect(await publish({ renderMarkdown: () => 'x'.repeat(70_000) })).toBeNull();
    expect(logger.warnings[0]).toContain('GitHub answered 422 (Validation Failed');
  });

  it('warns on a bad token (401) naming the input', async () => {
    expect(
      await publish({ config: { ...config(), comment: { mode: 'always', token: 'wrong' } } }),
    ).toBeNull();
    expect(logger.warnings[0]).toContain(
      "GitHub answered 401 (Bad credentials). Check input 'github-token'.",
    );
  });
});

describe('the fork-safe workflow_run comment', () => {
  const afterForkRun: RunContext = {
    facts: { eventName: 'workflow_run', ref: 'refs/heads/main', defaultBranch: 'main' },
    repository: 'octo-org/octo-repo',
    runUrl: null,
    pullRequest: null,
    triggeringRun: {
      event: 'pull_request',
      headSha: HEAD,
      headBranch: 'patch-1',
      headRepository: 'someone/octo-repo',
    },
    pullRequestBase: null,
  };
  const results = makeResults({ environment: { pullRequest: { number: 7, headSha: HEAD } } });

  it('comments on the pull request the results name when its head is the triggering run', async () => {
    server.setPullRequest({
      number: 7,
      headSha: HEAD,
      headRef: 'patch-1',
      headRepo: 'someone/octo-repo',
      baseRef: 'main',
    });
    expect(await publish({ context: afterForkRun, results })).not.toBeNull();
    expect(server.comments(7)).toHaveLength(1);
  });

  it('refuses results that aim at another pull request through the same commit pushed to another fork', async () => {
    server.setPullRequest({
      number: 7,
      headSha: HEAD,
      headRef: 'patch-1',
      headRepo: 'victim/octo-repo',
      baseRef: 'main',
    });
    expect(await publish({ context: afterForkRun, results })).toBeNull();
    expect(server.comments(7)).toHaveLength(0);
    expect(logger.warnings[0]).toBe(
      'No pull request comment: the head of pull request #7 is in victim/octo-repo, not in someone/octo-repo ' +
        'that the triggering run built.',
    );
  });

  it('leaves the comment to the newer run when the pull request has moved on', async () => {
    server.setPullRequest({
      number: 7,
      headSha: 'f'.repeat(40),
      headRef: 'patch-1',
      headRepo: 'someone/octo-repo',
      baseRef: 'main',
    });
    expect(await publish({ context: afterForkRun, results })).toBeNull();
    expect(server.comments(7)).toHaveLength(0);
    expect(logger.warnings[0]).toContain(
      'pull request #7 has moved on to ffffffffffff since the triggering run built c0ffee000000',
    );
  });
});
