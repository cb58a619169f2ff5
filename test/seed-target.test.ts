/** The base's target directory started from the head's: mtimes kept to the nanosecond, and never a half copy. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedTargetDirectory } from '../src/bench/seed-target.js';
import { createProcessRunner } from '../src/system/process-runner.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'build-bench-seed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const runner = createProcessRunner();
const now = () => performance.now();

function headTarget(name: string): string {
  const from = path.join(scratch, name, 'head');
  mkdirSync(path.join(from, 'debug', 'deps'), { recursive: true });
  writeFileSync(path.join(from, 'debug', 'deps', 'libdep.rlib'), 'rlib');
  writeFileSync(path.join(from, 'debug', '.fingerprint'), 'fingerprint');
  return from;
}

describe('seedTargetDirectory', () => {
  it("copies the head's target directory with its modification times to the nanosecond", async () => {
    const from = headTarget('copy');
    const file = path.join(from, 'debug', 'deps', 'libdep.rlib');
    utimesSync(file, 1_700_000_000.123456, 1_700_000_000.123456);
    const to = path.join(scratch, 'copy', 'base');
    const seed = await seedTargetDirectory(from, to, runner, now);
    expect(['copy', 'reflink']).toContain(seed.how);
    expect(seed.note).toBeNull();
    expect(seed.bytes).toBeGreaterThan(0);
    const copied = path.join(to, 'debug', 'deps', 'libdep.rlib');
    expect(readFileSync(copied, 'utf8')).toBe('rlib');
    expect(statSync(copied, { bigint: true }).mtimeNs).toBe(statSync(file, { bigint: true }).mtimeNs);
    expect(readFileSync(path.join(to, 'debug', '.fingerprint'), 'utf8')).toBe('fingerprint');
  });

  it('builds from scratch, saying why, when the head has no target directory or the base already has one', async () => {
    const missing = await seedTargetDirectory(
      path.join(scratch, 'nowhere'),
      path.join(scratch, 'x'),
      runner,
      now,
    );
    expect(missing).toMatchObject({ how: 'none', bytes: 0 });
    expect(missing.note).toMatch(/does not exist/);
    const from = headTarget('exists');
    const to = path.join(scratch, 'exists', 'base');
    mkdirSync(to);
    writeFileSync(path.join(to, 'kept'), 'x');
    const there = await seedTargetDirectory(from, to, runner, now);
    expect(there.how).toBe('none');
    expect(there.note).toMatch(/already exists/);
    expect(readFileSync(path.join(to, 'kept'), 'utf8')).toBe('x');
  });

  it('leaves no half copy when cp fails', async () => {
    const from = headTarget('fails');
    const to = path.join(scratch, 'fails', 'no-such-folder', 'base');
    const seed = await seedTargetDirectory(from, to, runner, now);
    expect(seed.how).toBe('none');
    expect(seed.note).toMatch(/copying the head's target directory failed/);
    expect(existsSync(to)).toBe(false);
  });
});
