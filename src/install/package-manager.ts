/** The fallback when the release download fails: mold from the system's package manager. */
import { findMoldOnPath, findOnPath } from './io/mold-on-path.js';
import { describeError } from '../system/errors.js';
import { MoldInstallError, type Found, type MoldInstallDeps } from './mold-installation.js';

const PACKAGE_MANAGER_TIMEOUT_MS = 10 * 60_000;

/** `apt-get install -y mold` (else dnf), through `sudo -n` unless root; apt's lists are refreshed once on failure. */
export async function installFromPackageManager(
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
      return `${shown} could not start: ${describeError(error)}`;
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
