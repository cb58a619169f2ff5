/** Where baselines are kept between runs: the port, and its adapter over the Actions cache. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cache from '@actions/cache';
import { describeError } from '../system/errors.js';
import { BASELINE_FILE_NAME } from './baseline.js';
import { baselineKey, baselineKeyPrefix } from './cache-key.js';

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
  readonly nowMs: () => number;
}

const UNAVAILABLE =
  'the Actions cache service is not available here (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL)';

/** The baseline in the Actions cache through @actions/cache; its own warnings go to the log as well. */
export function createCacheBaselineStore(options: CacheStoreOptions): BaselineStore {
  // The cache version hashes the path list, so save and restore must name the very same folder.
  const folderOf = (id: string): string => path.join(options.tempDirectory, 'build-bench-baseline', id);
  const prefixOf = (id: string): string => baselineKeyPrefix(id, options.platform, options.arch);
  return {
    async restore(id) {
      if (!cache.isFeatureAvailable()) return { kind: 'unavailable', message: UNAVAILABLE };
      const folder = folderOf(id);
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      let key: string | undefined;
      try {
        key = await cache.restoreCache([folder], prefixOf(id), [prefixOf(id)]);
      } catch (error) {
        return { kind: 'failed', message: `restoring the baseline failed: ${describeError(error)}` };
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
      if (!cache.isFeatureAvailable()) return { kind: 'unavailable', message: UNAVAILABLE };
      const folder = folderOf(id);
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, BASELINE_FILE_NAME), text);
      const key = baselineKey(
        prefixOf(id),
        options.env.GITHUB_RUN_ID,
        options.env.GITHUB_RUN_ATTEMPT,
        options.nowMs(),
      );
      try {
        const cacheId = await cache.saveCache([folder], key);
        if (cacheId === -1) {
          return {
            kind: 'failed',
            message: `the cache service did not store ${key} (see the cache warning above)`,
          };
        }
        return { kind: 'saved', key };
      } catch (error) {
        return { kind: 'failed', message: `saving the baseline as ${key} failed: ${describeError(error)}` };
      }
    },
  };
}
