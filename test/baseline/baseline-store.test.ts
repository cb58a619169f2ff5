/** The baseline steps over the real @actions/cache client and the local cache service: save, restore, faults. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extendBaseline } from '../../src/baseline/baseline.js';
import { restoreBaseline, saveBaselineIfDue } from '../../src/baseline/baseline-steps.js';
import {
  createCacheBaselineStore,
  withCacheWarnings,
  type BaselineStore,
} from '../../src/baseline/io/baseline-store.js';
import { parseConfig } from '../../src/config/parse-config.js';
import type { Config } from '../../src/config/config.js';
import {
  cacheEnv,
  makeRuntimeToken,
  MAIN_SCOPES,
  PULL_REQUEST_SCOPES,
  startCacheService,
  type CacheScope,
  type CacheService,
} from '../support/cache-service.js';
import { isolateProcessState } from '../support/process-state.js';
import { createRecordingLogger } from '../support/recording-logger.js';
import { makeResults } from '../support/results-fixture.js';

const MAIN = MAIN_SCOPES;
const PULL_REQUEST = PULL_REQUEST_SCOPES;
const ON_MAIN = { eventName: 'push', ref: 'refs/heads/main', defaultBranch: 'main' };

const { printed } = isolateProcessState();
let temp = '';
let service: CacheService | undefined;
/** One clock for every store, so two saves in one test get two keys, as two runs would. */
let clockMs = 1_777_000_000_000;

beforeEach(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'baseline-store-'));
  await mkdir(path.join(temp, 'workspace'));
  process.env.GITHUB_WORKSPACE = path.join(temp, 'workspace');
  for (const name of ['ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_RUNTIME_TOKEN'])
    delete process.env[name];
});

afterEach(async () => {
  await service?.close();
  service = undefined;
  await rm(temp, { recursive: true, force: true });
});

function config(id = 'ferry-release'): Config {
  return parseConfig({ id }, { baseDirectory: temp, hasCargoManifest: () => true });
}

