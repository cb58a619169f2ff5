/** The GitHub REST calls the sticky comment needs, through the Octokit of @actions/github, with retries. */
import { getOctokit } from '@actions/github';
import { guardRequests } from './guard-requests.js';
import { isHttpFailure, withRetries, type RetryBudget, type RetryOptions } from '../retry.js';

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly url: string;
  /** The author's login and whether it is a bot (an app's or the workflow token's) or a user. */
  readonly author: { readonly login: string; readonly isBot: boolean } | null;
}

export interface PullRequestHead {
  readonly sha: string;
  readonly ref: string;
  /** `owner/name`; null when the head repository was deleted. */
  readonly repository: string | null;
}

/** One repository's pull request comments; every call throws Octokit's RequestError when GitHub refuses. */
export interface PullRequestApi {
  /** The login the token acts as; null for installation tokens (the workflow's), which may not ask. */
  readAuthenticatedLogin(): Promise<string | null>;
  /** Every comment of the thread, oldest first, through all pages. */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  /**
   * Creates a comment. A retried failure may have been written after all: `recover` is asked before each retry
   * and returns the comment when it exists, so a retry never writes a second one.
   */
  createComment(
    issueNumber: number,
    body: string,
    recover: () => Promise<IssueComment | null>,
  ): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  deleteComment(commentId: number): Promise<void>;
  getPullRequestHead(pullNumber: number): Promise<PullRequestHead>;
}

/** How long one API (one publishing of the comment creates one) may wait for GitHub. */
export interface ApiLimits {
  /** One request, reading its answer included. */
  readonly requestMs: number;
  /** The waits before retries, all calls together. */
  readonly retryWaitsMs: number;
  /** Everything, from the API's creation: requests and waits. */
  readonly totalMs: number;
}

export const API_LIMITS: ApiLimits = {
  /** GitHub answers in well under a second; 20 s of silence is a dead connection, not a slow answer. */
  requestMs: 20_000,
  /** One minute: what GitHub asks to wait after a secondary rate limit that names no time; more is not worth it. */
  retryWaitsMs: 60_000,
  /** The comment never holds the job longer than two minutes: one wait of a minute plus the calls around it. */
  totalMs: 120_000,
};

export interface GitHubApiOptions extends RetryOptions {
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's API. */
  readonly baseUrl: string;
  /** API_LIMITS unless a test needs smaller ones. */
  readonly limits?: Partial<ApiLimits>;
}

interface CommentData {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login: string; type: string } | null;
}

function toComment(data: CommentData): IssueComment {
  const user = data.user ?? null;
  return {
    id: data.id,
    body: data.body ?? '',
    url: data.html_url,
    author: user === null ? null : { login: user.login, isBot: user.type === 'Bot' },
  };
}

export function createGitHubApi(options: GitHubApiOptions): PullRequestApi {
  const limits = { ...API_LIMITS, ...options.limits };
  const deadlineMs = options.nowMs() + limits.totalMs;
  const octokit = getOctokit(options.token, { baseUrl: options.baseUrl });
  guardRequests(octokit, {
    requestMs: limits.requestMs,
    deadlineMs,
    totalMs: limits.totalMs,
    nowMs: options.nowMs,
  });
  const budget: RetryBudget = {
    remainingWaitMs: limits.retryWaitsMs,
    totalWaitMs: limits.retryWaitsMs,
    deadlineMs,
  };
  const [owner = '', repo = ''] = options.repository.split('/');
  const retried = <T>(what: string, call: () => Promise<T>, recover?: () => Promise<T | null>): Promise<T> =>
    withRetries(what, call, options, recover, budget);
  return {
    readAuthenticatedLogin: async () => {
      try {
        return await retried('Asking whom the token belongs to', async () => {
          return (await octokit.rest.users.getAuthenticated()).data.login;
        });
      } catch (error) {
        // Installation tokens may not ask (403): their comments are a bot's. No answer at all is no answer.
        if (isHttpFailure(error)) return null;
        throw error;
      }
    },
    listComments: (issueNumber) =>
      retried(`Listing the comments of #${issueNumber}`, async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: 100,
        });
        return comments.map(toComment);
      }),
    createComment: (issueNumber, body, recover) =>
      retried(
        `Commenting on #${issueNumber}`,
        async () => {
          const response = await octokit.rest.issues.createComment({
            owner,
            repo,
            issue_number: issueNumber,
            body,
          });
          return toComment(response.data);
        },
        recover,
      ),
    updateComment: (commentId, body) =>
      retried(`Updating comment ${commentId}`, async () => {
        const response = await octokit.rest.issues.updateComment({
          owner,
          repo,
          comment_id: commentId,
          body,
        });
        return toComment(response.data);
      }),
    deleteComment: (commentId) =>
      retried(`Deleting comment ${commentId}`, async () => {
        await octokit.rest.issues.deleteComment({ owner, repo, comment_id: commentId });
      }),
    getPullRequestHead: (pullNumber) =>
      retried(`Reading pull request #${pullNumber}`, async () => {
        const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
        return { sha: data.head.sha, ref: data.head.ref, repository: data.head.repo?.full_name ?? null };
      }),
  };
}
