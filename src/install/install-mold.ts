/** Puts mold on PATH: reuse PATH or the tool cache, else download a pinned release, verify and cache it; apt/dnf last. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, constants, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MoldRequest } from '../config/config.js';
import type { Logger, ProcessRunner } from '../system/ports.js';
import {
  DEFAULT_MOLD_VERSION,
  MOLD_SHA256,
  type MoldArch,
  expectedSha256,
  moldArchFor,
  moldAssetName,
  moldDownloadUrl,
  moldTopFolderName,
  parseMoldVersion,
} from './mold-release.js';

/** The part of `@actions/tool-cache` used here; pass the real module (`import * as tc`). */
export interface ToolCacheLike {
  find(toolName: string, versionSpec: string, arch?: string): string;
  downloadTool(url: string, dest?: string): Promise<string>;
  extractTar(file: string, dest?: string, flags?: string | string[]): Promise<string>;
  cacheDir(sourceDir: string, tool: string, version: string, arch?: string): Promise<string>;
}

export interface MoldInstallDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly toolCache: ToolCacheLike;
  readonly platform: NodeJS.Platform;
  /** Node's `process.arch`; also the tool cache's arch key. */
  readonly arch: string;
  /** Environment whose PATH is searched for mold, apt-get, dnf and sudo. */
  readonly env: NodeJS.ProcessEnv;
  addPath(dir: string): void;
  /** Monotonic milliseconds. */
  clock(): number;
}

export interface MoldInstallation {
  /** The version the installed binary reports (`mold --version`). */
  readonly version: string;
  readonly binDir: string;
  readonly binary: string;
  readonly source: 'path' | 'tool-cache' | 'download' | 'package-manager';
  readonly durationMs: number;
}

/** mold could not be provided, or a download failed verification. */
export class MoldInstallError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MoldInstallError';
  }
}

type Found = Omit<MoldInstallation, 'durationMs'>;

const VERSION_TIMEOUT_MS = 30_000;
const PACKAGE_MANAGER_TIMEOUT_MS = 10 * 60_000;

/** Sets the variables `@actions/tool-cache` requires when they are absent (local CLI runs). */
export function ensureToolCacheEnv(env: NodeJS.ProcessEnv, cacheRoot: string): void {
  env.RUNNER_TOOL_CACHE ||= path.join(cacheRoot, 'tool-cache');
  env.RUNNER_TEMP ||= path.join(cacheRoot, 'tmp');
}

/** Returns where mold is, installing it if needed; null on non-Linux platforms (the mold variant is skipped). */
export async function installMold(
  request: MoldRequest,
  deps: MoldInstallDeps,
): Promise<MoldInstallation | null> {
  if (deps.platform !== 'linux') {
    deps.logger.notice(`mold only links for Linux: the mold variant is skipped on ${deps.platform}.`);
    return null;
  }
  const startedMs = deps.clock();
  const found = await locateOrInstall(request, deps);
  return { ...found, durationMs: deps.clock() - startedMs };
}

async function locateOrInstall(request: MoldRequest, deps: MoldInstallDeps): Promise<Found> {
  const onPath = await findMoldOnPath(deps);
  if (onPath !== null && (request.version === 'any' || onPath.version === request.version)) return onPath;
  const version = request.version === 'any' ? DEFAULT_MOLD_VERSION : request.version;
  const arch = moldArchFor(deps.arch);
  if (arch === null) {
    const reason = `mold publishes no Linux release for the architecture ${deps.arch}`;
    deps.logger.warning(`${reason}; trying the system package manager.`);
    return installFromPackageManager(version, reason, deps);
  }
  const cachedDir = deps.toolCache.find('mold', version, deps.arch);
  if (cachedDir !== '') {
    const binary = path.join(cachedDir, 'bin', 'mold');
    const run = await readMoldVersion(binary, deps);
    if (run.version !== null) {
      deps.addPath(path.dirname(binary));
      return { version: run.version, binDir: path.dirname(binary), binary, source: 'tool-cache' };
    }
    deps.logger.warning(`The cached mold at ${binary} does not run (${run.detail}); downloading it again.`);
  }
  const sha256 = expectedSha256(version, arch, request.sha256);
  if (sha256 === null) {
    throw new MoldInstallError(
      `No SHA-256 is known for ${moldAssetName(version, arch)} (mold ${version}): set the input 'mold-sha256' ` +
        `to the tarball's SHA-256, or set 'mold-version' to one with a pinned hash (${Object.keys(MOLD_SHA256).join(', ')}).`,
    );
  }
  return downloadRelease(moldDownloadUrl(request.releaseBaseUrl, version, arch), sha256, version, arch, deps);
}

