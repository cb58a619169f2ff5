import * as tc from '@actions/tool-cache';
import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MoldRequest } from '../../src/config/config.js';
import {
  type MoldInstallDeps,
  MoldInstallError,
  ensureToolCacheEnv,
  installMold,
} from '../../src/install/io/install-mold.js';
import { DEFAULT_MOLD_VERSION } from '../../src/install/mold-release.js';
import type { Logger } from '../../src/system/ports.js';
import { createProcessRunner } from '../../src/system/process-runner.js';
import { type ReleaseServer, startReleaseServer } from '../support/release-server.js';

interface LogLine {
  readonly level: 'info' | 'warning' | 'notice' | 'progress';
  readonly message: string;
}

function recordingLogger(): Logger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warning: (message) => lines.push({ level: 'warning', message }),
    notice: (message) => lines.push({ level: 'notice', message }),
    progress: (message) => lines.push({ level: 'progress', message }),
    group: (_title, body) => body(),
  };
}

const runner = createProcessRunner();
const saved = { toolCache: process.env.RUNNER_TOOL_CACHE, temp: process.env.RUNNER_TEMP };
let scratch: string;
/** A PATH without mold, apt-get or dnf. */
let emptyPath: string;
let server: ReleaseServer;

beforeAll(async () => {
  server = await startReleaseServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'install-mold-test-'));
  process.env.RUNNER_TOOL_CACHE = path.join(scratch, 'tool-cache');
  process.env.RUNNER_TEMP = path.join(scratch, 'temp');
  emptyPath = path.join(scratch, 'empty-bin');
  server.requests.length = 0;
});
afterEach(async () => {
  restoreEnv('RUNNER_TOOL_CACHE', saved.toolCache);
  restoreEnv('RUNNER_TEMP', saved.temp);
  delete (globalThis as Record<string, unknown>).TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS;
  delete (globalThis as Record<string, unknown>).TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS;
  await rm(scratch, { recursive: true, force: true });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

function setUp(overrides: Partial<MoldInstallDeps> = {}) {
  const logger = recordingLogger();
  const addedPaths: string[] = [];
  const deps: MoldInstallDeps = {
    runner,
    logger,
    toolCache: tc,
    platform: 'linux',
    arch: process.arch,
    env: { ...process.env, PATH: emptyPath },
    addPath: (dir) => addedPaths.push(dir),
    clock: () => performance.now(),
    ...overrides,
  };
  return { deps, logger, addedPaths };
}

function requestFor(target: ReleaseServer, overrides: Partial<MoldRequest> = {}): MoldRequest {
  return { version: target.version, sha256: target.sha256, releaseBaseUrl: target.baseUrl, ...overrides };
}

function messages(logger: { lines: LogLine[] }, level: LogLine['level']): string[] {
  return logger.lines.filter((line) => line.level === level).map((line) => line.message);
}

const assetPath = (version: string): string => `/v${version}/mold-${version}-x86_64-linux.tar.gz`;

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('installMold', () => {
  it('downloads, verifies, caches and puts a working mold on PATH', async () => {
    const { deps, logger, addedPaths } = setUp();
    const installed = await installMold(requestFor(server), deps);

    const binDir = path.join(scratch, 'tool-cache', 'mold', '1.10.1', 'x64', 'bin');
    expect(installed).toMatchObject({
      source: 'download',
      version: '1.10.1',
      binDir,
      binary: `${binDir}/mold`,
    });
    expect(installed?.durationMs).toBeGreaterThan(0);
    expect(addedPaths).toEqual([binDir]);
    expect(server.requests).toEqual([assetPath('1.10.1')]);
    const run = await runner.run(path.join(binDir, 'mold'), ['--version']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^mold 1\.10\.1 /);
    expect(await readlink(path.join(binDir, 'ld.mold'))).toBe('mold');
    expect(await readdir(path.join(scratch, 'temp'))).toEqual([]); // tarball and extraction cleaned up
    expect(messages(logger, 'warning')).toEqual([]);
  });

  it('takes the second install from the tool cache without asking the server', async () => {
    const first = await installMold(requestFor(server), setUp().deps);
    const { deps, addedPaths } = setUp();
    const second = await installMold(requestFor(server), deps);

    expect(second).toMatchObject({ source: 'tool-cache', version: '1.10.1', binDir: first?.binDir });
    expect(addedPaths).toEqual([first?.binDir]);
    expect(server.requests).toEqual([assetPath('1.10.1')]);
  });

  it('refuses a tarball whose SHA-256 differs, naming both hashes and the URL', async () => {
    const wrong = 'ab'.repeat(32);
    const { deps, addedPaths } = setUp();
    const error: unknown = await installMold(requestFor(server, { sha256: wrong }), deps).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(MoldInstallError);
    const message = (error as Error).message;
    expect(message).toContain(`expected ${wrong}`);
    expect(message).toContain(`got ${server.sha256}`);
    expect(message).toContain(`${server.baseUrl}${assetPath('1.10.1')}`);
    expect(tc.find('mold', '1.10.1', process.arch)).toBe('');
    expect(addedPaths).toEqual([]);
  });

  it('asks for mold-sha256 when the version has no pinned hash', async () => {
    const { deps } = setUp();
    const request = requestFor(server, { version: '9.9.9', sha256: null });

    await expect(installMold(request, deps)).rejects.toThrow(MoldInstallError);
    await expect(installMold(request, deps)).rejects.toThrow(/mold 9\.9\.9.*'mold-sha256'.*'mold-version'/);
    expect(server.requests).toEqual([]);
  });

  it('warns, not fails, when the binary reports another version than the one requested', async () => {
    const other = await startReleaseServer({ version: '2.99.0' });
    try {
      const { deps, logger } = setUp();
      const installed = await installMold(requestFor(other), deps);
      expect(installed).toMatchObject({ source: 'download', version: '1.10.1' });
      expect(installed?.binDir).toBe(path.join(scratch, 'tool-cache', 'mold', '2.99.0', 'x64', 'bin'));
      expect(messages(logger, 'warning')).toEqual([
        `The mold downloaded as 2.99.0 from ${other.baseUrl}${assetPath('2.99.0')} reports version 1.10.1.`,
      ]);
    } finally {
      await other.close();
    }
  });

  it('falls back to apt-get when the release is not found', async () => {
    const { deps, logger, addedPaths } = setUp({ env: process.env });
    const installed = await installMold(requestFor(server, { version: '2.40.4', sha256: null }), deps);

    expect(installed).toMatchObject({
      source: 'package-manager',
      version: '1.10.1',
      binary: '/usr/bin/mold',
    });
    expect(server.requests).toEqual([assetPath('2.40.4')]);
    const warnings = messages(logger, 'warning');
    expect(warnings[0]).toContain(`${server.baseUrl}${assetPath('2.40.4')}`);
    expect(warnings[0]).toContain('404');
    expect(warnings[1]).toBe('The package manager gave mold 1.10.1 (requested 2.40.4).');
    expect(addedPaths).toEqual([]);
  });

  it('falls back to apt-get after the retried downloads fail with 500', async () => {
    Object.assign(globalThis, {
      TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS: 0,
      TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS: 0,
    });
    const failing = await startReleaseServer({ failWithStatus: 500 });
    try {
      const { deps, logger } = setUp({ env: process.env });
      const installed = await installMold(requestFor(failing, { version: '2.40.4', sha256: null }), deps);
      expect(installed).toMatchObject({ source: 'package-manager', version: '1.10.1' });
      expect(failing.requests).toEqual([assetPath('2.40.4'), assetPath('2.40.4'), assetPath('2.40.4')]);
      expect(messages(logger, 'warning')[0]).toContain('500');
    } finally {
      await failing.close();
    }
  });

  it('reports both causes when the download and the package manager both fail', async () => {
    const { deps } = setUp();
    const request = requestFor(server, { version: '2.40.4', sha256: null });
    const error: unknown = await installMold(request, deps).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MoldInstallError);
    expect((error as Error).message).toMatch(/downloading .*v2\.40\.4.* failed: .*404/);
    expect((error as Error).message).toContain('neither apt-get nor dnf is on PATH');
  });

  it('reuses the mold on PATH when it has the requested version', async () => {
    const { deps, addedPaths } = setUp({ env: process.env });
    const installed = await installMold(requestFor(server, { version: '1.10.1' }), deps);

    expect(installed).toMatchObject({
      source: 'path',
      version: '1.10.1',
      binary: '/usr/bin/mold',
      binDir: '/usr/bin',
    });
    expect(server.requests).toEqual([]);
    expect(addedPaths).toEqual([]);
  });

  it("takes any mold on PATH for 'any'", async () => {
    const { deps } = setUp({ env: process.env });
    const installed = await installMold(requestFor(server, { version: 'any', sha256: null }), deps);
    expect(installed).toMatchObject({ source: 'path', version: '1.10.1' });
    expect(server.requests).toEqual([]);
  });

  it("installs the default version for 'any' when no mold is on PATH", async () => {
    const { deps } = setUp();
    const request = requestFor(server, { version: 'any', sha256: null });
    await expect(installMold(request, deps)).rejects.toThrow(MoldInstallError);
    expect(server.requests).toEqual([assetPath(DEFAULT_MOLD_VERSION)]);
  });

  it('skips with a notice on a platform other than Linux', async () => {
    const { deps, logger } = setUp({ platform: 'darwin' });
    expect(await installMold(requestFor(server), deps)).toBeNull();
    expect(messages(logger, 'notice')).toEqual([
      'mold only links for Linux: the mold variant is skipped on darwin.',
    ]);
    expect(server.requests).toEqual([]);
  });
});

describe('ensureToolCacheEnv', () => {
  it('fills in missing variables and keeps the ones set', () => {
    const env: NodeJS.ProcessEnv = { RUNNER_TEMP: '/runner/temp' };
    ensureToolCacheEnv(env, '/cache/root');
    expect(env).toEqual({ RUNNER_TEMP: '/runner/temp', RUNNER_TOOL_CACHE: '/cache/root/tool-cache' });
    const empty: NodeJS.ProcessEnv = {};
    ensureToolCacheEnv(empty, '/c');
    expect(empty).toEqual({ RUNNER_TOOL_CACHE: '/c/tool-cache', RUNNER_TEMP: '/c/tmp' });
  });
});
