/** The sticky PR comment: finds this id's comment and updates it, or creates it; a failure is a warning, never the gate. */
import type { PublishConfig } from '../config/config.js';
import type { Results } from '../results/results.js';
import type { Logger } from '../system/ports.js';
import { describeError } from '../system/errors.js';
import {
  chooseCommentTarget,
  commentMarker,
  composeCommentBody,
  decideCommentAction,
  findStickyComment,
} from './comment-policy.js';
import type { PullRequestApi, PullRequestHead } from './github-api.js';
import { describeHttpFailure, isHttpFailure } from './retry.js';
import type { RunContext, TriggeringRun } from './run-facts.js';

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

/** GitHub refuses comment bodies above 65,536 characters; UTF-8 bytes are never fewer. */
export const COMMENT_BODY_MAX_BYTES = 65_536;

function headMatches(head: PullRequestHead, run: TriggeringRun): boolean {
  if (head.sha === run.headSha) return true;
  return head.repository !== null && head.repository === run.headRepository && head.ref === run.headBranch;
}

/** What to tell the user when GitHub refuses, with the fix. */
function explainFailure(error: unknown, pullNumber: number, repository: string): string {
  const where = `Could not comment on pull request #${pullNumber}`;
  const summary = 'The report is still in the job summary, and the verdict is unchanged.';
  if (!isHttpFailure(error)) return `${where}: ${describeError(error)}. ${summary}`;
  const answer = `GitHub answered ${describeHttpFailure(error)}`;
  if (error.status === 403) {
    return (
      `${where}: ${answer}. The token may not write to pull requests: give the job ` +
      '`permissions: pull-requests: write`. Pull requests from forks always get a read-only token: comment ' +
      'from a second workflow on `workflow_run` instead (README: "Fork-safe comments"). ' +
      summary
    );
  }
  if (error.status === 401) return `${where}: ${answer}. Check input 'github-token'. ${summary}`;
  if (error.status === 404) {
    return `${where}: ${answer}. Is #${pullNumber} a pull request of ${repository}, readable with input 'github-token'? ${summary}`;
  }
  return `${where}: ${answer}. ${summary}`;
}

/** Returns the comment's URL, or null when none was written. Never throws. */
export async function publishComment(request: CommentRequest, deps: CommentDeps): Promise<string | null> {
  const { config, context } = request;
  const { logger } = deps;
  if (config.comment.mode === 'never') {
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
      const head = await api.getPullRequestHead(target.number);
      if (!headMatches(head, target.mustMatch)) {
        logger.warning(
          `No pull request comment: pull request #${target.number} has head ${head.sha.slice(0, 12)}, ` +
            `not the ${target.mustMatch.headSha?.slice(0, 12)} that the triggering run built.`,
        );
        return null;
      }
    }
    const existing = findStickyComment(await api.listComments(target.number), config.id);
    const action = decideCommentAction(config.comment.mode, existing?.id ?? null, request.allPassed);
    if (action.kind === 'skip') {
      logger.info(`No pull request comment: ${action.reason}.`);
      return null;
    }
    const markerBytes = new TextEncoder().encode(`${commentMarker(config.id)}\n`).length;
    const body = composeCommentBody(config.id, request.renderMarkdown(COMMENT_BODY_MAX_BYTES - markerBytes));
    const comment =
      action.kind === 'update'
        ? await api.updateComment(action.commentId, body)
        : await api.createComment(target.number, body);
    logger.info(`${action.kind === 'update' ? 'Updated' : 'Created'} the comment ${comment.url}`);
    return comment.url;
  } catch (error) {
    logger.warning(explainFailure(error, target.number, repository));
    return null;
  }
}
