/** The sticky PR comment: finds this id's comment and updates it, or creates it; a failure is a warning, never the gate. */
import type { PublishConfig } from '../config/config.js';
import { COMMENT_MAX_BYTES } from '../report/render-report.js';
import type { Results } from '../results/results.js';
import type { Logger } from '../system/ports.js';
import { describeError } from '../system/errors.js';
import {
  chooseCommentTarget,
  commentMarker,
  composeCommentBody,
  decideCommentAction,
  findStickyComments,
} from './comment-policy.js';
import type { IssueComment, PullRequestApi } from './io/github-api.js';
import { describeHttpFailure, isHttpFailure, isRateLimited } from './retry.js';
import type { RunContext, TriggeringRun } from '../system/run-facts.js';

export interface CommentRequest {
  readonly config: PublishConfig;
  readonly results: Results;
  /** Every scenario passed and the benchmark completed: `on-regression` then creates no comment. */
  readonly allPassed: boolean;
  /** The report as Markdown, at most `maxBytes` UTF-8 bytes. */
  readonly renderMarkdown: (maxBytes: number) => string;
  readonly context: RunContext;
}

export interface CommentDeps {
  readonly createApi: (token: string, repository: string) => PullRequestApi;
  readonly logger: Logger;
}

/** Why the pull request's head is not the commit the triggering run built; null when it is. */
async function checkHead(
  api: PullRequestApi,
  pullNumber: number,
  run: TriggeringRun,
): Promise<string | null> {
  const head = await api.getPullRequestHead(pullNumber);
  if (head.repository !== run.headRepository) {
    return (
      `the head of pull request #${pullNumber} is in ${head.repository ?? 'a deleted repository'}, ` +
      `not in ${run.headRepository ?? 'the repository'} that the triggering run built`
    );
  }
  if (head.sha !== run.headSha) {
    return (
      `pull request #${pullNumber} has moved on to ${head.sha.slice(0, 12)} since the triggering run built ` +
      `${run.headSha?.slice(0, 12) ?? 'its head'}; the run for the new head comments`
    );
  }
  return null;
}

/** What to tell the user when GitHub refuses, with the fix. */
function explainFailure(error: unknown, pullNumber: number, repository: string): string {
  const where = `Could not comment on pull request #${pullNumber}`;
  const summary = 'The report is still in the job summary, and the verdict is unchanged.';
  if (!isHttpFailure(error)) return `${where}: ${describeError(error)}. ${summary}`;
  const answer = `GitHub answered ${describeHttpFailure(error)}`;
  if (isRateLimited(error)) {
    return `${where}: ${answer}. The token's API rate limit ran out; the next run comments again. ${summary}`;
  }
  if (error.status === 403) {
    return (
      `${where}: ${answer}. The token may not write to pull requests: give the job ` +
      '`permissions: pull-requests: write`. Pull requests from forks always get a read-only token: comment ' +
      'from a second workflow on `workflow_run` instead (docs/gating.md, "Fork-safe comments"). ' +
      summary
    );
  }
  if (error.status === 401) return `${where}: ${answer}. Check input 'github-token'. ${summary}`;
  if (error.status === 404) {
    return `${where}: ${answer}. Is #${pullNumber} a pull request of ${repository}, readable with input 'github-token'? ${summary}`;
  }
  return `${where}: ${answer}. ${summary}`;
}

/** Writes the comment; duplicates of it (left by a race of two runs) are removed. */
async function writeComment(
  api: PullRequestApi,
  request: CommentRequest,
  mode: 'always' | 'on-regression',
  pullNumber: number,
  logger: Logger,
): Promise<IssueComment | null> {
  const { config } = request;
  const author = await api.readAuthenticatedLogin();
  const findOurs = async (): Promise<IssueComment[]> =>
    findStickyComments(await api.listComments(pullNumber), config.id, author);
  const [existing, ...duplicates] = await findOurs();
  const action = decideCommentAction(mode, existing?.id ?? null, request.allPassed);
  if (action.kind === 'skip') {
    logger.info(`No pull request comment: ${action.reason}.`);
    return null;
  }
  const markerBytes = new TextEncoder().encode(`${commentMarker(config.id)}\n`).length;
  const body = composeCommentBody(config.id, request.renderMarkdown(COMMENT_MAX_BYTES - markerBytes));
  const comment =
    action.kind === 'update'
      ? await api.updateComment(action.commentId, body)
      : await api.createComment(pullNumber, body, async () => {
          const [written] = await findOurs();
          return written === undefined ? null : api.updateComment(written.id, body);
        });
  logger.info(`${action.kind === 'update' ? 'Updated' : 'Created'} the comment ${comment.url}`);
  for (const duplicate of duplicates) await api.deleteComment(duplicate.id);
  if (duplicates.length > 0)
    logger.info(`Removed ${duplicates.length} duplicate comment(s) of id ${config.id}.`);
  return comment;
}

/**
 * Returns the comment's URL, or null when none was written. Never throws, and never waits on GitHub longer than the
 * limits of the one API it creates (API_LIMITS: 20 s a request, 2 minutes in all).
 */
export async function publishComment(request: CommentRequest, deps: CommentDeps): Promise<string | null> {
  const { config, context } = request;
  const { logger } = deps;
  const mode = config.comment.mode;
  if (mode === 'never') {
    logger.info("No pull request comment: input 'comment' is never.");
    return null;
  }
  const target = chooseCommentTarget(context, request.results);
  if (target.kind === 'none') {
    const message = `No pull request comment: ${target.reason}.`;
    if (target.warn) logger.warning(message);
    else logger.info(message);
    return null;
  }
  const repository = context.repository;
  if (repository === null || config.comment.token === '') {
    logger.warning(
      `No pull request comment: ${repository === null ? 'GITHUB_REPOSITORY is not set' : "input 'github-token' is empty"}.`,
    );
    return null;
  }
  const api = deps.createApi(config.comment.token, repository);
  try {
    if (target.mustMatch !== null) {
      const mismatch = await checkHead(api, target.number, target.mustMatch);
      if (mismatch !== null) {
        logger.warning(`No pull request comment: ${mismatch}.`);
        return null;
      }
    }
    const comment = await writeComment(api, request, mode, target.number, logger);
    return comment?.url ?? null;
  } catch (error) {
    logger.warning(explainFailure(error, target.number, repository));
    return null;
  }
}
