/** The real Octokit of `@actions/github` against the local GitHub REST API: pagination, writes, errors, faults. */
import { getOctokit } from '@actions/github';
import { RequestError } from '@octokit/request-error';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer, type GitHubServerOptions } from '../support/github-server.js';

const TOKEN = 'ghs_test-token';
const OWNER = 'octo-org';
const REPO = 'octo-repo';
const ISSUE = 7;
const COMMENTS_PATH = `/repos/${OWNER}/${REPO}/issues/${ISSUE}/comments`;

type Octokit = ReturnType<typeof getOctokit>;

const servers: GitHubServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options?: GitHubServerOptions): Promise<{ server: GitHubServer; octokit: Octokit }> {
  const server = await startGitHubServer(options);
  servers.push(server);
  return { server, octokit: getOctokit(options?.token ?? TOKEN, { baseUrl: server.url }) };
}

/** The RequestError the call rejects with; fails the test when it resolves or throws anything else. */
async function requestError(call: Promise<unknown>): Promise<RequestError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RequestError);
  return error as RequestError;
}

function createComment(
  octokit: Octokit,
  body: string,
): ReturnType<Octokit['rest']['issues']['createComment']> {
  return octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: ISSUE, body });
}

describe('issue comments', () => {
  it('paginates a 250-comment thread in order, following GitHub-shaped Link headers', async () => {
    const { server, octokit } = await start();
    for (let i = 1; i <= 250; i++) server.addComment(ISSUE, `comment ${i}`);
    server.addComment(ISSUE + 1, 'another thread');

    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: OWNER,
      repo: REPO,
      issue_number: ISSUE,
      per_page: 100,
    });

    expect(all.map((comment) => comment.body)).toEqual(
      Array.from({ length: 250 }, (_, i) => `comment ${i + 1}`),
    );
    expect(all.map((comment) => comment.id)).toEqual(server.comments(ISSUE).map((comment) => comment.id));
    expect(
      server.requests.map(({ method, path, query, status }) => ({ method, path, query, status })),
    ).toEqual(
      [1, 2, 3].map((page) => ({
        method: 'GET',
        path: COMMENTS_PATH,
        // The first request is Octokit's own (no page); the next ones follow rel="next".
        query: page === 1 ? { per_page: '100' } : { per_page: '100', page: String(page) },
        status: 200,
      })),
    );

    const base = `${server.url}${COMMENTS_PATH}`;
    const first = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: ISSUE,
      per_page: 100,
    });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toBe(
      `<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=3>; rel="last"`,
    );
    const middle = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: ISSUE,
      per_page: 100,
      page: 2,
    });
    expect(middle.headers.link).toBe(
      [
        `<${base}?per_page=100&page=1>; rel="prev"`,
        `<${base}?per_page=100&page=3>; rel="next"`,
        `<${base}?per_page=100&page=3>; rel="last"`,
        `<${base}?per_page=100&page=1>; rel="first"`,
      ].join(', '),
    );
  });

  it('defaults to 30 a page, caps per_page at 100 and sends no Link header for a single page', async () => {
    const { server, octokit } = await start();
    for (let i = 1; i <= 31; i++) server.addComment(ISSUE, `comment ${i}`);

    const defaults = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: ISSUE,
    });
    const capped = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: ISSUE,
      per_page: 500,
    });
    const empty = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 99 });

    expect(defaults.data).toHaveLength(30);
    expect(defaults.headers.link).toContain(`${COMMENTS_PATH}?per_page=30&page=2>; rel="next"`);
    expect(capped.data).toHaveLength(31);
    expect(capped.headers.link).toBeUndefined();
    expect(empty.data).toEqual([]);
    expect(empty.headers.link).toBeUndefined();
  });

  it('creates a comment as github-actions[bot], then updates it', async () => {
    const { server, octokit } = await start();

    const created = await createComment(octokit, 'first report');
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      body: 'first report',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${ISSUE}#issuecomment-${created.data.id}`,
      issue_url: `${server.url}/repos/${OWNER}/${REPO}/issues/${ISSUE}`,
    });
    expect(created.data.updated_at).toBe(created.data.created_at);

    const updated = await octokit.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: created.data.id,
      body: 'second report',
    });
    expect(updated.status).toBe(200);
    expect(updated.data).toMatchObject({ id: created.data.id, body: 'second report' });
    expect(Date.parse(updated.data.updated_at)).toBeGreaterThan(Date.parse(created.data.created_at));
    expect(server.comments(ISSUE)).toEqual([
      expect.objectContaining({ id: created.data.id, body: 'second report', issueNumber: ISSUE }),
    ]);
    expect(server.requests.map((r) => [r.method, r.status, r.body, r.authorization])).toEqual([
      ['POST', 201, { body: 'first report' }, `token ${TOKEN}`],
      ['PATCH', 200, { body: 'second report' }, `token ${TOKEN}`],
    ]);
  });

  it('answers 404 when updating an unknown comment', async () => {
    const { octokit } = await start();

    const error = await requestError(
      octokit.rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: 12345, body: 'x' }),
    );

    expect(error.status).toBe(404);
    expect(error.response?.data).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
  });

  it('seeds threads with the given author', async () => {
    const { octokit, server } = await start();
    server.addComment(ISSUE, 'a human wrote this', { login: 'octocat', type: 'User' });

    const { data } = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: ISSUE,
    });

    expect(data.map((c) => [c.body, c.user?.login, c.user?.type])).toEqual([
      ['a human wrote this', 'octocat', 'User'],
    ]);
  });
});

