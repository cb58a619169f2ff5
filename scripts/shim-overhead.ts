/**
 * What the shims cost inside a timed build: per link, against calling the linker directly, at 250 to 10,000
 * arguments; and side by side on the example project's incremental build, with the shims against without them,
 * interleaved in one run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { linkerEnvName } from '../src/cargo/io/configured-linker.js';
import { compileShims, installShim } from '../src/shims/io/compile-shims.js';
import { linkShimEnv } from '../src/shims/link-shim-env.js';
import { LINK_SHIM_NAME, RUSTC_WRAPPER_NAME, SHIM_ENV } from '../src/shims/shim-env.js';
import { parseCrateLog, parseLinkLog } from '../src/shims/link-log.js';
import { pairedChange } from '../src/stats/changes.js';
import { createProcessRunner } from '../src/system/process-runner.js';
import { REPO_ROOT } from '../test/support/fixture-project.js';

/** A C program that spawns a command N times with the given argument count and prints each time in ns. */
const TIMER_SOURCE = String.raw`
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
extern char **environ;
static long long now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }
int main(int argc, char **argv) {
  int reps = atoi(argv[1]), count = atoi(argv[2]);
  char **args = calloc(count + 4, sizeof(char *));
  args[0] = argv[3];
  for (int i = 1; i <= count; i++) { args[i] = malloc(96); snprintf(args[i], 96, "/home/runner/work/project/target/debug/deps/libcrate_%d-0123456789abcdef.rlib", i); }
  args[count + 1] = "-o"; args[count + 2] = "/tmp/build-bench-shim-bench-out";
  if (argc > 4) args[1] = argv[4]; /* the program a wrapper runs */
  for (int r = 0; r < reps; r++) {
    pid_t pid; long long start = now();
    if (posix_spawn(&pid, argv[3], NULL, NULL, args, environ) != 0) return 1;
    int status; waitpid(pid, &status, 0);
    printf("%lld\n", now() - start);
  }
  return 0;
}
`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface PerLinkCost {
  /** `link` through the link shim, `rustc` through the rustc wrapper. */
  readonly what: 'link' | 'rustc';
  readonly args: number;
  /** Median ms of a link through the shim minus the same link run directly; and the shim's own logged time. */
  readonly addedMs: number;
  readonly loggedMs: number;
  readonly directMs: number;
}

