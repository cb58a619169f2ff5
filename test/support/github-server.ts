/** A local GitHub REST API for one repository, as a sticky pull-request comment uses it through Octokit. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { listenLocally } from './local-server.js';

const DEFAULT_REPOSITORY = 'octo-org/octo-repo';
const ACTIONS_BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;
/** github-actions[bot]'s real user id; other logins get small ids in order of first appearance. */
const ACTIONS_BOT_ID = 41_898_282;
/** Real comment ids are past 2^31: code that squeezes them into 32 bits breaks here too. */
const FIRST_COMMENT_ID = 3_000_000_001;
const MAX_BODY_CODE_POINTS = 65_536;
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;
const RATE_LIMIT = 5000;
const DOCS = 'https://docs.github.com/rest';
const RATE_LIMIT_DOCS = `${DOCS}/using-the-rest-api/rate-limits-for-the-rest-api`;
const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

export interface StoredComment {
  readonly id: number;
  body: string;
  readonly user: { login: string; type: 'Bot' | 'User' };
  readonly issueNumber: number;
  createdAt: string;
  updatedAt: string;
}

export interface PullRequestRecord {
  readonly number: number;
  readonly headSha: string;
  readonly headRef: string;
  /** owner/name; another repository than the served one makes `head.repo.fork` true. */
  readonly headRepo: string;
  readonly baseRef: string;
}

export interface RecordedRequest {
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly authorization: string | undefined;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  readonly body: unknown;
  /** What the server answered. */
  readonly status: number;
}

export type Fault =
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  /** The request is carried out, but its answer is lost in a server error: a retried write would write twice. */
  | { kind: 'lost-answer'; status: 502 | 504 }
  /** `retryAfter: false`: a secondary limit that names no time to wait, as GitHub sometimes sends. */
  | { kind: 'rate-limit'; which: 'primary' | 'secondary' | 'too-many'; retryAfter?: boolean }
  | { kind: 'forbidden' }
  /** The request is read and never answered: a GitHub (or a proxy) that hangs. */
  | { kind: 'no-answer' }
  /** An HTML page instead of JSON, as a proxy, a captive portal or a wrong GITHUB_API_URL gives. */
  | { kind: 'html'; status: number };

export interface GitHubServer {
  /** e.g. http://127.0.0.1:PORT, no trailing slash: GITHUB_API_URL or Octokit's `baseUrl`. */
  readonly url: string;
  /** owner/name it serves; other repositories get 404. */
  readonly repository: string;
  /** Every request in arrival order, faulted ones included. */
  readonly requests: RecordedRequest[];
  /** The thread, oldest first: the stored comments themselves, so a test may edit them. */
  comments(issueNumber: number): StoredComment[];
  /** Seeds a thread; the user defaults to github-actions[bot]. */
  addComment(
    issueNumber: number,
    body: string,
    user?: { login: string; type: 'Bot' | 'User' },
  ): StoredComment;
  setPullRequest(record: PullRequestRecord): void;
  /**
   * The next `count` (default 1) matching requests (all when `methods` is omitted, else only those methods) answer
   * with the fault instead, before credentials or routes are looked at. Faults queue up in the order injected.
   */
  injectFault(fault: Fault, options?: { count?: number; methods?: readonly string[] }): void;
  /** Every write (POST/PATCH) answers 403 "Resource not accessible by integration" while true: a fork's read-only token. */
  setWritesForbidden(forbidden: boolean): void;
  /** Stops listening and drops kept-alive connections. Idempotent. */
  close(): Promise<void>;
}

export interface GitHubServerOptions {
  /** owner/name, default `octo-org/octo-repo`. */
  readonly repository?: string;
  /** When set, any other credential (or none) gets 401 Bad credentials. */
  readonly token?: string;
  /**
   * Whom the token belongs to, as `GET /user` says, and the author of comments written through the API. Absent: an
   * installation token like the workflow's, which `GET /user` refuses (403) and whose comments github-actions[bot] writes.
   */
  readonly tokenUser?: { readonly login: string; readonly type: 'Bot' | 'User' };
}

type Route =
  | { readonly name: 'list-comments'; readonly issueNumber: number }
  | { readonly name: 'create-comment'; readonly issueNumber: number }
  | { readonly name: 'update-comment'; readonly commentId: number }
  | { readonly name: 'delete-comment'; readonly commentId: number }
  | { readonly name: 'get-pull'; readonly pullNumber: number }
  | { readonly name: 'get-user' };