describe('comment body length', () => {
  it('rejects 65,537 characters with GitHub validation error and accepts exactly 65,536', async () => {
    const { server, octokit } = await start();

    const error = await requestError(createComment(octokit, 'x'.repeat(65_537)));
    expect(error.status).toBe(422);
    expect(error.response?.data).toEqual({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)',
        },
      ],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    });
    expect(error.message).toContain('body is too long (maximum is 65536 characters)');

    const created = await createComment(octokit, 'x'.repeat(65_536));
    expect(created.status).toBe(201);
    expect(server.comments(ISSUE).map((c) => c.body.length)).toEqual([65_536]);
  });

  it('counts code points, not UTF-16 units, on create and update', async () => {
    const { octokit } = await start();

    const created = await createComment(octokit, '😀'.repeat(65_536));
    expect(created.status).toBe(201);
    const error = await requestError(
      octokit.rest.issues.updateComment({
        owner: OWNER,
        repo: REPO,
        comment_id: created.data.id,
        body: '😀'.repeat(65_537),
      }),
    );
    expect(error.status).toBe(422);
    expect(error.response?.data).toMatchObject({
      documentation_url: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
    });
  });

  it('answers 422 for a missing or non-string body', async () => {
    const { octokit } = await start();
    // A plain string route skips Octokit's typing of the endpoint, which would insist on a string body.
    const route: string = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
    const post = (body: unknown): Promise<unknown> =>
      octokit.request(route, {
        owner: OWNER,
        repo: REPO,
        issue_number: ISSUE,
        ...(body === undefined ? {} : { body }),
      });

    const missing = await requestError(post(undefined));
    const notString = await requestError(post(42));

    expect([missing.status, notString.status]).toEqual([422, 422]);
    expect(missing.message).toContain('"body" wasn\'t supplied.');
    expect(notString.message).toContain("For 'properties/body', 42 is not a string.");
  });
});

describe('permissions and credentials', () => {
  it('forbids writes for a read-only token but still serves reads', async () => {
    const { server, octokit } = await start();
    server.addComment(ISSUE, 'existing');
    server.setWritesForbidden(true);

    const error = await requestError(createComment(octokit, 'new'));
    expect(error.status).toBe(403);
    expect(error.message).toContain('Resource not accessible by integration');
    expect(error.response?.data).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    });
    const patch = await requestError(
      octokit.rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: 1, body: 'x' }),
    );
    expect(patch.status).toBe(403);
    const { data } = await octokit.rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: ISSUE,
    });
    expect(data.map((c) => c.body)).toEqual(['existing']);

    server.setWritesForbidden(false);
    expect((await createComment(octokit, 'new')).status).toBe(201);
  });

  it('answers 401 Bad credentials to a wrong token', async () => {
    const { server } = await start({ token: 'right-token' });
    const wrong = getOctokit('wrong-token', { baseUrl: server.url });

    const error = await requestError(createComment(wrong, 'hello'));

    expect(error.status).toBe(401);
    expect(error.response?.data).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    expect(server.comments(ISSUE)).toEqual([]);
    expect(server.requests.map((r) => [r.authorization, r.status])).toEqual([['token wrong-token', 401]]);
  });

  it('accepts the right token as `token X` and as `Bearer X`', async () => {
    const jwtShaped = 'header.payload.signature';
    const { server, octokit } = await start({ token: jwtShaped });

    // Octokit sends a three-part token as `bearer …`.
    expect((await createComment(octokit, 'hello')).status).toBe(201);
    const viaToken = await fetch(`${server.url}${COMMENTS_PATH}`, {
      headers: { authorization: `token ${jwtShaped}` },
    });
    const viaBearer = await fetch(`${server.url}${COMMENTS_PATH}`, {
      headers: { authorization: `Bearer ${jwtShaped}` },
    });
    const anonymous = await fetch(`${server.url}${COMMENTS_PATH}`);

    expect([viaToken.status, viaBearer.status, anonymous.status]).toEqual([200, 200, 401]);
    expect(server.requests[0]?.authorization).toBe(`bearer ${jwtShaped}`);
  });
});

