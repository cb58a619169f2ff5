/**
 * The sticky comment against a GitHub that fails in the ways networks fail: no answer, no connection, a secondary
 * rate limit that names no wait, an HTML page. Each ends in one warning saying what happened, in bounded time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePublishInputs } from '../../src/config/parse-inputs.js';
import { API_LIMITS, createGitHubApi, type ApiLimits } from '../../src/github/io/github-api.js';
import { publishComment } from '../../src/github/publish-comment.js';
import type { RunContext } from '../../src/system/run-facts.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server.js';
import { listenLocally } from '../support/local-server.js';
import { createRecordingLogger, type RecordingLogger } from '../support/recording-logger.js';
import { makeResults } from '../support/results-fixture.js';

const TOKEN = 'ghs_local';
const SUMMARY = 'The report is still in the job summary, and the verdict is unchanged.';

let server: GitHubServer;
let logger: RecordingLogger;
/** Waits before retries; recorded only when a test fakes the clock's sleep. */
let waits: number[];

beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
  logger = createRecordingLogger();
  waits = [];
});
afterEach(() => server.close());

const onPullRequest7: RunContext = {
  facts: { eventName: 'pull_request', ref: 'refs/pull/7/merge', defaultBranch: 'main' },
  repository: 'octo-org/octo-repo',
  runUrl: null,
  pullRequest: { number: 7, headSha: 'c0ffee0000000000000000000000000000000001' },
  triggeringRun: null,
  pullRequestBase: null,
};

interface Setup {
  readonly baseUrl?: string;
  readonly limits?: Partial<ApiLimits>;
  /** Real waits (the default fakes them and records each). */
  readonly realSleep?: boolean;
}

function apiOptions(setup: Setup = {}) {
  return {
    token: TOKEN,
    repository: 'octo-org/octo-repo',
    baseUrl: setup.baseUrl ?? server.url,
    sleep: (ms: number) =>
      setup.realSleep
        ? new Promise<void>((resolve) => setTimeout(resolve, ms))
        : Promise.resolve(void waits.push(ms)),
    nowMs: () => Date.now(),
    onRetry: (message: string) => logger.info(message),
    limits: setup.limits,
  };
}

/** Publishes once; returns the comment URL and how long it took. */
async function publish(setup: Setup = {}): Promise<{ url: string | null; tookMs: number }> {
  const startedMs = performance.now();
  const url = await publishComment(
    {
      config: {
        id: 'app',
        resultsPath: null,
        historyFile: null,
        ...parsePublishInputs({ 'github-token': TOKEN }),
      },
      results: makeResults(),
      allPassed: true,
      renderMarkdown: () => '## build-bench: app\n',
      context: onPullRequest7,
    },
    {
      createApi: (token, repository) => createGitHubApi({ ...apiOptions(setup), token, repository }),
      logger,
    },
  );
  return { url, tookMs: performance.now() - startedMs };
}

describe('the limits', () => {
  it('are 20 s a request, 60 s of waits before retries and 2 minutes in all', () => {
    expect(API_LIMITS).toEqual({ requestMs: 20_000, retryWaitsMs: 60_000, totalMs: 120_000 });
  });
});

