/** The real process runner: exit codes, output tail, the process tree's CPU and memory, timeouts, daemons. */
import { describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/system/process-runner.js';

const runner = createProcessRunner();

describe('createProcessRunner', () => {
  it('reports the exit code and keeps the last lines of both streams', async () => {
    const result = await runner.run(
      '/bin/sh',
      ['-c', 'for i in 1 2 3 4 5; do echo out$i; done; echo err >&2; exit 4'],
      {
        tailLines: 3,
      },
    );
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toBe('out1\nout2\nout3\nout4\nout5\n');
    expect(result.outputTail.split('\n')).toHaveLength(3);
    expect(result.outputTail).toContain('err');
  });

  it("counts the CPU time of grandchildren and the tree's memory", async () => {
    // Two busy grandchildren for about 0.3 s each, and one holding ~64 MiB for a moment.
    const script =
      'for i in 1 2; do (i=0; while [ $i -lt 150000 ]; do i=$((i+1)); done) & done; ' +
      "python3 -c 'import time; b = bytearray(64 << 20); time.sleep(0.4)'; wait";
    const result = await runner.run('/bin/sh', ['-c', script]);
    expect(result.exitCode).toBe(0);
    expect(result.cpuMs).toBeGreaterThan(200);
    expect(result.peakRssKb).toBeGreaterThan(64 * 1024);
    expect(result.peakRssKb).toBeLessThan(1024 * 1024);
  });

  it('stops the whole process group on timeout', async () => {
    const result = await runner.run('/bin/sh', ['-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.wallMs).toBeLessThan(5000);
  });

  it('ends when the build exits even if a daemon it started keeps the output pipe open', async () => {
    const result = await runner.run('/bin/sh', ['-c', 'setsid sleep 5 & echo started']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('started');
    expect(result.wallMs).toBeLessThan(1000);
  });

  it('rejects when the program cannot start', async () => {
    await expect(runner.run('/nonexistent/program', [])).rejects.toThrow(
      'Could not start /nonexistent/program',
    );
  });
});