describe('pull requests and routes', () => {
  it('answers 404 for an unknown pull request and the pull request object for a known one', async () => {
    const { server, octokit } = await start();
    server.setPullRequest({
      number: 12,
      headSha: 'a'.repeat(40),
      headRef: 'feature',
      headRepo: 'contributor/octo-repo',
      baseRef: 'main',
    });

    const missing = await requestError(octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 13 }));
    expect(missing.status).toBe(404);
    expect(missing.message).toContain('Not Found');

    const { status, data } = await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 12 });
    expect(status).toBe(200);
    expect(data).toMatchObject({
      number: 12,
      state: 'open',
      html_url: `https://github.com/${OWNER}/${REPO}/pull/12`,
      head: { sha: 'a'.repeat(40), ref: 'feature', repo: { full_name: 'contributor/octo-repo', fork: true } },
      base: { ref: 'main', repo: { full_name: `${OWNER}/${REPO}`, fork: false } },
    });
  });

  it('serves only its own repository and known routes', async () => {
    const { server, octokit } = await start({ repository: 'someone/else' });

    const otherRepo = await requestError(
      octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: ISSUE }),
    );
    const unknownRoute = await requestError(
      octokit.request('GET /repos/{owner}/{repo}/labels', { owner: 'someone', repo: 'else' }),
    );
    const own = await octokit.rest.issues.listComments({
      owner: 'someone',
      repo: 'else',
      issue_number: ISSUE,
    });

    expect([otherRepo.status, unknownRoute.status, own.status]).toEqual([404, 404, 200]);
    expect(server.repository).toBe('someone/else');
  });

  it('sends GitHub’s common headers on every response', async () => {
    const { octokit } = await start();

    const first = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: ISSUE });
    const second = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: ISSUE });

    expect(first.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
    });
    expect(first.headers['x-github-request-id']).toMatch(/^[0-9A-F]+(?::[0-9A-F]+){4}$/);
    expect(second.headers['x-ratelimit-remaining']).toBe('4998');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
  });
});

describe('faults', () => {
  it('answers 502 once, then succeeds on the next call', async () => {
    const { server, octokit } = await start();
    server.injectFault({ kind: 'server-error', status: 502 });

    const error = await requestError(createComment(octokit, 'report'));
    expect(error.status).toBe(502);
    expect(error.response?.data).toEqual({ message: 'Server Error' });
    expect(server.comments(ISSUE)).toEqual([]);

    expect((await createComment(octokit, 'report')).status).toBe(201);
    expect(server.requests.map((r) => r.status)).toEqual([502, 201]);
  });

  it('exposes primary rate-limit headers on the error response', async () => {
    const { server, octokit } = await start();
    server.injectFault({ kind: 'rate-limit', which: 'primary' });
    const before = Math.floor(Date.now() / 1000);

    const error = await requestError(
      octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: ISSUE }),
    );

    expect(error.status).toBe(403);
    expect(error.message).toContain('API rate limit exceeded for installation ID 1.');
    const headers = error.response?.headers ?? {};
    expect(headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(before);
    expect(Number(headers['x-ratelimit-reset'])).toBeLessThanOrEqual(before + 2);
  });

  it('exposes retry-after on secondary and too-many-requests limits', async () => {
    const { server, octokit } = await start();
    server.injectFault({ kind: 'rate-limit', which: 'secondary' });
    server.injectFault({ kind: 'rate-limit', which: 'too-many' });

    const secondary = await requestError(createComment(octokit, 'a'));
    const tooMany = await requestError(createComment(octokit, 'b'));

    expect(secondary.status).toBe(403);
    expect(secondary.message).toContain(
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    );
    expect(secondary.response?.headers['retry-after']).toBe('1');
    expect(secondary.response?.headers['x-ratelimit-remaining']).not.toBe('0');
    expect(tooMany.status).toBe(429);
    expect(tooMany.response?.headers['retry-after']).toBe('1');
    expect((await createComment(octokit, 'c')).status).toBe(201);
  });

  it('limits a fault to the given methods and count, and records faulted requests', async () => {
    const { server, octokit } = await start();
    server.injectFault({ kind: 'forbidden' }, { count: 2, methods: ['post'] });

    const list = await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: ISSUE });
    const first = await requestError(createComment(octokit, 'a'));
    const second = await requestError(createComment(octokit, 'b'));
    const third = await createComment(octokit, 'c');

    expect([list.status, first.status, second.status, third.status]).toEqual([200, 403, 403, 201]);
    expect(first.message).toContain('Resource not accessible by integration');
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 403',
      'POST 403',
      'POST 201',
    ]);
    expect(() => server.injectFault({ kind: 'forbidden' }, { count: 0 })).toThrow(/positive integer/);
  });
});
