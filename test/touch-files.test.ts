import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TouchedFiles } from '../src/bench/touch-files.js';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'touch-files-test-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A file with the given content and access and modification times (GNU touch syntax `@s.ns`). */
function fileWithTimes(name: string, content: string, atime: string, mtime: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  execFileSync('touch', ['-a', '-d', atime, file]);
  execFileSync('touch', ['-m', '-d', mtime, file]);
  return file;
}

function timesNs(file: string): { atimeNs: bigint; mtimeNs: bigint } {
  const stat = statSync(file, { bigint: true });
  return { atimeNs: stat.atimeNs, mtimeNs: stat.mtimeNs };
}

describe('TouchedFiles', () => {
  it.each([
    { name: 'nanosecond times', atime: '@1700000000.987654321', mtime: '@1700000000.123456789' },
    { name: 'whole seconds', atime: '@1600000000', mtime: '@1600000000' },
    { name: 'one nanosecond past a second', atime: '@1500000000.000000001', mtime: '@1500000001.000000001' },
  ])('touches to now and restores $name exactly', ({ atime, mtime }) => {
    const content = 'fn main() {}\n';
    const file = fileWithTimes('main.rs', content, atime, mtime);
    const original = timesNs(file);
    const toNs = (epoch: string): bigint => {
      const [seconds, fraction = ''] = epoch.slice(1).split('.');
      return BigInt(seconds!) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
    };
    expect(original).toEqual({ atimeNs: toNs(atime), mtimeNs: toNs(mtime) });

    const touched = new TouchedFiles([file]);
    expect(touched.paths).toEqual([file]);
    const before = Date.now();
    touched.touch();
    const after = Date.now();
    const touchedMs = Number(timesNs(file).mtimeNs / 1_000_000n);
    expect(touchedMs).toBeGreaterThanOrEqual(before - 1);
    expect(touchedMs).toBeLessThanOrEqual(after + 1);

    touched.restore();
    expect(timesNs(file)).toEqual(original);
    touched.restore();
    expect(timesNs(file)).toEqual(original);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('touches and restores every file', () => {
    const files = [
      fileWithTimes('a.rs', 'a', '@1700000001.1', '@1700000002.2'),
      fileWithTimes('b c.rs', 'b', '@1700000003.3', '@1700000004.4'),
    ];
    const originals = files.map(timesNs);
    const touched = new TouchedFiles(files);
    touched.touch();
    for (const [index, file] of files.entries()) {
      expect(timesNs(file).mtimeNs).toBeGreaterThan(originals[index]!.mtimeNs + 1_000_000_000n);
    }
    touched.restore();
    expect(files.map(timesNs)).toEqual(originals);
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual(['a', 'b']);
  });

  it('restores the times seen at creation, not at touch', () => {
    const file = fileWithTimes('lib.rs', 'x', '@1700000000.5', '@1700000000.5');
    const original = timesNs(file);
    const touched = new TouchedFiles([file]);
    execFileSync('touch', ['-d', '@1800000000.25', file]);
    touched.touch();
    touched.restore();
    expect(timesNs(file)).toEqual(original);
  });

  it('leaves files alone when restored without a touch', () => {
    const file = fileWithTimes('lib.rs', 'x', '@1700000000.5', '@1700000000.5');
    const touched = new TouchedFiles([file]);
    execFileSync('touch', ['-m', '-d', '@1800000000.25', file]);
    touched.restore();
    expect(timesNs(file).mtimeNs).toBe(1_800_000_000_250_000_000n);
  });

  it('can touch and restore again after a restore', () => {
    const file = fileWithTimes('lib.rs', 'x', '@1700000000.000000007', '@1700000000.000000009');
    const original = timesNs(file);
    const touched = new TouchedFiles([file]);
    for (let cycle = 0; cycle < 2; cycle++) {
      touched.touch();
      expect(timesNs(file).mtimeNs).not.toBe(original.mtimeNs);
      touched.restore();
      expect(timesNs(file)).toEqual(original);
    }
  });

  it('fails at creation for a missing file', () => {
    expect(() => new TouchedFiles([path.join(scratch, 'missing.rs')])).toThrow(/ENOENT/);
  });
});
