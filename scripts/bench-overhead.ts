/**
 * Prints build-bench's own figures: the pipeline's overhead (wall time not spent inside build commands)
 * on the tiny fixture, the bundle's start-up time, mold install times (cold from a local release server, then
 * from the tool cache), and what the analysis of the example project costs. Run with `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as toolCache from '@actions/tool-cache';
import { analyzeProject } from '../src/analysis/analyze-project.js';
import { parseCargoMetadata } from '../src/cargo/cargo-metadata.js';
import { parseConfig } from '../src/config/parse-config.js';
import { installMold } from '../src/install/io/install-mold.js';
import { run } from '../src/main.js';
import type { CommandResult, ProcessRunner } from '../src/system/ports.js';
import { createProcessRunner } from '../src/system/process-runner.js';
import { copyFixture, REPO_ROOT } from '../test/support/fixture-project.js';
import { startReleaseServer } from '../test/support/release-server.js';
import { measurePerLinkCost, measureSideBySide } from './shim-overhead.js';
import { createTestDeps } from '../test/support/test-deps.js';

const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(label: string, values: number[], target: string): string {
  const shown = values.map((value) => value.toFixed(0)).join(', ');
  return `${label.padEnd(50)} median ${median(values).toFixed(0).padStart(5)} ms  (${shown})  target ${target}`;
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
        // Builds run as `sh -c <command>`; `cargo metadata` of the analysis also goes through sh, and is overhead.
        const build = file === '/bin/sh' && !String(args[1]).startsWith('exec cargo');
        if (build || args[0] === '-run') total += result.wallMs;
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

const silentLogger = {
  info: () => undefined,
  warning: () => undefined,
  notice: () => undefined,
  progress: () => undefined,
  group: <T>(_: string, body: () => Promise<T>) => body(),
};

/** The analysis of the example project: settings and crates alone, then with IR lines (cold and warm). */
async function measureAnalysis(): Promise<{
  plain: number[];
  cold: number[];
  warm: number[];
  lines: number;
}> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-analysis-'));
  const directory = path.join(parent, 'demo');
  cpSync(path.join(REPO_ROOT, 'examples', 'demo'), directory, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}target`),
  });
  const triple = /^host: (\S+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout)![1]!;
  const config = parseConfig(
    { 'working-directory': directory },
    { baseDirectory: directory, hasCargoManifest: () => true },
  );
  const benchDir = path.join(directory, 'target', 'build-bench');
  const metadata = parseCargoMetadata(
    spawnSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], {
      cwd: directory,
      encoding: 'utf8',
    }).stdout,
  );
  const analyze = (llvmLines: boolean) =>
    analyzeProject(
      {
        config: { ...config, llvmLines: { enabled: llvmLines, packages: [] } },
        workingDirectory: directory,
        workspaceRoot: directory,
        metadata,
        triple,
        benchDir,
      },
      { runner: createProcessRunner(), logger: silentLogger, env: process.env },
    );
  const timed = async (body: () => Promise<unknown>, into: number[]): Promise<void> => {
    const started = performance.now();
    await body();
    into.push(performance.now() - started);
  };
  const plain: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  let lines = 0;
  try {
    for (let repeat = 0; repeat < REPEATS; repeat++) await timed(() => analyze(false), plain);
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      rmSync(path.join(benchDir, 'llvm-lines'), { recursive: true, force: true });
      await timed(() => analyze(true), cold);
      await timed(async () => {
        const analysis = await analyze(true);
        lines = analysis.llvmLines?.crates[0]?.totalLines ?? 0;
      }, warm);
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
  return { plain, cold, warm, lines };
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
const analysis = await measureAnalysis();
console.log(format('analysis: settings and crates (example project)', analysis.plain, '< 1000 ms'));
console.log(format('analysis with IR lines, cold target directory', analysis.cold, '—'));
console.log(format(`analysis with IR lines, warm (${analysis.lines} lines)`, analysis.warm, '—'));

const perLink = await measurePerLinkCost();
console.log('');
console.log(
  'The shims, per call, against calling the program directly (interleaved, 200 calls at each size):',
);
for (const cost of perLink) {
  const what =
    cost.what === 'link'
      ? `link, ${String(cost.args).padStart(6)} arguments`
      : `rustc, ${String(cost.args).padStart(5)} arguments`;
  console.log(
    `  ${what}: +${cost.addedMs.toFixed(2)} ms over ${cost.directMs.toFixed(2)} ms direct; the shim's own logged time ` +
      `${cost.loggedMs.toFixed(3)} ms  target ≤ 5 ms per link`,
  );
}
// 200 pairs: a build differs from its pair by ~7 % here, so 60 pairs leave an interval of ±1.7 %, wider than the target.
const side = await measureSideBySide(200);
const linkCost = perLink.find((cost) => cost.what === 'link' && cost.args === 250)!.addedMs;
const rustcCost = perLink.find((cost) => cost.what === 'rustc')!.addedMs;
console.log(
  `Example project, incremental build (${side.buildMs.toFixed(0)} ms: one rustc run and one link), with the shims ` +
    `against plain cargo, ${side.pairs} interleaved pairs: ${side.change >= 0 ? '+' : ''}${(side.change * 100).toFixed(2)} % ` +
    `(95 % CI ${(side.low * 100).toFixed(2)} % … ${(side.high * 100).toFixed(2)} %); from the per-call costs above ` +
    `${(((linkCost + rustcCost) / side.buildMs) * 100).toFixed(2)} % of the build  target ≤ 1 %`,
);
