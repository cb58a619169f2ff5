/**
 * Cache keys of the baseline. Keys are immutable, so every save gets a unique key; a restore asks for the
 * prefix and the cache service returns the newest match its branch scopes allow.
 */

/** Bumped when the baseline's layout in the cache changes, so old entries are never matched. */
const KEY_LAYOUT = 'v1';

/** The id comes last and ends in `~`, which ids cannot hold: no id's prefix is the start of another id's keys. */
export function baselineKeyPrefix(id: string, platform: string, arch: string): string {
  return `build-bench-baseline-${KEY_LAYOUT}-${platform}-${arch}-${id}~`;
}

/** A key no other run uses: the run id and attempt on a runner, plus the time for runs outside one. */
export function baselineKey(
  prefix: string,
  runId: string | undefined,
  runAttempt: string | undefined,
  nowMs: number,
): string {
  const run = runId ? `${runId}-${runAttempt ?? '1'}-` : '';
  return `${prefix}${run}${nowMs}`;
}