/** Per link, interleaved: the no-op linker directly, then through the shim, REPEATS times at each size. */
export async function measurePerLinkCost(repeats = 200): Promise<PerLinkCost[]> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'build-bench-shim-cost-'));
  try {
    const { binary } = await compileShims(path.join(folder, 'bin'), createProcessRunner(), process.env);
    const shim = installShim(binary, path.join(folder, LINK_SHIM_NAME));
    const wrapper = installShim(binary, path.join(folder, RUSTC_WRAPPER_NAME));
    writeFileSync(path.join(folder, 'timer.c'), TIMER_SOURCE);
    writeFileSync(path.join(folder, 'noop.c'), 'int main(void) { return 0; }\n');
    for (const [source, output] of [
      ['timer.c', 'timer'],
      ['noop.c', 'noop-linker'],
    ]) {
      spawnSync('cc', ['-O2', '-o', path.join(folder, output!), path.join(folder, source!)]);
    }
    const noop = path.join(folder, 'noop-linker');
    const log = path.join(folder, 'links.log');
    const env = {
      ...process.env,
      ...linkShimEnv({
        realLinker: noop,
        dropBundledLld: true,
        appendFlags: ['-fuse-ld=mold'],
        pathPrefix: null,
      }),
      [SHIM_ENV.linkLog]: log,
    };
    const crateLog = path.join(folder, 'crates.log');
    const timed = (args: string[], program: string): number[] =>
      spawnSync(path.join(folder, 'timer'), [...args, program], {
        env: { ...env, [SHIM_ENV.crateLog]: crateLog },
        encoding: 'utf8',
      })
        .stdout.trim()
        .split('\n')
        .map((ns) => Number(ns) / 1e6);
    const costs: PerLinkCost[] = [];
    for (const args of [250, 1000, 3000, 10_000]) {
      const direct: number[] = [];
      const shimmed: number[] = [];
      rmSync(log, { force: true });
      for (let round = 0; round < repeats / 10; round++) {
        direct.push(...timed(['10', String(args)], noop));
        shimmed.push(...timed(['10', String(args)], shim));
      }
      const logged = parseLinkLog(spawnSync('cat', [log], { encoding: 'utf8' }).stdout).map(
        (record) => record.overheadMs,
      );
      costs.push({
        what: 'link',
        args,
        addedMs: median(shimmed) - median(direct),
        loggedMs: median(logged),
        directMs: median(direct),
      });
    }
    // The wrapper runs `argv[1]` (rustc) with the rest: the timer's first argument stands in for rustc.
    const direct: number[] = [];
    const wrapped: number[] = [];
    for (let round = 0; round < repeats / 10; round++) {
      direct.push(...timed(['10', '60'], noop));
      wrapped.push(...timed(['10', '60', wrapper], noop));
    }
    costs.push({
      what: 'rustc',
      args: 60,
      addedMs: median(wrapped) - median(direct),
      loggedMs: 0,
      directMs: median(direct),
    });
    return costs;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface SideBySide {
  readonly pairs: number;
  readonly buildMs: number;
  /** With the shims ÷ without, as a relative change, and its 95 % interval. */
  readonly change: number;
  readonly low: number;
  readonly high: number;
  /** The shims' own time logged per build, as a share of the build. */
  readonly loggedShare: number;
}

/** A project other than the example: its directory (built in place, target directories of the study's own) and the file touched. */
export interface SideBySideProject {
  readonly directory: string;
  readonly touched: string;
}

/**
 * `pairs` rounds of the same build in two environments, interleaved (A B, B A, …) so drift hits both alike: each
 * round's log ratio of the second to the first, and the first's wall times.
 */
async function interleave(
  pairs: number,
  first: NodeJS.ProcessEnv,
  second: NodeJS.ProcessEnv,
  build: (env: NodeJS.ProcessEnv) => Promise<number>,
): Promise<{ ratios: number[]; walls: number[] }> {
  const ratios: number[] = [];
  const walls: number[] = [];
  for (let round = 0; round < pairs; round++) {
    const order = round % 2 === 0 ? [first, second] : [second, first];
    const times = new Map<NodeJS.ProcessEnv, number>();
    for (const env of order) times.set(env, await build(env));
    ratios.push(Math.log(times.get(second)! / times.get(first)!));
    walls.push(times.get(first)!);
  }
  return { ratios, walls };
}

/**
 * An incremental build (touch the app's root file, rebuild) of the example project or `other`, with the link shim
 * and the rustc wrapper against plain cargo, each in its own target directory, alternating which goes first,
 * `pairs` times.
 */
export async function measureSideBySide(pairs = 60, other?: SideBySideProject): Promise<SideBySide> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-shim-side-'));
  try {
    const project = other?.directory ?? path.join(parent, 'demo');
    if (other === undefined)
      cpSync(path.join(REPO_ROOT, 'examples', 'demo'), project, {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}target`),
      });
    const { binary } = await compileShims(path.join(parent, 'bin'), createProcessRunner(), process.env);
    const shim = installShim(binary, path.join(parent, 'shims', LINK_SHIM_NAME));
    const wrapper = installShim(binary, path.join(parent, 'shims', RUSTC_WRAPPER_NAME));
    const triple = /^host: (\S+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout)![1]!;
    const linkLog = path.join(parent, 'links.log');
    const crateLog = path.join(parent, 'crates.log');
    const plainEnv = { ...process.env, CARGO_INCREMENTAL: '1', CARGO_TARGET_DIR: path.join(parent, 'plain') };
    const shimEnv = {
      ...plainEnv,
      CARGO_TARGET_DIR: path.join(parent, 'shimmed'),
      [linkerEnvName(triple)]: shim,
      RUSTC_WRAPPER: wrapper,
      ...linkShimEnv({ realLinker: 'cc', dropBundledLld: false, appendFlags: [], pathPrefix: null }),
      [SHIM_ENV.linkLog]: linkLog,
      [SHIM_ENV.crateLog]: crateLog,
    };
    const runner = createProcessRunner();
    const touched = other?.touched ?? path.join(project, 'crates', 'app', 'src', 'main.rs');
    const build = async (env: NodeJS.ProcessEnv): Promise<number> => {
      const now = new Date();
      utimesSync(touched, now, now);
      const result = await runner.run('cargo', ['build', '-q'], { cwd: project, env });
      if (result.exitCode !== 0) throw new Error(`cargo build failed: ${result.outputTail}`);
      return result.wallMs;
    };
    for (const env of [plainEnv, shimEnv]) await build(env);
    rmSync(linkLog, { force: true });
    rmSync(crateLog, { force: true });
    const { ratios, walls } = await interleave(pairs, plainEnv, shimEnv, build);
    const logged = [
      ...parseLinkLog(spawnSync('cat', [linkLog], { encoding: 'utf8' }).stdout),
      ...parseCrateLog(spawnSync('cat', [crateLog], { encoding: 'utf8' }).stdout),
    ].reduce((sum, record) => sum + record.overheadMs, 0);
    const change = pairedChange(ratios, 0.95);
    return {
      pairs,
      buildMs: median(walls),
      change: Math.expm1(change.estimate),
      low: Math.expm1(change.interval!.low),
      high: Math.expm1(change.interval!.high),
      loggedShare: logged / pairs / median(walls),
    };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

export interface CaptureCost {
  readonly pairs: number;
  /** Median wall time of the build without capture. */
  readonly buildMs: number;
  /** Paired relative change of the build with capture against without, and its 95 % interval. */
  readonly change: number;
  readonly low: number;
  readonly high: number;
  /** Final links kept per capture build, and what a capture folder takes on the disk. */
  readonly links: number;
  readonly bytes: number;
}

/**
 * What keeping the links costs a build: the same touch-then-rebuild of `project`, in one target directory with the
 * link shim, with and without the capture folder set, interleaved (A B, B A, …) and compared pair by pair.
 */
export async function measureCaptureCost(pairs: number, project: SideBySideProject): Promise<CaptureCost> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-capture-cost-'));
  try {
    const { binary } = await compileShims(path.join(parent, 'bin'), createProcessRunner(), process.env);
    const shim = installShim(binary, path.join(parent, 'shims', LINK_SHIM_NAME));
    const triple = /^host: (\S+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout)![1]!;
    const captureDir = path.join(parent, 'links');
    const plainEnv = {
      ...process.env,
      CARGO_INCREMENTAL: '1',
      CARGO_TARGET_DIR: path.join(parent, 'target'),
      [linkerEnvName(triple)]: shim,
      ...linkShimEnv({ realLinker: 'cc', dropBundledLld: false, appendFlags: [], pathPrefix: null }),
    };
    const captureEnv = { ...plainEnv, [SHIM_ENV.linkCapture]: captureDir };
    const runner = createProcessRunner();
    const build = async (env: NodeJS.ProcessEnv): Promise<number> => {
      rmSync(captureDir, { recursive: true, force: true });
      const now = new Date();
      utimesSync(project.touched, now, now);
      const result = await runner.run('cargo', ['build', '-q'], { cwd: project.directory, env });
      if (result.exitCode !== 0) throw new Error(`cargo build failed: ${result.outputTail}`);
      return result.wallMs;
    };
    await build(plainEnv);
    const { ratios, walls } = await interleave(pairs, plainEnv, captureEnv, build);
    await build(captureEnv);
    const links = readdirSync(captureDir).length;
    const bytes = Number(spawnSync('du', ['-sb', captureDir], { encoding: 'utf8' }).stdout.split('\t')[0]);
    const change = pairedChange(ratios, 0.95);
    return {
      pairs,
      buildMs: median(walls),
      change: Math.expm1(change.estimate),
      low: Math.expm1(change.interval!.low),
      high: Math.expm1(change.interval!.high),
      links,
      bytes,
    };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}
