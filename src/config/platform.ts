/** build-bench measures on Linux only: elsewhere, one clear error before anything is installed or built. */

const PLATFORM_NAMES: Readonly<Partial<Record<NodeJS.Platform, string>>> = {
  darwin: 'macOS',
  win32: 'Windows',
  freebsd: 'FreeBSD',
};

/** The runner (or machine) is not Linux: nothing was installed, built or changed. */
export class UnsupportedPlatformError extends Error {
  constructor(
    readonly platform: NodeJS.Platform,
    surface: 'action' | 'cli',
  ) {
    const name = PLATFORM_NAMES[platform] ?? platform;
    const fix =
      surface === 'cli'
        ? 'Run it on a Linux machine (a container or VM will do).'
        : "In a matrix of runners, limit the step to Linux ones: add `if: runner.os == 'Linux'` to it.";
    super(
      `build-bench measures builds on Linux only (x86_64 or arm64, where mold, lld and the link shim run); ` +
        `this ${surface === 'cli' ? 'machine' : 'runner'} is ${name}. ${fix}`,
    );
    this.name = 'UnsupportedPlatformError';
  }
}

/** Throws UnsupportedPlatformError unless `platform` is Linux. */
export function checkPlatform(platform: NodeJS.Platform, surface: 'action' | 'cli'): void {
  if (platform !== 'linux') throw new UnsupportedPlatformError(platform, surface);
}
