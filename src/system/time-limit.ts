/** Time limits on calls into services that may never answer. */

/** A call that had not settled when its time limit ran out. */
export class TimeLimitError extends Error {
  override name = 'TimeLimitError';
  constructor(
    /** What was waited for, e.g. `the cache service (restoring …)`. */
    readonly what: string,
    readonly limitMs: number,
  ) {
    super(`${what} did not answer within ${formatLimit(limitMs)}`);
  }
}

/** `30 s`, `0.2 s`: a limit as the log says it. */
export function formatLimit(limitMs: number): string {
  return `${Number((limitMs / 1000).toFixed(3))} s`;
}

/**
 * Settles as `call` does, or rejects with TimeLimitError once `limitMs` have passed. The call itself goes on (the
 * caller aborts it where it can); its later outcome is ignored.
 */
export async function withTimeLimit<T>(what: string, limitMs: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(what, limitMs)), limitMs);
  });
  try {
    return await Promise.race([call(), expired]);
  } finally {
    clearTimeout(timer);
  }
}
