/** Where the sticky comment goes, how it is found again, when it is written, and which failures are retried. */
import { describe, expect, it } from 'vitest';
import {
  chooseCommentTarget,
  commentMarker,
  composeCommentBody,
  decideCommentAction,
  findStickyComments,
} from '../../src/github/comment-policy.js';
import { decideRetryDelayMs, MAX_RETRY_WAIT_MS, withRetries } from '../../src/github/retry.js';
import type { RunContext, TriggeringRun } from '../../src/system/run-facts.js';
import { makeResults } from '../support/results-fixture.js';

const HEAD = 'c0ffee0000000000000000000000000000000001';

function context(overrides: Partial<RunContext>): RunContext {
  return {
    facts: { eventName: 'pull_request', ref: 'refs/pull/7/merge', defaultBranch: 'main' },
    repository: 'octo-org/octo-repo',
    runUrl: null,
    pullRequest: null,
    triggeringRun: null,
    pullRequestBase: null,
    ...overrides,
  };
}

const forkRun: TriggeringRun = {
  event: 'pull_request',
  headSha: HEAD,
  headBranch: 'patch-1',
  headRepository: 'someone/octo-repo',
};
const measuredOnPr7 = makeResults({ environment: { pullRequest: { number: 7, headSha: HEAD } } });

describe('chooseCommentTarget', () => {
  it('comments on the pull request of a pull_request run', () => {
    expect(
      chooseCommentTarget(context({ pullRequest: { number: 7, headSha: HEAD } }), makeResults()),
    ).toEqual({
      kind: 'pull-request',
      number: 7,
      mustMatch: null,
    });
  });

  it('takes the number from the results in a workflow_run, bound to the commit GitHub says was built', () => {
    expect(chooseCommentTarget(context({ triggeringRun: forkRun }), measuredOnPr7)).toEqual({
      kind: 'pull-request',
      number: 7,
      mustMatch: forkRun,
    });
  });

  it.each([
    { name: 'a push', ctx: context({}), results: measuredOnPr7, warn: false, says: 'not for a pull request' },
    {
      name: 'a workflow_run after a push',
      ctx: context({ triggeringRun: { ...forkRun, event: 'push' } }),
      results: measuredOnPr7,
      warn: false,
      says: 'the triggering run was a push run',
    },
    {
      name: 'results without a pull request',
      ctx: context({ triggeringRun: forkRun }),
      results: makeResults(),
      warn: true,
      says: 'the results name no pull request',
    },
    {
      name: 'results of another commit than the triggering run built',
      ctx: context({ triggeringRun: { ...forkRun, headSha: 'deadbeef00000000' } }),
      results: measuredOnPr7,
      warn: true,
      says: 'the results are for commit c0ffee000000, but the triggering run built deadbeef0000',
    },
  ])('comments nowhere for $name', ({ ctx, results, warn, says }) => {
    const target = chooseCommentTarget(ctx, results);
    expect(target).toMatchObject({ kind: 'none', warn });
    expect(target.kind === 'none' ? target.reason : '').toContain(says);
  });
});

