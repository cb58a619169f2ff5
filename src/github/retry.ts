/** Retries GitHub API calls that failed for a passing reason: a server error or a rate limit, with backoff. */
import { describeError } from '../system/errors.js';
import { formatLimit } from '../system/time-limit.js';
import { ApiUnreachableError } from './api-errors.js';

/** What an Octokit RequestError carries that the decision needs. */
interface HttpFailure {
  readonly status: number;
  readonly message: string;
  readonly response?: {
    readonly headers?: Readonly<Record<string, string | number | undefined>>;
    readonly data?: unknown;
  };
}

export function isHttpFailure(error: unknown): error is HttpFailure {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** GitHub's answer when the token's requests ran out (primary or secondary limit), not a missing permission. */
export function isRateLimited(error: HttpFailure): boolean {
  const remaining = error.response?.headers?.['x-ratelimit-remaining'];
  return error.status === 429 || String(remaining) === '0' || /rate limit/i.test(error.message);
}

/**
 * `403 (Resource not accessible by integration)`: GitHub's message without Octokit's documentation link; for a body
 * that is not JSON (a proxy's HTML page), its content type instead of the page.
 */
export function describeHttpFailure(error: HttpFailure): string {
  if (typeof error.response?.data === 'string') {
    const contentType = String(error.response.headers?.['content-type'] ?? 'none');
    if (!/json/i.test(contentType))
      return `${error.status} (an answer that is not JSON, content type ${contentType})`;
  }
  const message = error.message.split('\n')[0]!.replace(/ - https:\/\/docs\.github\.com\S*$/, '');
  return `${error.status} (${message})`;
}

/** What a failure was, for the log: GitHub's status and message, or what kept GitHub from answering. */
export function describeApiFailure(error: unknown): string {
  return isHttpFailure(error) ? `GitHub answered ${describeHttpFailure(error)}` : describeError(error);
}

/** Waits longer than this are not worth holding the job for: the call fails instead. */
export const MAX_RETRY_WAIT_MS = 60_000;
export const MAX_ATTEMPTS = 4;

function header(error: HttpFailure, name: string): string | null {
  const value = error.response?.headers?.[name];
  return value === undefined ? null : String(value);
}

/**
 * How long to wait before attempt `attempt + 1`, or null when the failure is not passing. Server errors back
 * off 1 s, 2 s, 4 s; rate limits wait as GitHub says (`retry-after`, or until `x-ratelimit-reset`).
 */
export function decideRetryDelayMs(error: unknown, attempt: number, nowMs: number): number | null {
  if (error instanceof ApiUnreachableError) return 1000 * 2 ** (attempt - 1);
  if (!isHttpFailure(error)) return null;
  if (error.status >= 500) return 1000 * 2 ** (attempt - 1);
  if (error.status !== 403 && error.status !== 429) return null;
  const retryAfter = header(error, 'retry-after');
  if (retryAfter !== null && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const reset = header(error, 'x-ratelimit-reset');
  if (header(error, 'x-ratelimit-remaining') === '0' && reset !== null && /^\d+$/.test(reset)) {
    return Math.max(0, Number(reset) * 1000 - nowMs) + 1000;
  }
  if (error.status === 429 || /secondary rate limit/i.test(error.message)) return MAX_RETRY_WAIT_MS;
  return null;
}

export interface RetryOptions {
  readonly sleep: (ms: number) => Promise<void>;
  readonly nowMs: () => number;
  /** Told before each wait, e.g. to log it. */
  readonly onRetry: (message: string) => void;
}

/** Shared by the calls of one API: how long their waits before retries may still take, and when all must end. */
export interface RetryBudget {
  remainingWaitMs: number;
  readonly totalWaitMs: number;
  /** On `nowMs`'s clock; no wait may end later. */
  readonly deadlineMs: number;
}

/** Why a wait of `delayMs` does not fit the budget, or null when it does. */
function exceedsBudget(delayMs: number, budget: RetryBudget | undefined, nowMs: number): string | null {
  if (budget === undefined) return null;
  if (delayMs > budget.remainingWaitMs) {
    return `the waits before retries may take ${formatLimit(budget.totalWaitMs)} in all`;
  }
  if (nowMs + delayMs > budget.deadlineMs) return 'the time for the comment would run out';
  return null;
}

/**
 * Runs `call`, retrying passing failures up to MAX_ATTEMPTS in all; the last failure is thrown. Before a retry,
 * `recover` may find that the failed call took effect after all (a write whose answer was lost) and end it.
 */
export async function withRetries<T>(
  what: string,
  call: () => Promise<T>,
  options: RetryOptions,
  recover?: () => Promise<T | null>,
  budget?: RetryBudget,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const nowMs = options.nowMs();
      const delayMs = attempt < MAX_ATTEMPTS ? decideRetryDelayMs(error, attempt, nowMs) : null;
      if (delayMs === null || delayMs > MAX_RETRY_WAIT_MS) throw error;
      const why = describeApiFailure(error);
      const seconds = Math.ceil(delayMs / 1000);
      const overBudget = exceedsBudget(delayMs, budget, nowMs);
      if (overBudget !== null) {
        options.onRetry(`${what}: ${why}; not waiting ${seconds} s to retry: ${overBudget}.`);
        throw error;
      }
      if (budget) budget.remainingWaitMs -= delayMs;
      options.onRetry(
        `${what}: ${why}; retrying in ${seconds} s (attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`,
      );
      await options.sleep(delayMs);
      const recovered = recover === undefined ? null : await recover();
      if (recovered !== null) return recovered;
    }
  }
}
