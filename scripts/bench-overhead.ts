/**
 * Prints build-bench's own figures: the pipeline's overhead (wall time not spent inside build commands)
 * on the tiny fixture, the bundle's start-up time, and mold install times (cold from a local release
 * server, then from the tool cache). Run with `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as toolCache from '@actions/tool-cache';
import { installMold } from '../src/install/install-mold.js';
import { run } from '../src/main.js';
import type { CommandResult, ProcessRunner } from '../src/system/ports.js';
import { createProcessRunner } from '../src/system/process-runner.js';
import { copyFixture, REPO_ROOT } from '../test/support/fixture-project.js';
import { startReleaseServer } from '../test/support/release-server.js';
import { createTestDeps } from '../test/support/test-deps.js';

const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(label: string, values: number[], target: string): string {
  const shown = values.map((value) => value.toFixed(0)).join(', ');
  return `${label.padEnd(44)} median ${median(values).toFixed(0).padStart(5)} ms  (${shown})  target ${target}`;
}

/** A runner that adds up the wall time of build and clean commands (`sh -c`, `mold -run`). */
function countingRunner(): { runner: ProcessRunner; commandMs: () => number } {
  const real = createProcessRunner();
  let total = 0;
  return {
    commandMs: () => total,
    runner: {
      async run(file, args, options): Promise<CommandResult> {
        const result = await real.run(file, args, options);
        if (file === '/bin/sh' || args[0] === '-run') total += result.wallMs;
        return result;
      },
    },
  };
}

async function measureOverhead(): Promise<number[]> {
  const overheads: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const fixture = copyFixture('tiny');
    try {
      const counting = countingRunner();
      const deps = {
        ...createTestDeps({
          'working-directory': fixture.directory,
          runs: '3',
          warmup: '1',
          scenarios: 'clean, incremental, noop',
        }),
        runner: counting.runner,
      };
      const started = performance.now();
      await run(deps);
      overheads.push(performance.now() - started - counting.commandMs());
    } finally {
      fixture.remove();
    }
  }
  return overheads;
}

function measureStartup(): number[] {
  const times: number[] = [];
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const started = performance.now();
    // A bad input stops the bundle right after loading: this is its start-up cost.
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'index.js')], {
      env: { PATH: process.env.PATH, INPUT_RUNS: 'x' },
    });
    times.push(performance.now() - started);
  }
  return times;
}

async function measureInstall(): Promise<{ cold: number[]; cached: number[] }> {
  const server = await startReleaseServer();
  const cold: number[] = [];
  const cached: number[] = [];
  const hiddenPath = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => dir !== '/usr/bin' && dir !== '/bin')
    .join(':');
  try {
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const root = mkdtempSync(path.join(os.tmpdir(), 'build-bench-install-'));
      process.env.RUNNER_TOOL_CACHE = path.join(root, 'cache');
      process.env.RUNNER_TEMP = path.join(root, 'temp');
      const deps = {
        runner: createProcessRunner(),
        logger: {
          info: () => undefined,
          warning: () => undefined,
          notice: () => undefined,
          progress: () => undefined,
          group: <T>(_: string, body: () => Promise<T>) => body(),
        },
        toolCache,
        platform: process.platform,
        arch: os.arch(),
        env: { ...process.env, PATH: `${hiddenPath}:/nonexistent` },
        addPath: () => undefined,
        clock: () => performance.now(),
      };
      const request = { version: server.version, sha256: server.sha256, releaseBaseUrl: server.baseUrl };
      for (const into of [cold, cached]) {
        const started = performance.now();
        await installMold(request, deps);
        into.push(performance.now() - started);
      }
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    await server.close();
  }
  return { cold, cached };
}

const overhead = await measureOverhead();
const startup = measureStartup();
const install = await measureInstall();
console.log(
  `build-bench figures on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}`,
);
console.log(format('pipeline overhead (outside build commands)', overhead, '< 1000 ms'));
console.log(format('bundle start-up (node dist/index.js)', startup, '—'));
console.log(format('mold install, cold (local release server)', install.cold, '—'));
console.log(format('mold install, cached (tool cache)', install.cached, '< 500 ms'));