/** The endpoint's page in GitHub's REST docs, as its error bodies link it. */
const DOCS_BY_ROUTE: Record<Route['name'], string> = {
  'list-comments': `${DOCS}/issues/comments#list-issue-comments`,
  'create-comment': `${DOCS}/issues/comments#create-an-issue-comment`,
  'update-comment': `${DOCS}/issues/comments#update-an-issue-comment`,
  'delete-comment': `${DOCS}/issues/comments#delete-an-issue-comment`,
  'get-user': `${DOCS}/users/users#get-the-authenticated-user`,
  'get-pull': `${DOCS}/pulls/pulls#get-a-pull-request`,
};

interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
  /** Sent as is instead of `body` as JSON. */
  readonly rawBody?: string;
}

interface PendingFault {
  readonly fault: Fault;
  remaining: number;
  readonly methods: readonly string[] | undefined;
}

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const repository = options.repository ?? DEFAULT_REPOSITORY;
  const requests: RecordedRequest[] = [];
  const stored: StoredComment[] = [];
  const pulls = new Map<number, PullRequestRecord>();
  const userIds = new Map<string, number>([[ACTIONS_BOT.login, ACTIONS_BOT_ID]]);
  const faults: PendingFault[] = [];
  let writesForbidden = false;
  let nextCommentId = FIRST_COMMENT_ID;
  let used = 0;
  const resetAt = epochSeconds() + 3600;
  let origin = '';

  function store(issueNumber: number, body: string, user: StoredComment['user']): StoredComment {
    const now = isoSeconds(epochSeconds());
    const comment = {
      id: nextCommentId++,
      body,
      user: { ...user },
      issueNumber,
      createdAt: now,
      updatedAt: now,
    };
    stored.push(comment);
    return comment;
  }

  function userId(login: string): number {
    if (!userIds.has(login)) userIds.set(login, 1000 + userIds.size);
    return userIds.get(login) ?? 0;
  }

  /** A comment as GitHub's REST API renders it. */
  function renderComment(comment: StoredComment): object {
    const { id, body, user, issueNumber } = comment;
    return {
      id,
      node_id: `IC_${Buffer.from(`IssueComment:${id}`).toString('base64url')}`,
      url: `${origin}/repos/${repository}/issues/comments/${id}`,
      html_url: `https://github.com/${repository}/pull/${issueNumber}#issuecomment-${id}`,
      body,
      user: { login: user.login, id: userId(user.login), type: user.type, site_admin: false },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${origin}/repos/${repository}/issues/${issueNumber}`,
      author_association: 'NONE',
    };
  }

  function renderPull(pull: PullRequestRecord): object {
    const repo = (fullName: string): object => {
      const [owner = '', name = ''] = fullName.split('/');
      return { full_name: fullName, name, owner: { login: owner }, fork: fullName !== repository };
    };
    const label = (fullName: string, ref: string): string => `${fullName.split('/')[0] ?? ''}:${ref}`;
    return {
      url: `${origin}/repos/${repository}/pulls/${pull.number}`,
      number: pull.number,
      state: 'open',
      html_url: `https://github.com/${repository}/pull/${pull.number}`,
      head: {
        label: label(pull.headRepo, pull.headRef),
        ref: pull.headRef,
        sha: pull.headSha,
        repo: repo(pull.headRepo),
      },
      base: { label: label(repository, pull.baseRef), ref: pull.baseRef, repo: repo(repository) },
    };
  }

  /** One page of the thread, with GitHub's Link header when there is more than one page. */
  function listComments(issueNumber: number, url: URL): Reply {
    const perPage = Math.min(positiveInt(url.searchParams.get('per_page')) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
    const page = positiveInt(url.searchParams.get('page')) ?? 1;
    const thread = stored.filter((comment) => comment.issueNumber === issueNumber);
    const body = thread.slice((page - 1) * perPage, page * perPage).map(renderComment);
    const lastPage = Math.max(1, Math.ceil(thread.length / perPage));
    const link = linkHeader(new URL(url.pathname + url.search, origin), perPage, page, lastPage);
    return { status: 200, headers: link ? { link } : {}, body };
  }

  /** 422 unless `body` is a string of at most 65,536 code points; then writes it. */
  function writeComment(route: Route, input: unknown, write: (body: string) => Reply): Reply {
    const docs = DOCS_BY_ROUTE[route.name];
    const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    if (!('body' in record)) return invalidRequest(`"body" wasn't supplied.`, docs);
    if (typeof record.body !== 'string') {
      return invalidRequest(`For 'properties/body', ${JSON.stringify(record.body)} is not a string.`, docs);
    }
    if ([...record.body].length > MAX_BODY_CODE_POINTS) return bodyTooLong(docs);
    return write(record.body);
  }

  /** In GitHub's order: credentials, route, permission, then the endpoint's own checks. */
  function answer(method: string, url: URL, authorization: string | undefined, raw: string): Reply {
    if (options.token !== undefined && credentialOf(authorization) !== options.token) {
      return errorReply(401, 'Bad credentials', DOCS);
    }
    const route = matchRoute(method, url.pathname, repository);
    if (!route) return notFound();
    if (writesForbidden && (method === 'POST' || method === 'PATCH' || method === 'DELETE'))
      return forbidden(DOCS_BY_ROUTE[route.name]);
    const input = parseJson(raw);
    if (method !== 'GET' && raw !== '' && input === undefined) {
      return errorReply(400, 'Problems parsing JSON', DOCS_BY_ROUTE[route.name]);
    }
    switch (route.name) {
      case 'list-comments':
        return listComments(route.issueNumber, url);
      case 'create-comment':
        return writeComment(route, input, (body) => ({
          status: 201,
          body: renderComment(store(route.issueNumber, body, options.tokenUser ?? ACTIONS_BOT)),
        }));
      case 'update-comment': {
        const comment = stored.find((c) => c.id === route.commentId);
        if (!comment) return notFound();
        return writeComment(route, input, (body) => {
          comment.body = body;
          comment.updatedAt = isoSeconds(Math.max(epochSeconds(), secondsOf(comment.updatedAt) + 1));
          return { status: 200, body: renderComment(comment) };
        });
      }
      case 'delete-comment': {
        const index = stored.findIndex((c) => c.id === route.commentId);
        if (index === -1) return notFound();
        stored.splice(index, 1);
        return { status: 204, body: undefined };
      }
      case 'get-pull': {
        const pull = pulls.get(route.pullNumber);
        return pull ? { status: 200, body: renderPull(pull) } : notFound();
      }
      case 'get-user': {
        const user = options.tokenUser;
        if (user === undefined) return forbidden(DOCS_BY_ROUTE['get-user']);
        return { status: 200, body: { login: user.login, id: userId(user.login), type: user.type } };
      }
    }
  }

  /** The first pending fault for this method, used up by one; undefined when none applies. */
  function takeFault(method: string): Fault | undefined {
    const pending = faults.find((f) => f.remaining > 0 && (!f.methods || f.methods.includes(method)));
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining === 0) faults.splice(faults.indexOf(pending), 1);
    return pending.fault;
  }

  async function handle(request: IncomingMessage): Promise<Reply> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', origin);
    const raw = (await readBody(request)).toString('utf8');
    const authorization = request.headers.authorization;
    used += 1;
    const fault = takeFault(method);
    if (fault?.kind === 'no-answer') {
      requests.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization,
        body: raw || undefined,
        status: 0,
      });
      return new Promise<Reply>(() => undefined); // close() drops the connection
    }
    const route = matchRoute(method, url.pathname, repository);
    const done = fault?.kind === 'lost-answer' || !fault ? answer(method, url, authorization, raw) : null;
    const reply = fault ? faultReply(fault, route ? DOCS_BY_ROUTE[route.name] : DOCS) : done!;
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization,
      body: raw === '' ? undefined : (parseJson(raw) ?? raw),
      status: reply.status,
    });
    return reply;
  }

  /** Headers GitHub sends on every response; a reply's own headers win. */
  function commonHeaders(): Record<string, string> {
    return {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': requestId(),
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - used)),
      'x-ratelimit-used': String(Math.min(used, RATE_LIMIT)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-resource': 'core',
    };
  }

  const local = await listenLocally((request, response) => {
    handle(request).then(
      ({ status, headers, body, rawBody }) => {
        const text = rawBody ?? (body === undefined ? '' : JSON.stringify(body));
        response
          .writeHead(status, { ...commonHeaders(), ...headers, 'content-length': Buffer.byteLength(text) })
          .end(text);
      },
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  origin = local.origin;

  return {
    url: origin,
    repository,
    requests,
    comments: (issueNumber) => stored.filter((comment) => comment.issueNumber === issueNumber),
    addComment: (issueNumber, body, user = ACTIONS_BOT) => store(issueNumber, body, user),
    setPullRequest: (record) => {
      pulls.set(record.number, { ...record });
    },
    injectFault: (fault, { count = 1, methods } = {}) => {
      if (!Number.isInteger(count) || count < 1)
        throw new Error(`fault count must be a positive integer: ${count}`);
      faults.push({ fault, remaining: count, methods: methods?.map((m) => m.toUpperCase()) });
    },
    setWritesForbidden: (forbiddenNow) => {
      writesForbidden = forbiddenNow;
    },
    close: () => local.close(),
  };
}

/** The endpoint a request names, or undefined (answered 404) for other routes, methods and repositories. */
function matchRoute(method: string, pathname: string, repository: string): Route | undefined {
  if (pathname === '/user' && method === 'GET') return { name: 'get-user' };
  const segments = pathname.split('/').slice(1).map(safeDecode);
  const [repos, owner, name, collection, ...rest] = segments;
  if (repos !== 'repos' || `${owner}/${name}`.toLowerCase() !== repository.toLowerCase()) return undefined;
  const number = (text: string | undefined): number | undefined =>
    text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  if (collection === 'issues' && rest.length === 2 && rest[0] === 'comments') {
    const commentId = number(rest[1]);
    if (method === 'PATCH' && commentId !== undefined) return { name: 'update-comment', commentId };
    if (method === 'DELETE' && commentId !== undefined) return { name: 'delete-comment', commentId };
  }
  if (collection === 'issues' && rest.length === 2 && rest[1] === 'comments') {
    const issueNumber = number(rest[0]);
    if (issueNumber === undefined) return undefined;
    if (method === 'GET') return { name: 'list-comments', issueNumber };
    if (method === 'POST') return { name: 'create-comment', issueNumber };
  }
  if (collection === 'pulls' && rest.length === 1 && method === 'GET') {
    const pullNumber = number(rest[0]);
    if (pullNumber !== undefined) return { name: 'get-pull', pullNumber };
  }
  return undefined;
}

/**
 * GitHub's `Link`: `<url>; rel="prev", <url>; rel="next", <url>; rel="last", <url>; rel="first"`, each present
 * when it applies, absolute URLs keeping the request's other query parameters; undefined for a single page.
 */
function linkHeader(requestUrl: URL, perPage: number, page: number, lastPage: number): string | undefined {
  if (lastPage <= 1 && page <= 1) return undefined;
  const at = (target: number, rel: string): string => {
    const url = new URL(requestUrl.pathname, requestUrl.origin);
    for (const [key, value] of requestUrl.searchParams) {
      if (key !== 'per_page' && key !== 'page') url.searchParams.append(key, value);
    }
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(target));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(at(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(at(page + 1, 'next'), at(lastPage, 'last'));
  if (page > 1) links.push(at(1, 'first'));
  return links.join(', ');
}

function faultReply(fault: Fault, docs: string): Reply {
  switch (fault.kind) {
    case 'server-error':
    case 'lost-answer':
      return { status: fault.status, body: { message: 'Server Error' } };
    case 'forbidden':
      return forbidden(docs);
    case 'no-answer':
      throw new Error('a request without an answer gets no reply');
    case 'html':
      return {
        status: fault.status,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: undefined,
        rawBody:
          '<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body>Please sign in.</body></html>\n',
      };
    case 'rate-limit':
      if (fault.which === 'primary') {
        return errorReply(403, 'API rate limit exceeded for installation ID 1.', RATE_LIMIT_DOCS, {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': String(RATE_LIMIT),
          'x-ratelimit-reset': String(epochSeconds() + 1),
        });
      }
      return errorReply(
        fault.which === 'secondary' ? 403 : 429,
        SECONDARY_LIMIT_MESSAGE,
        `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
        fault.retryAfter === false ? {} : { 'retry-after': '1' },
      );
  }
}

/** GitHub's error body: message, documentation_url and the status as a string. */
function errorReply(
  status: number,
  message: string,
  docs: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers, body: { message, documentation_url: docs, status: String(status) } };
}

function notFound(): Reply {
  return errorReply(404, 'Not Found', DOCS);
}

function forbidden(docs: string): Reply {
  return errorReply(403, 'Resource not accessible by integration', docs);
}

/** A request body that fails the endpoint's JSON schema. */
function invalidRequest(detail: string, docs: string): Reply {
  return errorReply(422, `Invalid request.\n\n${detail}`, docs);
}

function bodyTooLong(docs: string): Reply {
  const error = {
    resource: 'IssueComment',
    code: 'custom',
    field: 'body',
    message: `body is too long (maximum is ${MAX_BODY_CODE_POINTS} characters)`,
  };
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [error], documentation_url: docs, status: '422' },
  };
}

/** The token in `token X` or `Bearer X` (either case), else undefined. */
function credentialOf(authorization: string | undefined): string | undefined {
  return /^(?:token|bearer) +(\S+)$/i.exec(authorization ?? '')?.[1];
}

function positiveInt(text: string | null): number | undefined {
  const value = text !== null && /^\d+$/.test(text) ? Number(text) : 0;
  return value >= 1 ? value : undefined;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function epochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** GitHub's timestamp format: ISO 8601 in UTC without fractional seconds. */
function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function secondsOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** Shaped like GitHub's `x-github-request-id`, e.g. `C0DE:1A2B:3C4D5E:6F7A8B9:65A1B2C3`. */
function requestId(): string {
  const hex = (bytes: number): string => randomBytes(bytes).toString('hex').toUpperCase();
  return [hex(2), hex(2), hex(3), hex(4), hex(4)].join(':');
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
