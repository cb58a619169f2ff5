/** The real `@actions/cache` client against the local cache service v2: scoping, immutability, faults. */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { restoreCache, saveCache } from '@actions/cache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cacheEnv,
  makeRuntimeToken,
  MAIN_SCOPES,
  PULL_REQUEST_SCOPES,
  startCacheService,
  type CacheScope,
  type CacheService,
  type CacheServiceOptions,
} from '../support/cache-service.js';
import { isolateProcessState } from '../support/process-state.js';

const CACHED_DIR = 'bench-baseline';
const MAIN = MAIN_SCOPES;
const PULL_REQUEST = PULL_REQUEST_SCOPES;

let temp = '';
const { printed: output } = isolateProcessState();
const services: CacheService[] = [];

beforeEach(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'cache-service-'));
  process.env.RUNNER_TEMP = path.join(temp, 'runner-temp');
  await mkdir(process.env.RUNNER_TEMP);
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
  await rm(temp, { recursive: true, force: true });
});

async function startService(options?: CacheServiceOptions): Promise<CacheService> {
  const service = await startCacheService(options);
  services.push(service);
  return service;
}

/**
 * Points the client at `service` as a new job whose token holds `scopes`, in an emptied workspace. The workspace
 * path stays the same, as on GitHub: the cache version hashes the path strings, and globs resolve from the cwd.
 */
async function actAs(service: CacheService, scopes: readonly CacheScope[]): Promise<string> {
  Object.assign(process.env, cacheEnv(service, makeRuntimeToken(scopes)));
  const workspace = path.join(temp, 'workspace');
  await rm(workspace, { recursive: true, force: true });
  await mkdir(workspace);
  process.env.GITHUB_WORKSPACE = workspace;
  return path.join(workspace, CACHED_DIR);
}

/** Saves `content` as the cached baseline, beside `noiseBytes` of incompressible data. */
async function save(
  service: CacheService,
  scopes: readonly CacheScope[],
  key: string,
  content: string,
  noiseBytes = 0,
): Promise<number> {
  const cachedDir = await actAs(service, scopes);
  await mkdir(cachedDir);
  await writeFile(path.join(cachedDir, 'baseline.json'), content);
  if (noiseBytes > 0) await writeFile(path.join(cachedDir, 'noise.bin'), randomBytes(noiseBytes));
  return saveCache([cachedDir], key);
}

/** The matched key and the restored file's content (null when nothing was restored). */
async function restore(
  service: CacheService,
  scopes: readonly CacheScope[],
  key: string,
  restoreKeys: string[] = [],
): Promise<{ matchedKey: string | undefined; content: string | null }> {
  const cachedDir = await actAs(service, scopes);
  const matchedKey = await restoreCache([cachedDir], key, restoreKeys);
  const content = await readFile(path.join(cachedDir, 'baseline.json'), 'utf8').catch(() => null);
  return { matchedKey, content };
}

function printed(): string {
  return output.join('');
}

/** The Twirp calls the client made, as `Method {json body}` with the cache version elided. */
function twirpCalls(service: CacheService): string[] {
  return service.requests
    .filter((request) => request.url.includes('/twirp/'))
    .map((request) => `${request.url.split('/').pop()} ${request.body.toString('utf8')}`)
    .map((call) => call.replace(/"version":"[0-9a-f]{64}"/, '"version":"<sha256>"'));
}

function blobCalls(service: CacheService): string[] {
  return service.requests
    .filter((request) => request.url.includes('/actions-cache/'))
    .map((request) => `${request.method} ${String(request.headers['x-ms-range'] ?? '')}`.trim());
}

/**
 * Runs `operation` with setTimeout faked, firing each pending timer whenever the event loop is idle, so retry
 * sleeps pass at once while real I/O runs. Only for calls whose timers are all sleeps or progress displays:
 * it would also fire a download's segment timeout.
 */
async function withoutRetrySleeps<T>(operation: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let settled = false;
    const result = operation().finally(() => (settled = true));
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      vi.advanceTimersToNextTimer();
    }
    return await result;
  } finally {
    vi.useRealTimers();
  }
}

