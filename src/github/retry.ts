/** Retries GitHub API calls that failed for a passing reason: a server error or a rate limit, with backoff. */

/** What an Octokit RequestError carries that the decision needs. */
interface HttpFailure {
  readonly status: number;
  readonly message: string;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
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

/** `403 (Resource not accessible by integration)`: GitHub's message without Octokit's documentation link. */
export function describeHttpFailure(error: HttpFailure): string {
  const message = error.message.split('\n')[0]!.replace(/ - https:\/\/docs\.github\.com\S*$/, '');
  return `${error.status} (${message})`;
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

/**
 * Runs `call`, retrying passing failures up to MAX_ATTEMPTS in all; the last failure is thrown. Before a retry,
 * `recover` may find that the failed call took effect after all (a write whose answer was lost) and end it.
 */
export async function withRetries<T>(
  what: string,
  call: () => Promise<T>,
  options: RetryOptions,
  recover?: () => Promise<T | null>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delayMs = attempt < MAX_ATTEMPTS ? decideRetryDelayMs(error, attempt, options.nowMs()) : null;
      if (delayMs === null || delayMs > MAX_RETRY_WAIT_MS) throw error;
      const status = isHttpFailure(error) ? describeHttpFailure(error) : 'an error';
      options.onRetry(
        `${what}: GitHub answered ${status}; retrying in ${Math.ceil(delayMs / 1000)} s ` +
          `(attempt ${attempt + 1} of ${MAX_ATTEMPTS}).`,
      );
      await options.sleep(delayMs);
      const recovered = recover === undefined ? null : await recover();
      if (recovered !== null) return recovered;
    }
  }
}
