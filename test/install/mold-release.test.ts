import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import {
  DEFAULT_MOLD_VERSION,
  MOLD_RELEASE_BASE_URL,
  MOLD_SHA256,
  expectedSha256,
  moldArchFor,
  moldAssetName,
  moldDownloadUrl,
  moldTopFolderName,
  isSameMoldVersion,
  parseMoldVersion,
} from '../../src/install/mold-release.js';

describe('moldArchFor', () => {
  it.each([
    ['x64', 'x86_64'],
    ['arm64', 'aarch64'],
    ['arm', null],
    ['ia32', null],
    ['s390x', null],
    ['x86_64', null],
  ])('%s -> %s', (nodeArch, expected) => {
    expect(moldArchFor(nodeArch)).toBe(expected);
  });
});

describe('asset names and URLs', () => {
  it('names the tarball and its top folder like dist.sh does', () => {
    expect(moldAssetName('2.40.4', 'x86_64')).toBe('mold-2.40.4-x86_64-linux.tar.gz');
    expect(moldAssetName('2.42.1', 'aarch64')).toBe('mold-2.42.1-aarch64-linux.tar.gz');
    expect(moldTopFolderName('2.40.4', 'aarch64')).toBe('mold-2.40.4-aarch64-linux');
  });

  it.each([
    [
      MOLD_RELEASE_BASE_URL,
      'https://github.com/rui314/mold/releases/download/v2.40.4/mold-2.40.4-x86_64-linux.tar.gz',
    ],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/v2.40.4/mold-2.40.4-x86_64-linux.tar.gz'],
    ['http://mirror.example/mold//', 'http://mirror.example/mold/v2.40.4/mold-2.40.4-x86_64-linux.tar.gz'],
  ])('from base %s', (baseUrl, expected) => {
    expect(moldDownloadUrl(baseUrl, '2.40.4', 'x86_64')).toBe(expected);
  });
});

describe('MOLD_SHA256', () => {
  it('pins both architectures of the default version', () => {
    expect(MOLD_SHA256[DEFAULT_MOLD_VERSION]?.x86_64).toMatch(/^[0-9a-f]{64}$/);
    expect(MOLD_SHA256[DEFAULT_MOLD_VERSION]?.aarch64).toMatch(/^[0-9a-f]{64}$/);
  });

  it('holds only lowercase 64-hex hashes, none repeated', () => {
    const hashes = Object.values(MOLD_SHA256).flatMap((byArch) => Object.values(byArch));
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});

describe('expectedSha256', () => {
  const pinned = '4c999e19ffa31afa5aa429c679b665d5e2ca5a6b6832ad4b79668e8dcf3d8ec1';

  it('takes the table entry when there is no override', () => {
    expect(expectedSha256('2.40.4', 'x86_64', null)).toBe(pinned);
    expect(expectedSha256('2.40.4', 'aarch64', null)).toBe(
      'c799b9ccae8728793da2186718fbe53b76400a9da396184fac0c64aa3298ec37',
    );
  });

  it('returns null for a version missing from the table', () => {
    expect(expectedSha256('9.9.9', 'x86_64', null)).toBeNull();
  });

  it('prefers the override, lowercased and trimmed', () => {
    const override = ` ${'AB'.repeat(32)} `;
    expect(expectedSha256('2.40.4', 'x86_64', override)).toBe('ab'.repeat(32));
    expect(expectedSha256('9.9.9', 'aarch64', 'cd'.repeat(32))).toBe('cd'.repeat(32));
  });

  it.each(['', 'abc', 'g'.repeat(64), 'a'.repeat(63), 'a'.repeat(65)])(
    'rejects the override %j naming the input',
    (override) => {
      expect(() => expectedSha256('2.40.4', 'x86_64', override)).toThrow(ConfigError);
      expect(() => expectedSha256('2.40.4', 'x86_64', override)).toThrow(/mold-sha256/);
    },
  );
});

describe('parseMoldVersion', () => {
  it.each([
    ['mold 1.10.1 (compatible with GNU ld)\n', '1.10.1'],
    ['mold 2.40.4 (abc123; compatible with GNU ld)', '2.40.4'],
    ['mold 2.42.1 (6b4a2f2a6b0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f; compatible with GNU ld)\n', '2.42.1'],
    ['warning: something\nmold 2.37.1 (compatible with GNU ld)', '2.37.1'],
    ['GNU ld (GNU Binutils for Debian) 2.40', null],
    ['LLD 19.1.7 (compatible with GNU linkers)', null],
    ['', null],
  ])('%j -> %s', (output, expected) => {
    expect(parseMoldVersion(output)).toBe(expected);
  });
});

describe('isSameMoldVersion', () => {
  it.each([
    ['2.42.1', '2.42.1', true],
    ['2.42', '2.42.0', true],
    ['2.42.0', '2.42', true],
    ['v2.42.1', '2.42.1', true],
    ['2.42', '2.42.1', false],
    ['2.9.0', '2.90.0', false],
    ['1.10.1', '1.1.01', false],
    ['unknown', 'unknown', true],
    ['unknown', '2.42.1', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(isSameMoldVersion(a, b)).toBe(same);
    expect(isSameMoldVersion(b, a)).toBe(same);
  });
});
