/** The bundled CLI: help, bad flags, and SIGTERM in the middle of a build restores the touched files. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/fixture-project.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
let directory: string | undefined;
afterEach(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function tempEntries(): string[] {
  return readdirSync(os.tmpdir()).filter((name) => /^build-bench-[A-Za-z0-9]{6}$/.test(name));
}

describe('dist/cli.js', () => {
  it('prints the flags with --help', () => {
    const result = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--touch');
    expect(result.stdout).toContain('examples/demo');
  });

  it("benchmarks the example project with no project given (the README's run command)", () => {
    const result = spawnSync(process.execPath, [CLI, '--runs', '1', '--scenarios', 'incremental'], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(result.stderr).not.toContain('warning');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/incremental +default +.*LLD \d+\.\d+\.\d+ \(verified\)/);
    expect(result.stdout).toMatch(/incremental +mold +.*mold \d+\.\d+\.\d+ \(verified\)/);
    expect(result.stdout).toContain(path.join(REPO_ROOT, 'examples/demo/target/build-bench/results.json'));
  });

  it('rejects an unknown flag and a bad value with exit code 2', () => {
    const unknown = spawnSync(process.execPath, [CLI, '--frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
    const bad = spawnSync(process.execPath, [CLI, '--linkers', 'default, gold'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      `Input 'linkers' has the value "default, gold": 'gold' is not one of default, mold, lld, bfd`,
    );
  });

  it('on SIGTERM stops the build, restores the touched file and removes its temporary files', async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-signal-'));
    const touched = path.join(directory, 'source.txt');
    writeFileSync(touched, 'unchanged\n');
    spawnSync('touch', ['-d', '@1600000000.123456789', touched]);
    const before = statSync(touched, { bigint: true }).mtimeNs;
    const marker = path.join(directory, 'prepared');
    const tempBefore = tempEntries();
    // The prepare build only leaves a marker; the sampled build then hangs until the signal. The sleep's
    // length is this test's own, so no other process on the machine is taken for a leftover of it.
    const sleep = `sleep 77.${process.pid}`;
    const command = `if [ -e ${marker} ]; then ${sleep}; else : > ${marker}; fi`;
    const child = spawn(
      process.execPath,
      [
        CLI,
        directory,
        '--command',
        command,
        '--scenarios',
        'incremental',
        '--touch',
        'source.txt',
        '--linkers',
        'default',
        '--runs',
        '1',
        '--warmup',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (statSync(touched, { bigint: true }).mtimeNs === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(touched, { bigint: true }).mtimeNs).not.toBe(before);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;

    expect(code).toBe(143);
    expect(stderr).toContain('Received SIGTERM');
    expect(statSync(touched, { bigint: true }).mtimeNs).toBe(before);
    expect(tempEntries().filter((name) => !tempBefore.includes(name))).toEqual([]);
    const sleepers = spawnSync('pgrep', ['-f', sleep], { encoding: 'utf8' }).stdout.trim();
    expect(sleepers).toBe('');
  });
});
