/** Pure facts about mold's official release tarballs: names, URLs, pinned SHA-256 hashes, version output. */
import semver from 'semver';
import { ConfigError } from '../config/config.js';

/** The version installed when the user asks for `any` and no mold is on PATH. */
export const DEFAULT_MOLD_VERSION = '2.42.1';

export const MOLD_RELEASE_BASE_URL = 'https://github.com/rui314/mold/releases/download';

/** Architectures mold publishes Linux tarballs for that this action installs. */
export type MoldArch = 'x86_64' | 'aarch64';

/**
 * SHA-256 of `mold-<version>-<arch>-linux.tar.gz` from github.com/rui314/mold/releases.
 * Upstream publishes no checksum file; every hash here was copied from independent pins in public
 * repositories (e.g. mongodb/mongo bazel/toolchains/cc/mongo_linux/mongo_mold.bzl), never computed or guessed.
 * Versions missing here need the `mold-sha256` input.
 */
export const MOLD_SHA256: Readonly<Record<string, Readonly<Partial<Record<MoldArch, string>>>>> = {
  '2.42.1': {
    x86_64: '6ff270c9bf07d2bec5c98aa324eb7c4daf6a1a4d815c05ff1708049616047855',
    aarch64: '16b025652d3d7456689e6025a77e1903bb2a15e7630877c26cc133f5df95b9c6',
  },
  '2.42.0': {
    x86_64: 'f5ed2f6e31d1ada4f07fe766fe0de7a73104d1c5cdc59086fcecc16a43720b6d',
    aarch64: '3c9a0a3624aac8a2007569ae50c33b3129a0f0ae8bcc974aeee2f8939d295190',
  },
  '2.41.0': {
    x86_64: 'a3696680d99e692970590a178bc3a33d78d60d1c6dc9db7a11b557b02b751f5d',
    aarch64: '946de2774b06a71346bd59b55fddba610b65b8d93c3a4a1559cc84e103472710',
  },
  '2.40.4': {
    x86_64: '4c999e19ffa31afa5aa429c679b665d5e2ca5a6b6832ad4b79668e8dcf3d8ec1',
    aarch64: 'c799b9ccae8728793da2186718fbe53b76400a9da396184fac0c64aa3298ec37',
  },
  '2.37.1': {
    x86_64: 'cfdb6e82b5c906840e66304216b1b6e15766e4a7eac03893bbf2b41010f0a927',
    aarch64: '0c161124747d6ea0dba6f1b8b96d382fd51cad5345252606c9b32cb675d29a1c',
  },
};

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Node's `process.arch` to mold's name for it; null where mold publishes no tarball we install. */
export function moldArchFor(nodeArch: string): MoldArch | null {
  switch (nodeArch) {
    case 'x64':
      return 'x86_64';
    case 'arm64':
      return 'aarch64';
    default:
      return null;
  }
}

export function moldAssetName(version: string, arch: MoldArch): string {
  return `mold-${version}-${arch}-linux.tar.gz`;
}

/** The single top-level folder inside the tarball (`dist.sh` tars `mold-<v>-<arch>-linux/`). */
export function moldTopFolderName(version: string, arch: MoldArch): string {
  return `mold-${version}-${arch}-linux`;
}

export function moldDownloadUrl(baseUrl: string, version: string, arch: MoldArch): string {
  return `${baseUrl.replace(/\/+$/, '')}/v${version}/${moldAssetName(version, arch)}`;
}

/** The hash a download must have: the user's `mold-sha256` first, else the shipped table; null when unknown. */
export function expectedSha256(version: string, arch: MoldArch, override: string | null): string | null {
  if (override !== null) {
    const normalized = override.trim().toLowerCase();
    if (!SHA256_PATTERN.test(normalized)) {
      throw new ConfigError(
        'mold-sha256',
        override,
        'expected 64 hexadecimal characters (the SHA-256 of the release tarball)',
      );
    }
    return normalized;
  }
  return MOLD_SHA256[version]?.[arch] ?? null;
}

/** The version in `mold --version` output (`mold 2.40.4 (abc; compatible with GNU ld)`); null if absent. */
export function parseMoldVersion(output: string): string | null {
  const match = /(?:^|\s)mold\s+v?(\d+\.\d+(?:\.\d+)*)\b/m.exec(output);
  return match?.[1] ?? null;
}

/** Whether two mold versions name one release: `2.42` is `2.42.0`; strings that hold no version must be equal. */
export function isSameMoldVersion(a: string, b: string): boolean {
  const [versionA, versionB] = [semver.coerce(a), semver.coerce(b)];
  return versionA !== null && versionB !== null ? semver.eq(versionA, versionB) : a === b;
}
