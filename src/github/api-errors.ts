/** What went wrong on the way to GitHub when GitHub gave no usable answer: each error says what really happened. */
import { formatLimit } from '../system/time-limit.js';

/** Codes of a connection that was never made, as opposed to one that broke. */
const CONNECT_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/** No answer because the connection failed; `code` is the system's (ECONNREFUSED, ENOTFOUND, ECONNRESET, …). */
export class ApiUnreachableError extends Error {
  override name = 'ApiUnreachableError';
  constructor(
    readonly request: string,
    readonly host: string,
    readonly code: string,
    detail: string,
  ) {
    super(
      CONNECT_CODES.test(code)
        ? `could not connect to GitHub at ${host} (${code}) for ${request}`
        : `the connection to GitHub at ${host} broke (${code}${detail ? `: ${detail}` : ''}) during ${request}`,
    );
  }
}

/** One request got no answer within its limit, or the API's total limit ran out while it waited. */
export class ApiTimeLimitError extends Error {
  override name = 'ApiTimeLimitError';
  constructor(
    readonly request: string,
    readonly limitMs: number,
    readonly scope: 'request' | 'total',
  ) {
    super(
      scope === 'request'
        ? `GitHub did not answer ${request} within ${formatLimit(limitMs)}`
        : `gave up at ${request}: every call to GitHub for the comment together may take at most ${formatLimit(limitMs)}`,
    );
  }
}

/** An answer that is not GitHub's JSON: an HTML page of a proxy or a captive portal, a wrong GITHUB_API_URL. */
export class ApiNotJsonError extends Error {
  override name = 'ApiNotJsonError';
  constructor(
    readonly request: string,
    readonly httpStatus: number,
    readonly contentType: string,
  ) {
    super(
      `GitHub answered ${request} with something that is not JSON (HTTP ${httpStatus}, content type ` +
        `${contentType || 'none'}): a proxy's page, or GITHUB_API_URL is not the address of the REST API`,
    );
  }
}

interface SystemErrorFields {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * The system error at the bottom of a failed fetch (Octokit wraps undici's `TypeError: fetch failed`, which wraps
 * e.g. `connect ECONNREFUSED 127.0.0.1:1`), or null when there is none.
 */
export function findSystemError(
  error: unknown,
): { code: string; host: string | null; message: string } | null {
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 5;
    depth++
  ) {
    const fields = current as SystemErrorFields;
    if (typeof fields.code === 'string' && /^E[A-Z]+$|^UND_ERR/.test(fields.code)) {
      const address = typeof fields.address === 'string' ? fields.address : fields.hostname;
      const host =
        typeof address === 'string'
          ? `${address}${typeof fields.port === 'number' ? `:${fields.port}` : ''}`
          : null;
      return { code: fields.code, host, message: typeof fields.message === 'string' ? fields.message : '' };
    }
    current = fields.cause;
  }
  return null;
}