describe('a GitHub that never answers', () => {
  it('is given up on after the request limit, with a warning naming the request', async () => {
    server.injectFault({ kind: 'no-answer' }, { count: 100 });
    const { url, tookMs } = await publish({ limits: { requestMs: 200 }, realSleep: true });
    expect(url).toBeNull();
    expect(tookMs).toBeLessThan(2000);
    expect(logger.warnings).toEqual([
      `Could not comment on pull request #7: GitHub did not answer GET /user within 0.2 s. ${SUMMARY}`,
    ]);
  });

  it('is given up on when the total limit runs out first', async () => {
    server.injectFault({ kind: 'no-answer' }, { count: 100 });
    const { tookMs } = await publish({ limits: { requestMs: 60_000, totalMs: 300 }, realSleep: true });
    expect(tookMs).toBeLessThan(2000);
    expect(logger.warnings).toEqual([
      'Could not comment on pull request #7: gave up at GET /user: every call to GitHub for the comment ' +
        `together may take at most 0.3 s. ${SUMMARY}`,
    ]);
  });

  it('does not wait for a retry that would end after the total limit', async () => {
    server.injectFault({ kind: 'server-error', status: 502 }, { count: 100 });
    const { tookMs } = await publish({ limits: { totalMs: 500 }, realSleep: true });
    expect(tookMs).toBeLessThan(2000);
    expect(logger.lines).toContain(
      'Asking whom the token belongs to: GitHub answered 502 (Server Error); not waiting 1 s to retry: ' +
        'the time for the comment would run out.',
    );
    expect(logger.warnings).toEqual([
      `Could not comment on pull request #7: GitHub answered 502 (Server Error). ${SUMMARY}`,
    ]);
  });
});

describe('a secondary rate limit that names no wait', () => {
  it.each([
    { status: 403, which: 'secondary' as const },
    { status: 429, which: 'too-many' as const },
  ])('($status) waits at most the retry budget in all, then warns', async ({ status, which }) => {
    server.injectFault({ kind: 'rate-limit', which, retryAfter: false }, { count: 100 });
    expect((await publish()).url).toBeNull();
    expect(waits).toEqual([60_000]);
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(
      new RegExp(
        `^Could not comment on pull request #7: GitHub answered ${status} \\(You have exceeded a secondary`,
      ),
    );
    expect(logger.warnings[0]).toContain("The token's API rate limit ran out; the next run comments again.");
  });
});

describe('a port where nothing listens', () => {
  it('is reported as no connection, with host, port and code, not as an answer', async () => {
    const closed = await listenLocally(() => undefined);
    await closed.close();
    const { url } = await publish({ baseUrl: closed.origin });
    expect(url).toBeNull();
    const hostAndPort = closed.origin.replace('http://', '');
    expect(logger.warnings).toEqual([
      `Could not comment on pull request #7: could not connect to GitHub at ${hostAndPort} (ECONNREFUSED) ` +
        `for GET /user. ${SUMMARY}`,
    ]);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(logger.lines[0]).toBe(
      `Asking whom the token belongs to: could not connect to GitHub at ${hostAndPort} (ECONNREFUSED) for ` +
        'GET /user; retrying in 1 s (attempt 2 of 4).',
    );
  });
});

describe('an HTML page instead of JSON', () => {
  const htmlType = 'text/html; charset=utf-8';

  it('with status 200 is named as such, with its content type, not as a TypeError', async () => {
    server.injectFault({ kind: 'html', status: 200 }, { count: 100 });
    await expect(createGitHubApi(apiOptions()).listComments(7)).rejects.toThrow(
      `GitHub answered GET /repos/octo-org/octo-repo/issues/7/comments with something that is not JSON ` +
        `(HTTP 200, content type ${htmlType}): a proxy's page, or GITHUB_API_URL is not the address of the REST API`,
    );
    expect((await publish()).url).toBeNull();
    expect(logger.warnings).toEqual([
      'Could not comment on pull request #7: GitHub answered GET /user with something that is not JSON ' +
        `(HTTP 200, content type ${htmlType}): a proxy's page, or GITHUB_API_URL is not the address of the REST API. ${SUMMARY}`,
    ]);
  });

  it('with an error status says its content type instead of quoting the page', async () => {
    server.injectFault({ kind: 'html', status: 502 }, { count: 100 });
    expect((await publish()).url).toBeNull();
    expect(logger.warnings).toEqual([
      `Could not comment on pull request #7: GitHub answered 502 (an answer that is not JSON, content type ` +
        `${htmlType}). ${SUMMARY}`,
    ]);
  });
});