function storeFor(scopes: readonly CacheScope[] | null, callTimeLimitMs?: number): BaselineStore {
  if (service && scopes) Object.assign(process.env, cacheEnv(service, makeRuntimeToken(scopes)));
  return createCacheBaselineStore({
    platform: 'linux',
    arch: 'x64',
    tempDirectory: path.join(temp, 'runner-temp'),
    env: { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' },
    epochMs: () => clockMs++,
    callTimeLimitMs,
  });
}

describe('the baseline in the Actions cache', () => {
  it('is saved on the default branch and restored, newest first, by a pull request', async () => {
    service = await startCacheService();
    const logger = createRecordingLogger();
    const older = makeResults({ createdAt: '2026-05-01T00:00:00.000Z' });
    const newer = makeResults({ createdAt: '2026-05-02T00:00:00.000Z' });
    const first = await saveBaselineIfDue(config(), older, null, ON_MAIN, storeFor(MAIN), logger);
    const second = await saveBaselineIfDue(
      config(),
      newer,
      extendBaseline(null, older, 10),
      ON_MAIN,
      storeFor(MAIN),
      logger,
    );
    expect(first).toMatch(/^Baseline saved as build-bench-baseline-v1-linux-x64-ferry-release~42-1-\d+ /);
    expect(second).toMatch(/2 result\(s\) in its history\.$/);
    expect(service.entries()).toHaveLength(2);

    const lookup = await restoreBaseline(config(), storeFor(PULL_REQUEST), logger);
    expect(lookup.absence).toBeNull();
    expect(lookup.baseline!.history.map((entry) => entry.createdAt)).toEqual([
      newer.createdAt,
      older.createdAt,
    ]);
    expect(logger.warnings).toEqual([]);
  });

  it('is never written by a pull request under auto', async () => {
    service = await startCacheService();
    const note = await saveBaselineIfDue(
      config(),
      makeResults(),
      null,
      { eventName: 'pull_request', ref: 'refs/pull/7/merge', defaultBranch: 'main' },
      storeFor(PULL_REQUEST),
      createRecordingLogger(),
    );
    expect(note).toBe('Baseline not saved: a pull_request run only reads the baseline.');
    expect(service.entries()).toEqual([]);
  });

  it('of another id is not restored', async () => {
    service = await startCacheService();
    await saveBaselineIfDue(
      config('other'),
      makeResults({ id: 'other' }),
      null,
      ON_MAIN,
      storeFor(MAIN),
      createRecordingLogger(),
    );
    const lookup = await restoreBaseline(config(), storeFor(PULL_REQUEST), createRecordingLogger());
    expect(lookup.baseline).toBeNull();
    expect(lookup.absence).toMatch(/^No baseline yet/);
  });

  it.each([
    {
      name: 'unreadable',
      text: '{"schemaVersion": 1, "history": "lost"',
      why: /could not be read \(the baseline is not JSON/,
    },
    {
      name: 'from a newer build-bench',
      text: JSON.stringify({ schemaVersion: 2, history: [] }),
      why: /newer than the 1 this build-bench reads; update build-bench to read it/,
    },
  ])('that is $name is a warning and no baseline', async ({ text, why }) => {
    service = await startCacheService();
    const saved = await storeFor(MAIN).save('ferry-release', text);
    expect(saved.kind).toBe('saved');
    const logger = createRecordingLogger();
    const lookup = await restoreBaseline(config(), storeFor(PULL_REQUEST), logger);
    expect(lookup.baseline).toBeNull();
    expect(lookup.absence).toMatch(why);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(
      /^Ignoring the baseline build-bench-baseline-v1-linux-x64-ferry-release~/,
    );
  });

  it('denied a write: a warning that says why, and the run goes on', async () => {
    service = await startCacheService();
    const logger = createRecordingLogger();
    const note = await saveBaselineIfDue(
      config(),
      makeResults(),
      null,
      ON_MAIN,
      storeFor([{ scope: 'refs/heads/main', permission: 1 }]),
      logger,
    );
    expect(note).toMatch(/^Baseline not saved: the cache service did not store .*cache write denied/);
    expect(logger.warnings).toEqual([note]);
    expect(service.entries()).toEqual([]);
  });

  it('with the service down: restore is a warning naming the failure, save a warning', async () => {
    service = await startCacheService();
    const store = storeFor(PULL_REQUEST);
    await service.close();
    const logger = createRecordingLogger();
    const lookup = await restoreBaseline(config(), store, logger);
    expect(lookup.baseline).toBeNull();
    expect(lookup.absence).toMatch(
      /^No baseline: the cache service failed \(Failed to restore: .*ECONNREFUSED/,
    );
    expect(logger.warnings[0]).toMatch(/^Comparing with no baseline: the cache service failed/);
    const note = await saveBaselineIfDue(config(), makeResults(), null, ON_MAIN, store, logger);
    expect(note).toMatch(/^Baseline not saved: the cache service did not store/);
    expect(logger.warnings).toHaveLength(2);
  });

  it('is unavailable outside a runner, and says so without a warning', async () => {
    const logger = createRecordingLogger();
    const lookup = await restoreBaseline(config(), storeFor(null), logger);
    expect(lookup.absence).toMatch(/^No baseline: the Actions cache service is not available here/);
    expect(logger.warnings).toEqual([]);
    expect(printed.join('')).toBe('');
  });
});

describe('a cache service that never answers', () => {
  /** Small enough for a quick test; production uses CACHE_CALL_TIME_LIMIT_MS. */
  const LIMIT_MS = 300;
  const PREFIX = 'build-bench-baseline-v1-linux-x64-ferry-release~';

  it.each(['GetCacheEntryDownloadURL', 'blob-download'] as const)(
    'at %s: restore gives up after the limit, with a warning and no baseline',
    async (kind) => {
      service = await startCacheService();
      expect((await storeFor(MAIN).save('ferry-release', '{}')).kind).toBe('saved');
      service.stallNext({ on: kind, times: 10 });
      const logger = createRecordingLogger();
      const startedMs = performance.now();
      const lookup = await restoreBaseline(config(), storeFor(PULL_REQUEST, LIMIT_MS), logger);
      expect(performance.now() - startedMs).toBeLessThan(3000);
      const why = `the cache service (restoring the newest ${PREFIX}*) did not answer within 0.3 s`;
      expect(lookup).toEqual({ baseline: null, absence: `No baseline: ${why}.` });
      expect(logger.warnings).toEqual([`Comparing with no baseline: ${why}.`]);
    },
  );

  it.each(['CreateCacheEntry', 'blob-upload', 'FinalizeCacheEntryUpload'] as const)(
    'at %s: save gives up after the limit, with a warning',
    async (kind) => {
      service = await startCacheService();
      service.stallNext({ on: kind, times: 10 });
      const logger = createRecordingLogger();
      const startedMs = performance.now();
      const note = await saveBaselineIfDue(
        config(),
        makeResults(),
        null,
        ON_MAIN,
        storeFor(MAIN, LIMIT_MS),
        logger,
      );
      expect(performance.now() - startedMs).toBeLessThan(3000);
      expect(note).toMatch(
        new RegExp(
          `^Baseline not saved: the cache service \\(saving ${PREFIX}42-1-\\d+\\) did not answer within 0\\.3 s\\.$`,
        ),
      );
      expect(logger.warnings).toEqual([note]);
    },
  );

  it('nor one that throws instead of answering: no baseline and a warning, nothing saved and a warning', async () => {
    const broken: BaselineStore = {
      restore: () => Promise.reject(new Error('socket hang up')),
      save: () => Promise.reject(new Error('socket hang up')),
    };
    const logger = createRecordingLogger();
    const lookup = await restoreBaseline(config(), broken, logger);
    expect(lookup.absence).toBe('No baseline: restoring the baseline failed: socket hang up.');
    const note = await saveBaselineIfDue(config(), makeResults(), null, ON_MAIN, broken, logger);
    expect(note).toBe('Baseline not saved: saving the baseline failed: socket hang up.');
    expect(logger.warnings).toHaveLength(2);
  });
});

describe('withCacheWarnings', () => {
  it('collects warnings and errors written in pieces, and passes every byte on', async () => {
    const { value, warnings } = await withCacheWarnings(() => {
      process.stdout.write('::warn');
      process.stdout.write('ing::Failed to restore: 50%25 of%0Anothing\n::debug::x\nplain ::warning::no\n');
      process.stdout.write(Buffer.from('::error title=t::down\n'));
      return Promise.resolve(7);
    });
    expect(value).toBe(7);
    expect(warnings).toEqual(['Failed to restore: 50% of\nnothing', 'down']);
    expect(printed.join('')).toContain('::warning::Failed to restore');
  });

  it('gives stdout back when the call fails', async () => {
    /* eslint-disable @typescript-eslint/unbound-method -- compared, never called */
    const before = process.stdout.write;
    await expect(withCacheWarnings(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(process.stdout.write).toBe(before);
    /* eslint-enable @typescript-eslint/unbound-method */
  });
});