/** Downloads, verifies (hard error on a hash mismatch), extracts, test-runs and caches one release tarball. */
async function downloadRelease(
  url: string,
  sha256: string,
  version: string,
  arch: MoldArch,
  deps: MoldInstallDeps,
): Promise<Found> {
  let tarball: string;
  try {
    tarball = await deps.toolCache.downloadTool(url);
  } catch (error) {
    const reason = `downloading ${url} failed: ${describe(error)}`;
    deps.logger.warning(`Could not download mold: ${reason}; trying the system package manager.`);
    return installFromPackageManager(version, reason, deps);
  }
  let extractedDir: string | null = null;
  try {
    const actual = await sha256OfFile(tarball);
    if (actual !== sha256) {
      throw new MoldInstallError(
        `SHA-256 mismatch for ${url}: expected ${sha256}, got ${actual}. The download was discarded; ` +
          `check the input 'mold-sha256' or the release URL.`,
      );
    }
    extractedDir = await deps.toolCache.extractTar(tarball);
    const topDir = await findTopFolder(extractedDir, moldTopFolderName(version, arch));
    const run = await readMoldVersion(path.join(topDir, 'bin', 'mold'), deps);
    if (run.version === null) throw new MoldInstallError(`The mold from ${url} does not run: ${run.detail}`);
    if (run.version !== version) {
      deps.logger.warning(`The mold downloaded as ${version} from ${url} reports version ${run.version}.`);
    }
    const cachedRoot = await deps.toolCache.cacheDir(topDir, 'mold', version, deps.arch);
    const binDir = path.join(cachedRoot, 'bin');
    deps.addPath(binDir);
    return { version: run.version, binDir, binary: path.join(binDir, 'mold'), source: 'download' };
  } finally {
    await rm(tarball, { force: true });
    if (extractedDir !== null) await rm(extractedDir, { recursive: true, force: true });
  }
}

/** The tarball's single top folder, preferably named `mold-<v>-<arch>-linux`, holding `bin/mold`. */
async function findTopFolder(extractedDir: string, expectedName: string): Promise<string> {
  const entries = await readdir(extractedDir, { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const name = folders.includes(expectedName) ? expectedName : folders.length === 1 ? folders[0] : undefined;
  const topDir = name === undefined ? null : path.join(extractedDir, name);
  if (topDir === null || !(await isExecutableFile(path.join(topDir, 'bin', 'mold')))) {
    throw new MoldInstallError(
      `The mold tarball does not hold ${expectedName}/bin/mold (top-level entries: ${entries.map((e) => e.name).join(', ') || 'none'}).`,
    );
  }
  return topDir;
}

/** `apt-get install -y mold` (else dnf), through `sudo -n` unless root; apt's lists are refreshed once on failure. */
async function installFromPackageManager(
  requested: string,
  earlierFailure: string,
  deps: MoldInstallDeps,
): Promise<Found> {
  const fail = (why: string): MoldInstallError =>
    new MoldInstallError(
      `Could not install mold ${requested}: ${earlierFailure}; the package manager fallback failed too: ${why}`,
    );
  const aptGet = await findOnPath('apt-get', deps.env);
  const manager = aptGet ?? (await findOnPath('dnf', deps.env));
  if (manager === null) throw fail('neither apt-get nor dnf is on PATH');
  const sudo = process.getuid?.() === 0 ? null : ((await findOnPath('sudo', deps.env)) ?? 'sudo');
  /** Null on success, else what went wrong. */
  const runAsRoot = async (args: readonly string[]): Promise<string | null> => {
    const [file, fullArgs] = sudo === null ? [manager, [...args]] : [sudo, ['-n', manager, ...args]];
    const shown = `'${[file, ...fullArgs].join(' ')}'`;
    const env = { ...deps.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      const result = await deps.runner.run(file, fullArgs, { env, timeoutMs: PACKAGE_MANAGER_TIMEOUT_MS });
      return result.exitCode === 0
        ? null
        : `${shown} exited with ${result.exitCode ?? result.signal}: ${result.outputTail}`;
    } catch (error) {
      return `${shown} could not start: ${describe(error)}`;
    }
  };
  const install = ['install', '-y', 'mold'];
  let failure = await runAsRoot(install);
  if (failure !== null && aptGet !== null) {
    deps.logger.info(`${failure}\nRefreshing the package lists and trying again.`);
    failure = (await runAsRoot(['update'])) ?? (await runAsRoot(install));
  }
  if (failure !== null) throw fail(failure);
  const installed = await findMoldOnPath(deps);
  if (installed === null) throw fail('the package installed, but no working mold is on PATH');
  deps.logger.warning(`The package manager gave mold ${installed.version} (requested ${requested}).`);
  return { ...installed, source: 'package-manager' };
}

async function findMoldOnPath(deps: MoldInstallDeps): Promise<Found | null> {
  const binary = await findOnPath('mold', deps.env);
  if (binary === null) return null;
  const run = await readMoldVersion(binary, deps);
  if (run.version === null) {
    deps.logger.warning(`Ignoring the mold on PATH at ${binary}: ${run.detail}`);
    return null;
  }
  return { version: run.version, binDir: path.dirname(binary), binary, source: 'path' };
}

/** Runs `<binary> --version`; version null (with the reason) when it does not run or says no version. */
async function readMoldVersion(
  binary: string,
  deps: MoldInstallDeps,
): Promise<{ version: string | null; detail: string }> {
  try {
    const result = await deps.runner.run(binary, ['--version'], {
      env: deps.env,
      timeoutMs: VERSION_TIMEOUT_MS,
    });
    const version = result.exitCode === 0 ? parseMoldVersion(result.stdout) : null;
    return {
      version,
      detail: `'${binary} --version' exited with ${result.exitCode ?? result.signal}: ${result.outputTail}`,
    };
  } catch (error) {
    return { version: null, detail: describe(error) };
  }
}

async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
