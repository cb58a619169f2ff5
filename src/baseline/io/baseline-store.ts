/** Where baselines are kept between runs: the port, and its adapter over the Actions cache. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as cache from '@actions/cache';
import { systemClock } from '../../system/clock.js';
import { describeError } from '../../system/errors.js';
import { TimeLimitError, withTimeLimit } from '../../system/time-limit.js';
import { BASELINE_FILE_NAME } from '../baseline.js';
import { baselineKey, baselineKeyPrefix } from '../cache-key.js';

export type RestoreOutcome =
  | { readonly kind: 'found'; readonly text: string; readonly key: string }
  | { readonly kind: 'missing' | 'unavailable' | 'failed'; readonly message: string };

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly key: string }
  | { readonly kind: 'unavailable' | 'failed'; readonly message: string };

export interface BaselineStore {
  restore(id: string): Promise<RestoreOutcome>;
  save(id: string, text: string): Promise<SaveOutcome>;
}

export interface CacheStoreOptions {
  readonly platform: string;
  readonly arch: string;
  /** Folder the baseline file is restored into and saved from (the runner's temp folder). */
  readonly tempDirectory: string;
  readonly env: NodeJS.ProcessEnv;
  /** Wall-clock time since the epoch, in ms: part of each saved key. */
  readonly epochMs: () => number;
  /** Most time one restore or save may take; CACHE_CALL_TIME_LIMIT_MS unless a test needs less. */
  readonly callTimeLimitMs?: number;
}

/** A baseline is a few kB: the service answers in a second or two, and 30 s of silence means it will not. */
export const CACHE_CALL_TIME_LIMIT_MS = 30_000;

/**
 * Runs a cache call and collects the warnings and errors it prints through @actions/core (which go on to the log
 * as usual): the client reports a failing service only there, returning the same value as for a miss.
 */
export async function withCacheWarnings<T>(
  call: () => Promise<T>,
): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was; always called on process.stdout
  const original = process.stdout.write;
  let partialLine = '';
  process.stdout.write = (chunk: string | Uint8Array, ...rest: never[]) => {
    const lines = (partialLine + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString())).split(
      '\n',
    );
    partialLine = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^::(?:warning|error)(?: [^:]*)?::(.*)$/.exec(line.replace(/\r$/, ''));
      // @actions/core escapes %, CR and LF in command data.
      if (match)
        warnings.push((match[1] ?? '').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));
    }
    return original.call(process.stdout, chunk, ...rest);
  };
  try {
    return { value: await call(), warnings };
  } finally {
    process.stdout.write = original;
  }
}

const UNAVAILABLE =
  'the Actions cache service is not available here (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL)';

/** The baseline in the Actions cache through @actions/cache; its own warnings go to the log as well. */
export function createCacheBaselineStore(options: CacheStoreOptions): BaselineStore {
  // The cache version hashes the path list, so save and restore must name the very same folder.
  const folderOf = (id: string): string => path.join(options.tempDirectory, 'build-bench-baseline', id);
  const prefixOf = (id: string): string => baselineKeyPrefix(id, options.platform, options.arch);
  const limitMs = options.callTimeLimitMs ?? CACHE_CALL_TIME_LIMIT_MS;
  return {
    async restore(id) {
      const folder = folderOf(id);
      let restored: { value: string | undefined; warnings: string[] };
      try {
        if (!cache.isFeatureAvailable()) return { kind: 'unavailable', message: UNAVAILABLE };
        await rm(folder, { recursive: true, force: true });
        await mkdir(folder, { recursive: true });
        restored = await withCacheWarnings(() =>
          withTimeLimit(`the cache service (restoring the newest ${prefixOf(id)}*)`, limitMs, () =>
            cache.restoreCache([folder], prefixOf(id), [prefixOf(id)], {
              timeoutInMs: limitMs,
              segmentTimeoutInMs: limitMs,
            }),
          ),
        );
      } catch (error) {
        if (error instanceof TimeLimitError) return { kind: 'failed', message: error.message };
        return { kind: 'failed', message: `restoring the baseline failed: ${describeError(error)}` };
      }
      const key = restored.value;
      if (key === undefined && restored.warnings.length > 0) {
        return { kind: 'failed', message: `the cache service failed (${restored.warnings.join('; ')})` };
      }
      if (key === undefined) {
        return { kind: 'missing', message: `no cache entry starts with ${prefixOf(id)}` };
      }
      try {
        return { kind: 'found', text: await readFile(path.join(folder, BASELINE_FILE_NAME), 'utf8'), key };
      } catch (error) {
        return {
          kind: 'failed',
          message: `the cache entry ${key} holds no readable baseline: ${describeError(error)}`,
        };
      }
    },
    async save(id, text) {
      const folder = folderOf(id);
      const key = baselineKey(
        prefixOf(id),
        options.env.GITHUB_RUN_ID,
        options.env.GITHUB_RUN_ATTEMPT,
        options.epochMs(),
      );
      try {
        if (!cache.isFeatureAvailable()) return { kind: 'unavailable', message: UNAVAILABLE };
        await rm(folder, { recursive: true, force: true });
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, BASELINE_FILE_NAME), text);
        const saved = await withCacheWarnings(() =>
          withTimeLimit(`the cache service (saving ${key})`, limitMs, () => cache.saveCache([folder], key)),
        );
        if (saved.value === -1) {
          const why =
            saved.warnings.length > 0
              ? saved.warnings.join('; ')
              : 'the key was taken, or the service could not be reached; see the log above';
          return { kind: 'failed', message: `the cache service did not store ${key} (${why})` };
        }
        return { kind: 'saved', key };
      } catch (error) {
        if (error instanceof TimeLimitError) return { kind: 'failed', message: error.message };
        return { kind: 'failed', message: `saving the baseline as ${key} failed: ${describeError(error)}` };
      }
    },
  };
}

/** The store a run uses: the Actions cache, in the runner's temp folder (the system's outside a runner). */
export function createRunnerBaselineStore(env: NodeJS.ProcessEnv): BaselineStore {
  return createCacheBaselineStore({
    platform: process.platform,
    arch: os.arch(),
    tempDirectory: env.RUNNER_TEMP ?? os.tmpdir(),
    env,
    epochMs: () => systemClock.date().getTime(),
  });
}
