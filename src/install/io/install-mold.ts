/** Puts mold on PATH: reuse PATH or the tool cache, else download a pinned release, verify and cache it; apt/dnf last. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { MoldRequest } from '../../config/config.js';
import { describeError } from '../../system/errors.js';
import {
  MoldInstallError,
  type Found,
  type MoldInstallation,
  type MoldInstallDeps,
} from '../mold-installation.js';
import { findMoldOnPath, isExecutableFile, readMoldVersion } from './mold-on-path.js';
import { installFromPackageManager } from '../package-manager.js';
import {
  DEFAULT_MOLD_VERSION,
  MOLD_SHA256,
  type MoldArch,
  expectedSha256,
  isSameMoldVersion,
  moldArchFor,
  moldAssetName,
  moldDownloadUrl,
  moldTopFolderName,
} from '../mold-release.js';

export {
  MoldInstallError,
  type MoldInstallation,
  type MoldInstallDeps,
  type ToolCacheLike,
} from '../mold-installation.js';

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
  if (onPath !== null && (request.version === 'any' || isSameMoldVersion(onPath.version, request.version))) {
    return onPath;
  }
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
    const reason = `downloading ${url} failed: ${describeError(error)}`;
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
    if (!isSameMoldVersion(run.version, version)) {
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

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
