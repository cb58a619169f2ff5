/** The base's target directory started from the head's: mtimes kept to the nanosecond, and never a half copy. */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
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
import { freshenSources, seedTargetDirectory } from '../../src/bench/seed-target.js';
import { REPO_ROOT } from '../support/fixture-project.js';
import { createProcessRunner } from '../../src/system/process-runner.js';
import type { CommandResult, ProcessRunner } from '../../src/system/ports.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'build-bench-seed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const runner = createProcessRunner();
const now = () => performance.now();
const FAILED: CommandResult = {
  exitCode: 1,
  signal: null,
  stdout: '',
  outputTail: '',
  wallMs: 1,
  cpuMs: null,
  peakRssKb: null,
  timedOut: false,
};

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

  it('leaves no half copy when cp fails, and says why', async () => {
    const from = headTarget('fails');
    const to = path.join(scratch, 'fails', 'base');
    // A cp that copies part of the tree, then fails (as on a full disk).
    const failing: ProcessRunner = {
      run: () => {
        mkdirSync(path.join(to, 'debug'), { recursive: true });
        return Promise.resolve({
          ...FAILED,
          outputTail: "cp: error writing 'debug/deps/libdep.rlib': No space left on device",
        });
      },
    };
    const seed = await seedTargetDirectory(from, to, failing, now);
    expect(seed.how).toBe('none');
    expect(seed.note).toMatch(
      /copying the head's target directory failed: cp: error writing .*No space left/,
    );
    expect(existsSync(to)).toBe(false);
  });

  it("makes the base's target directory's parent when it is not there yet", async () => {
    const from = headTarget('parent');
    const to = path.join(scratch, 'parent', 'not', 'yet', 'base');
    expect((await seedTargetDirectory(from, to, runner, now)).how).not.toBe('none');
    expect(readFileSync(path.join(to, 'debug', '.fingerprint'), 'utf8')).toBe('fingerprint');
  });
});

describe("the base built from a copy of the head's target directory", () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], {
      cwd,
      encoding: 'utf8',
    });
  const cargoBuild = (cwd: string, targetDir: string) =>
    execFileSync('cargo', ['build', '--offline', '-q'], {
      cwd,
      env: { ...process.env, CARGO_TARGET_DIR: targetDir },
      stdio: 'pipe',
    });
  const runBinary = (targetDir: string) =>
    execFileSync(path.join(targetDir, 'debug', 'tiny-cli'), { encoding: 'utf8' }).trim();

  it("is built from the base's sources, not taken from the head's artifacts of a crate the pull request changed", async () => {
    const repo = path.join(scratch, 'repo');
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tiny'), repo, { recursive: true });
    writeFileSync(path.join(repo, '.gitignore'), 'target/\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const worktree = path.join(scratch, 'base-worktree');
    // The base is checked out first, then the head builds: as the run does it.
    git(repo, 'worktree', 'add', '-q', '--detach', worktree, 'HEAD');
    const lib = path.join(repo, 'crates', 'core', 'src', 'lib.rs');
    writeFileSync(lib, readFileSync(lib, 'utf8').replace('a + b', 'a * b'));
    git(repo, 'commit', '-q', '-am', 'head multiplies');
    const headTarget = path.join(scratch, 'head-target');
    cargoBuild(repo, headTarget);
    expect(runBinary(headTarget)).toBe('6');
    const baseTarget = path.join(scratch, 'base-target');
    expect((await seedTargetDirectory(headTarget, baseTarget, runner, now)).how).not.toBe('none');
    expect(freshenSources(path.join(worktree, 'crates', 'cli'))).toBeGreaterThan(3);
    cargoBuild(worktree, baseTarget);
    expect(runBinary(baseTarget)).toBe('5');
  });
});