describe('the local cache service with the real @actions/cache client', () => {
  it('gives a pull request the default branch entry by key prefix', async () => {
    const service = await startService();
    const cacheId = await save(service, MAIN, 'build-bench-demo-aaa111', '{"run":"main"}');

    expect(cacheId).toBe(1);
    const [entry] = service.entries();
    expect(entry).toMatchObject({ id: 1, key: 'build-bench-demo-aaa111', scope: 'refs/heads/main' });
    const restored = await restore(service, PULL_REQUEST, 'build-bench-demo-bbb222', ['build-bench-demo-']);
    expect(restored).toEqual({ matchedKey: 'build-bench-demo-aaa111', content: '{"run":"main"}' });
    expect(printed()).toContain('Cache hit for restore-key: build-bench-demo-aaa111');
    expect(twirpCalls(service)).toEqual([
      'CreateCacheEntry {"key":"build-bench-demo-aaa111","version":"<sha256>"}',
      `FinalizeCacheEntryUpload {"key":"build-bench-demo-aaa111","size_bytes":"${entry?.size}","version":"<sha256>"}`,
      'GetCacheEntryDownloadURL {"key":"build-bench-demo-bbb222","restore_keys":["build-bench-demo-"],"version":"<sha256>"}',
    ]);
    // Loopback signed URLs: single-shot Put Blob up, one plain GET down.
    expect(blobCalls(service)).toEqual(['PUT', 'GET']);
  });

  it('restores the newest of the entries a prefix matches', async () => {
    const service = await startService();
    await save(service, MAIN, 'baseline-a', 'first');
    await save(service, MAIN, 'baseline-c', 'second');
    await save(service, MAIN, 'baseline-b', 'third');

    expect(service.entries().map((entry) => entry.key)).toEqual(['baseline-a', 'baseline-c', 'baseline-b']);
    expect(await restore(service, PULL_REQUEST, 'baseline-new', ['baseline-'])).toEqual({
      matchedKey: 'baseline-b',
      content: 'third',
    });
  });

  it('refuses a second save under the same key (409); the client returns -1 and says so as info', async () => {
    const service = await startService();
    expect(await save(service, MAIN, 'baseline-same', 'first')).toBe(1);
    const before = service.entries();
    output.length = 0;

    expect(await save(service, MAIN, 'baseline-same', 'second')).toBe(-1);

    expect(printed()).toContain(
      '::debug::Failed to reserve cache: Error: Failed to CreateCacheEntry: Received non-retryable error: ' +
        'Failed request: (409) Conflict: cache entry with the same key, version, and scope already exists',
    );
    expect(output).toContain(
      `Failed to save: Unable to reserve cache with key baseline-same, another job may be creating this cache.${os.EOL}`,
    );
    expect(printed()).not.toMatch(/::(warning|error)::/);
    expect(service.entries()).toEqual(before);
    expect(await restore(service, MAIN, 'baseline-same')).toEqual({
      matchedKey: 'baseline-same',
      content: 'first',
    });
  });

  it('keeps a feature branch entry from a pull request that reads only main', async () => {
    const service = await startService();
    const feature: CacheScope[] = [
      { scope: 'refs/heads/feature', permission: 3 },
      { scope: 'refs/heads/main', permission: 1 },
    ];
    await save(service, feature, 'baseline-feature', 'feature');

    expect(service.entries()).toEqual([expect.objectContaining({ scope: 'refs/heads/feature' })]);
    expect(await restore(service, PULL_REQUEST, 'baseline-feature', ['baseline-'])).toEqual({
      matchedKey: undefined,
      content: null,
    });
    expect(await restore(service, feature, 'baseline-feature')).toEqual({
      matchedKey: 'baseline-feature',
      content: 'feature',
    });
  });

  it('denies a save to a token without write permission; the client returns -1 with a warning', async () => {
    const service = await startService();
    const readOnly: CacheScope[] = [{ scope: 'refs/heads/main', permission: 1 }];

    expect(await save(service, readOnly, 'baseline-denied', 'x')).toBe(-1);

    expect(output).toContain(
      '::warning::Failed to save: Unable to reserve cache with key baseline-denied. ' +
        `More details: cache write denied: token has no writable scopes${os.EOL}`,
    );
    expect(twirpCalls(service)).toHaveLength(1);
    expect(blobCalls(service)).toEqual([]);
    expect(service.entries()).toEqual([]);
  });

  it('denies a restore to a token without read permission; the client reports a miss with a warning', async () => {
    const service = await startService();
    await save(service, MAIN, 'baseline-x', 'x');
    const writeOnly: CacheScope[] = [{ scope: 'refs/heads/main', permission: 2 }];

    expect(await restore(service, writeOnly, 'baseline-x')).toEqual({ matchedKey: undefined, content: null });
    expect(printed()).toContain(
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Received non-retryable error: ' +
        'Failed request: (403) Forbidden: cache read denied: token has no readable scopes',
    );
  });

  it('reports a miss and saves nothing, without retrying, when the service is down', async () => {
    const service = await startService();
    await service.close();

    expect(await restore(service, MAIN, 'baseline-down')).toEqual({ matchedKey: undefined, content: null });
    await expect(save(service, MAIN, 'baseline-down', 'x')).resolves.toBe(-1);

    expect(printed()).toContain(
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Unable to make request: ECONNREFUSED',
    );
    // A refused connection is a NetworkError: no retry, and the save reads like a lost race.
    expect(output).toContain(
      `Failed to save: Unable to reserve cache with key baseline-down, another job may be creating this cache.${os.EOL}`,
    );
    expect(printed()).not.toContain('Retrying');
  });

  it('retries a 5xx lookup five times (about 30 s unless faked), then reports a miss', async () => {
    const service = await startService();
    await save(service, MAIN, 'baseline-5xx', 'x');
    service.failNext({ status: 503, times: 5, on: 'GetCacheEntryDownloadURL' });

    const restored = await withoutRetrySleeps(() => restore(service, MAIN, 'baseline-5xx'));

    expect(restored).toEqual({ matchedKey: undefined, content: null });
    expect(twirpCalls(service).filter((call) => call.startsWith('GetCacheEntryDownloadURL'))).toHaveLength(5);
    expect(printed()).toContain(
      'Attempt 1 of 5 failed with error: Failed request: (503) Service Unavailable',
    );
    expect(printed()).toContain('Retrying request in 3000 ms');
    expect(printed()).toContain(
      '::warning::Failed to restore: Failed to GetCacheEntryDownloadURL: Failed to make request after 5 attempts: ' +
        'Failed request: (503) Service Unavailable: failure requested by the test',
    );
  });

  it('reports a failed upload (Azure SDK: 4 tries) and leaves the key reserved but invisible', async () => {
    const service = await startService();
    service.failNext({ status: 503, times: 4, on: 'blob-upload' });

    expect(await withoutRetrySleeps(() => save(service, MAIN, 'baseline-upload', 'x'))).toBe(-1);

    expect(blobCalls(service)).toEqual(['PUT', 'PUT', 'PUT', 'PUT']);
    expect(printed()).toContain('::warning::uploadCacheArchiveSDK: internal error uploading cache archive:');
    expect(printed()).toContain('::warning::Failed to save: failure requested by the test');
    expect(service.entries()).toEqual([]);
    expect(await restore(service, MAIN, 'baseline-upload')).toEqual({ matchedKey: undefined, content: null });
    expect(blobCalls(service)).not.toContain('GET');
    expect(await save(service, MAIN, 'baseline-upload', 'x')).toBe(-1);
    expect(printed()).toContain('(409) Conflict');
  });

  it('serves the Azure SDK download path (HEAD, 4 MiB ranges) when URLs name blob.core.windows.net', async () => {
    const service = await startService({ blobHost: 'azure' });
    await save(service, MAIN, 'baseline-azure', 'through the proxy', 5 * 1024 * 1024);

    expect(await restore(service, MAIN, 'baseline-azure')).toEqual({
      matchedKey: 'baseline-azure',
      content: 'through the proxy',
    });
    const size = service.entries()[0]?.size ?? 0;
    const chunk = 4 * 1024 * 1024;
    expect(size).toBeGreaterThan(chunk);
    expect(blobCalls(service).sort()).toEqual([
      `GET bytes=0-${chunk - 1}`,
      `GET bytes=${chunk}-${size - 1}`,
      'HEAD',
      'PUT',
    ]);
    const blobHosts = service.requests
      .filter((request) => request.url.includes('/actions-cache/'))
      .map((request) => new URL(request.url).host);
    expect(new Set(blobHosts)).toEqual(new Set(['productionresultssa0.blob.core.windows.net']));
  });
});
