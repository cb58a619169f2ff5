/**
 * Every request of one Octokit under a time limit, with failures named for what happened: no connection, no answer
 * in time, or an answer that is not JSON (which Octokit would hand on as a string, to fail later on `in` or `.id`).
 */
import type { getOctokit } from '@actions/github';
import { ApiNotJsonError, ApiTimeLimitError, ApiUnreachableError, findSystemError } from '../api-errors.js';

type Octokit = ReturnType<typeof getOctokit>;

export interface RequestLimits {
  /** Most time one request may take, reading its answer included. */
  readonly requestMs: number;
  /** The time (on `nowMs`'s clock) by which every request must be done, and the total limit that set it. */
  readonly deadlineMs: number;
  readonly totalMs: number;
  readonly nowMs: () => number;
}

interface RequestOptions {
  readonly method: string;
  readonly url: string;
  readonly baseUrl: string;
  readonly [parameter: string]: unknown;
}

/** `GET /repos/o/r/issues/7/comments`: the route with its parameters filled in, without host and query. */
export function describeRequest(options: RequestOptions): string {
  const url = options.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = options[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
  const pathname = /^https?:/.test(url) ? new URL(url).pathname : url.split('?')[0]!;
  return `${options.method} ${pathname}`;
}

function isJsonValue(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !(data instanceof ArrayBuffer);
}

/** Octokit's failure without a response (status 500, a fetch error inside) as the connection failure it is. */
function nameConnectionFailure(error: unknown, request: string, baseUrl: string): unknown {
  if (typeof error !== 'object' || error === null) return error;
  if ((error as { response?: unknown }).response !== undefined) return error;
  const system = findSystemError(error);
  if (system === null) return error;
  const host = system.host ?? new URL(baseUrl).host;
  return new ApiUnreachableError(request, host, system.code, system.message);
}

export function guardRequests(octokit: Octokit, limits: RequestLimits): void {
  octokit.hook.wrap('request', async (request, options) => {
    const what = describeRequest(options);
    const remainingMs = limits.deadlineMs - limits.nowMs();
    if (remainingMs <= 0) throw new ApiTimeLimitError(what, limits.totalMs, 'total');
    const totalFirst = remainingMs < limits.requestMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(limits.requestMs, remainingMs));
    try {
      // Set on the options object itself: the hooks inside (the token's) are bound to it and ignore a copy.
      // Endpoint options are merged afresh for every request, so this reaches no other one.
      options.request.signal = controller.signal;
      const response = await request(options);
      if (response.status !== 204 && response.status !== 205 && !isJsonValue(response.data)) {
        throw new ApiNotJsonError(what, response.status, String(response.headers['content-type'] ?? ''));
      }
      return response;
    } catch (error) {
      if (!controller.signal.aborted) throw nameConnectionFailure(error, what, options.baseUrl);
      if (totalFirst) throw new ApiTimeLimitError(what, limits.totalMs, 'total');
      throw new ApiTimeLimitError(what, limits.requestMs, 'request');
    } finally {
      clearTimeout(timer);
    }
  });
}
