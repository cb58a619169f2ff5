/** The GitHub REST calls the sticky comment needs, through the Octokit of @actions/github, with retries. */
import { getOctokit } from '@actions/github';
import { withRetries, type RetryOptions } from './retry.js';

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

export interface GitHubApiOptions extends RetryOptions {
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's API. */
  readonly baseUrl: string;
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
  const octokit = getOctokit(options.token, { baseUrl: options.baseUrl });
  const [owner = '', repo = ''] = options.repository.split('/');
  const retried = <T>(what: string, call: () => Promise<T>, recover?: () => Promise<T | null>): Promise<T> =>
    withRetries(what, call, options, recover);
  return {
    readAuthenticatedLogin: async () => {
      try {
        return await retried('Asking whom the token belongs to', async () => {
          return (await octokit.rest.users.getAuthenticated()).data.login;
        });
      } catch {
        return null; // installation tokens may not ask (403): their comments are a bot's
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
