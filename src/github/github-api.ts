/** The GitHub REST calls the sticky comment needs, through the Octokit of @actions/github, with retries. */
import { getOctokit } from '@actions/github';
import { withRetries, type RetryOptions } from './retry.js';

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly url: string;
}

export interface PullRequestHead {
  readonly sha: string;
  readonly ref: string;
  /** `owner/name`; null when the head repository was deleted. */
  readonly repository: string | null;
}

/** One repository's pull request comments; every call throws Octokit's RequestError when GitHub refuses. */
export interface PullRequestApi {
  /** Every comment of the thread, oldest first, through all pages. */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
  getPullRequestHead(pullNumber: number): Promise<PullRequestHead>;
}

export interface GitHubApiOptions extends RetryOptions {
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's API. */
  readonly baseUrl: string;
}

function toComment(data: { id: number; body?: string | null; html_url: string }): IssueComment {
  return { id: data.id, body: data.body ?? '', url: data.html_url };
}

export function createGitHubApi(options: GitHubApiOptions): PullRequestApi {
  const octokit = getOctokit(options.token, { baseUrl: options.baseUrl });
  const [owner = '', repo = ''] = options.repository.split('/');
  const retried = <T>(what: string, call: () => Promise<T>): Promise<T> => withRetries(what, call, options);
  return {
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
    createComment: (issueNumber, body) =>
      retried(`Commenting on #${issueNumber}`, async () => {
        const response = await octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: issueNumber,
          body,
        });
        return toComment(response.data);
      }),
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
    getPullRequestHead: (pullNumber) =>
      retried(`Reading pull request #${pullNumber}`, async () => {
        const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
        return { sha: data.head.sha, ref: data.head.ref, repository: data.head.repo?.full_name ?? null };
      }),
  };
}
