/** withTimeLimit: the call's own outcome when it settles in time, TimeLimitError naming the wait when not. */
import { describe, expect, it } from 'vitest';
import { formatLimit, TimeLimitError, withTimeLimit } from '../../src/system/time-limit.js';

describe('withTimeLimit', () => {
  it('settles as the call does within the limit', async () => {
    await expect(withTimeLimit('the service', 1000, () => Promise.resolve(7))).resolves.toBe(7);
    await expect(
      withTimeLimit('the service', 1000, () => Promise.reject(new Error('refused'))),
    ).rejects.toThrow('refused');
  });

  it('gives up once the limit has passed, naming what it waited for', async () => {
    const startedMs = performance.now();
    const never = new Promise<never>(() => undefined);
    const error: unknown = await withTimeLimit('the cache service (saving k)', 50, () => never).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeLimitError);
    expect((error as Error).message).toBe('the cache service (saving k) did not answer within 0.05 s');
    expect(performance.now() - startedMs).toBeLessThan(1000);
  });

  it.each([
    { limitMs: 30_000, text: '30 s' },
    { limitMs: 200, text: '0.2 s' },
    { limitMs: 1234, text: '1.234 s' },
  ])('formats $limitMs ms as $text', ({ limitMs, text }) => {
    expect(formatLimit(limitMs)).toBe(text);
  });
});
