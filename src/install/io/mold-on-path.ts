/** Finds programs on PATH and asks a mold binary for its version. */
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeError } from '../../system/errors.js';
import { type Found, type MoldInstallDeps } from '../mold-installation.js';
import { parseMoldVersion } from '../mold-release.js';

const VERSION_TIMEOUT_MS = 30_000;

export async function findMoldOnPath(deps: MoldInstallDeps): Promise<Found | null> {
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
export async function readMoldVersion(
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
    return { version: null, detail: describeError(error) };
  }
}

export async function findOnPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
