/** Which pull request the sticky comment goes to, how it is found again, and whether to write it. */
import type { CommentMode } from '../config/config.js';
import type { Results } from '../results/results.js';
import type { RunContext, TriggeringRun } from '../system/run-facts.js';

/** The hidden first line that finds this benchmark's comment again; the ` -->` ends the id. */
export function commentMarker(id: string): string {
  return `<!-- build-bench:sticky-comment id=${id} -->`;
}

export function composeCommentBody(id: string, markdown: string): string {
  return `${commentMarker(id)}\n${markdown}`;
}

export interface StickyCandidate {
  readonly body: string;
  readonly author: { readonly login: string; readonly isBot: boolean } | null;
}

/**
 * This id's comments, oldest first: those that start with its marker and were written by `author` (the token's
 * login) or, when the token may not say who it is, by a bot. A marker that anyone else posts is not ours to edit.
 */
export function findStickyComments<T extends StickyCandidate>(
  comments: readonly T[],
  id: string,
  author: string | null,
): T[] {
  const marker = commentMarker(id);
  const ours = (comment: T): boolean =>
    comment.author !== null && (author === null ? comment.author.isBot : comment.author.login === author);
  return comments.filter((comment) => comment.body.startsWith(marker) && ours(comment));
}

export type CommentTarget =
  | {
      readonly kind: 'pull-request';
      readonly number: number;
      /** For a `workflow_run`: the pull request's head must be this run's, else the results aimed elsewhere. */
      readonly mustMatch: TriggeringRun | null;
    }
  | { readonly kind: 'none'; readonly reason: string; readonly warn: boolean };

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

/**
 * A `pull_request` run comments on its own pull request. A `workflow_run` (the fork-safe second workflow) takes
 * the number from the results, which only count when they name the commit GitHub says the triggering run built.
 */
export function chooseCommentTarget(context: RunContext, results: Results): CommentTarget {
  if (context.pullRequest !== null) {
    return { kind: 'pull-request', number: context.pullRequest.number, mustMatch: null };
  }
  const run = context.triggeringRun;
  if (run === null) return { kind: 'none', reason: 'this run is not for a pull request', warn: false };
  if (run.event === null || !PULL_REQUEST_EVENTS.includes(run.event)) {
    return {
      kind: 'none',
      reason: `the triggering run was a ${run.event ?? 'non-pull-request'} run`,
      warn: false,
    };
  }
  const measured = results.environment.pullRequest;
  if (measured === null) {
    return {
      kind: 'none',
      reason: 'the results name no pull request (measure them in a pull_request run)',
      warn: true,
    };
  }
  if (run.headSha === null || measured.headSha !== run.headSha) {
    return {
      kind: 'none',
      reason:
        `the results are for commit ${measured.headSha.slice(0, 12)}, but the triggering run built ` +
        `${run.headSha?.slice(0, 12) ?? 'an unknown commit'}`,
      warn: true,
    };
  }
  return { kind: 'pull-request', number: measured.number, mustMatch: run };
}

export type CommentAction =
  | { readonly kind: 'create' }
  | { readonly kind: 'update'; readonly commentId: number }
  | { readonly kind: 'skip'; readonly reason: string };

/** `on-regression` creates a comment only for news worth a notification, but keeps an existing one true. */
export function decideCommentAction(
  mode: Exclude<CommentMode, 'never'>,
  existingId: number | null,
  allPassed: boolean,
): CommentAction {
  if (existingId !== null) return { kind: 'update', commentId: existingId };
  if (mode === 'on-regression' && allPassed) {
    return { kind: 'skip', reason: "the verdict is pass and input 'comment' is on-regression" };
  }
  return { kind: 'create' };
}