describe('the sticky comment', () => {
  it('is found by its own id and author only, the oldest first', () => {
    const bot = { login: 'github-actions[bot]', isBot: true };
    const comments = [
      { id: 1, body: 'a human mentions <!-- build-bench:sticky-comment id=app -->', author: bot },
      { id: 2, body: composeCommentBody('app-release', 'x'), author: bot },
      { id: 3, body: composeCommentBody('app', 'planted'), author: { login: 'mallory', isBot: false } },
      { id: 4, body: composeCommentBody('app', 'first'), author: bot },
      { id: 5, body: composeCommentBody('app', 'second'), author: bot },
      { id: 6, body: composeCommentBody('app', 'by a ghost'), author: null },
    ];
    const ids = (found: readonly { id: number }[]): number[] => found.map((comment) => comment.id);
    expect(ids(findStickyComments(comments, 'app', null))).toEqual([4, 5]);
    expect(ids(findStickyComments(comments, 'app-release', null))).toEqual([2]);
    expect(ids(findStickyComments(comments, 'app', 'mallory'))).toEqual([3]);
    expect(findStickyComments(comments, 'other', null)).toEqual([]);
    expect(composeCommentBody('app', '## r\n')).toBe(`${commentMarker('app')}\n## r\n`);
  });

  it.each([
    { mode: 'always', existing: null, passed: true, kind: 'create' },
    { mode: 'always', existing: 5, passed: true, kind: 'update' },
    { mode: 'on-regression', existing: null, passed: true, kind: 'skip' },
    { mode: 'on-regression', existing: null, passed: false, kind: 'create' },
    { mode: 'on-regression', existing: 5, passed: true, kind: 'update' },
  ] as const)(
    '$mode with existing $existing and passed $passed: $kind',
    ({ mode, existing, passed, kind }) => {
      expect(decideCommentAction(mode, existing, passed).kind).toBe(kind);
    },
  );
});

function httpError(status: number, headers: Record<string, string> = {}, message = 'x'): Error {
  return Object.assign(new Error(message), { status, response: { headers } });
}

describe('retries of GitHub calls', () => {
  const now = 1_700_000_000_000;
  it.each([
    { name: 'a 502, first retry', error: httpError(502), attempt: 1, delayMs: 1000 },
    { name: 'a 503, third retry', error: httpError(503), attempt: 3, delayMs: 4000 },
    {
      name: 'a 429 with retry-after',
      error: httpError(429, { 'retry-after': '3' }),
      attempt: 1,
      delayMs: 3000,
    },
    {
      name: 'a primary rate limit, until its reset',
      error: httpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 5) }),
      attempt: 1,
      delayMs: 6000,
    },
    {
      name: 'a secondary rate limit without retry-after',
      error: httpError(403, {}, 'You have exceeded a secondary rate limit.'),
      attempt: 1,
      delayMs: MAX_RETRY_WAIT_MS,
    },
    {
      name: 'a 403 of a read-only token',
      error: httpError(403, {}, 'Resource not accessible'),
      attempt: 1,
      delayMs: null,
    },
    { name: 'a 422', error: httpError(422), attempt: 1, delayMs: null },
    { name: 'a 404', error: httpError(404), attempt: 1, delayMs: null },
    { name: 'not an HTTP error', error: new Error('boom'), attempt: 1, delayMs: null },
  ])('waits for $name: $delayMs', ({ error, attempt, delayMs }) => {
    expect(decideRetryDelayMs(error, attempt, now)).toBe(delayMs);
  });

  it('retries a passing failure and tells each wait, then gives up after four attempts', async () => {
    const waits: number[] = [];
    const told: string[] = [];
    let calls = 0;
    const options = {
      sleep: (ms: number) => Promise.resolve(void waits.push(ms)),
      nowMs: () => now,
      onRetry: (message: string) => void told.push(message),
    };
    const failing = withRetries(
      'Listing',
      () => {
        calls++;
        return Promise.reject(httpError(502, {}, 'Server Error'));
      },
      options,
    );
    await expect(failing).rejects.toMatchObject({ status: 502 });
    expect([calls, waits]).toEqual([4, [1000, 2000, 4000]]);
    expect(told[0]).toBe('Listing: GitHub answered 502 (Server Error); retrying in 1 s (attempt 2 of 4).');
    calls = 0;
    const value = await withRetries(
      'Listing',
      () => (++calls === 1 ? Promise.reject(httpError(503)) : Promise.resolve('ok')),
      options,
    );
    expect([value, calls]).toEqual(['ok', 2]);
  });

  it('does not hold the job beyond a minute for a rate limit', async () => {
    const error = httpError(403, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(now / 1000 + 3600),
    });
    const options = { sleep: () => Promise.resolve(), nowMs: () => now, onRetry: () => undefined };
    await expect(withRetries('Listing', () => Promise.reject(error), options)).rejects.toBe(error);
  });
});
