/**
 * build-bench on a large real workspace: ~300 crates from Debian's packaged crates (scripts/scale-workspace.ts),
 * measured with the Action's engine. Prints the crates, the link arguments, clean and incremental times per linker,
 * the shims' share of the build (from their cost per call, and measured side by side against plain cargo), the
 * slowest crates, build-bench's own peak memory and the disk each variant takes.
 * Run with `npm run bench:scale [-- --linkers default,mold,lld --runs 5 --time-budget 20m]`; it skips, naming the
 * packages to install, when Debian's crates are not there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { linkerEnvName } from '../src/cargo/io/configured-linker.js';
import { rankCrateTimes } from '../src/gate/compare-crates.js';
import { LINK_SHIM_NAME } from '../src/shims/shim-env.js';
import { run } from '../src/main.js';
import type { Scenario } from '../src/config/config.js';
import type { Results } from '../src/results/results.js';
import { formatBytesKb, formatDurationMs } from '../src/format/format-numbers.js';
import { median } from '../src/stats/robust.js';
import { createTestDeps } from '../test/support/test-deps.js';
import { checkScalePackages, createScaleWorkspace } from './scale-workspace.js';
import { measureCaptureCost, measurePerLinkCost, measureSideBySide } from './shim-overhead.js';

const { values: flags } = parseArgs({
  options: {
    linkers: { type: 'string', default: 'default,mold,lld' },
    runs: { type: 'string', default: '5' },
    'clean-runs': { type: 'string', default: '1' },
    'time-budget': { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
    scenarios: { type: 'string', default: 'clean, incremental' },
    /** Pairs of the app's rebuild with and without keeping its links (the link scenario's capture). */
    'capture-pairs': { type: 'string', default: '10' },
    /** Pairs of the side-by-side build with and without the shims (two more full builds first). */
    'side-by-side-pairs': { type: 'string', default: '30' },
  },
});

const check = checkScalePackages();
if (!check.ok) {
  console.log(
    `bench:scale skipped: Debian's packaged crates are missing (${check.missing.length} packages). Install them with:\n  ${check.installCommand}`,
  );
  process.exit(0);
}

/**
 * The arguments of the app's final link, from rustc itself, in the default variant's target directory with its link
 * shim (the same linker path, so only the app recompiles).
 */
function countLinkArguments(directory: string): number {
  const targetDir = path.join(directory, 'target', 'build-bench', 'default');
  const triple = /^host: (\S+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout)![1]!;
  const shim = path.join(directory, 'target', 'build-bench', 'shims', 'default', LINK_SHIM_NAME);
  const printed = spawnSync(
    'cargo',
    ['rustc', '-q', '-p', 'app', '--bin', 'app', '--', '--print', 'link-args'],
    {
      cwd: directory,
      encoding: 'utf8',
      env: {
        ...process.env,
        CARGO_TARGET_DIR: targetDir,
        [linkerEnvName(triple)]: shim,
        CARGO_INCREMENTAL: '1',
      },
    },
  ).stdout;
  const line = printed.split('\n').find((text) => /(^|\s)"?cc"?\s/.test(text) || text.includes('"-o"')) ?? '';
  return (line.match(/"(?:[^"\\]|\\.)*"/g) ?? []).length;
}

/** `+1.2 %`, `−3.4 %`: one decimal, as the ±3 % target needs. */
function percentOf(change: number): string {
  return `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)} %`;
}

function medianOf(
  results: Results,
  scenario: Scenario,
  variant: string,
  field: 'wallMs' | 'overheadMs' | 'linkMs',
): number | null {
  const values = results.samples
    .filter((sample) => sample.scenario === scenario && sample.variant === variant && sample.exitCode === 0)
    .map((sample) => sample[field])
    .filter((value): value is number => value !== null);
  return values.length === 0 ? null : median(values);
}

const parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-scale-'));
try {
  const workspace = createScaleWorkspace(parent);
  const deps = createTestDeps({
    'working-directory': workspace.directory,
    scenarios: flags.scenarios,
    linkers: flags.linkers,
    runs: flags.runs,
    'clean-runs': flags['clean-runs'],
    'time-budget': flags['time-budget'],
    touch: path.relative(workspace.directory, workspace.appSource),
    'compare-to': 'none',
  });
  const started = performance.now();
  const { results } = await run(deps);
  const tookMs = performance.now() - started;
  const crates = results.analysis?.dependencies?.crates.length ?? 0;
  console.log(
    `bench:scale on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${results.environment.rustc}`,
  );
  console.log(
    `Workspace: ${workspace.crates.length} members, ${crates} crates in the build graph; the app's final link has ${countLinkArguments(workspace.directory)} arguments.`,
  );
  console.log(
    `Whole benchmark: ${formatDurationMs(tookMs)}; build-bench's own peak memory ${formatBytesKb(process.resourceUsage().maxRSS)}.`,
  );
  const costs = await measurePerLinkCost(100);
  const linkCost = costs.find((cost) => cost.what === 'link' && cost.args === 250)!.addedMs;
  const rustcCost = costs.find((cost) => cost.what === 'rustc')!.addedMs;
  console.log(
    `The shims cost ${linkCost.toFixed(2)} ms per link and ${rustcCost.toFixed(2)} ms per rustc run here (npm run bench measures them).`,
  );
  console.log('');
  console.log(
    "| scenario | variant | median | link | rustc runs, links | the shims' share | rounds | linker |",
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const scenario of results.plan.scenarios) {
    for (const variant of results.plan.variants) {
      const wall = medianOf(results, scenario, variant, 'wallMs');
      if (wall === null) continue;
      const link = medianOf(results, scenario, variant, 'linkMs');
      const samples = results.samples.filter(
        (sample) => sample.scenario === scenario && sample.variant === variant,
      );
      const rustcRuns = median(samples.map((sample) => Object.keys(sample.crateMs ?? {}).length));
      const links = median(samples.map((sample) => sample.linkCount ?? 0));
      const share = ((rustcRuns * rustcCost + links * linkCost) / wall) * 100;
      const linker = results.linkers.find((check) => check.variant === variant)?.linker ?? '—';
      console.log(
        `| ${scenario} | ${variant} | ${formatDurationMs(wall)} | ${link === null ? '—' : formatDurationMs(link)} | ` +
          `${rustcRuns}, ${links} | ${share.toFixed(2)} % | ${samples.length} | ${linker} |`,
      );
    }
  }
  for (const scenario of results.plan.scenarios) {
    const top = rankCrateTimes(results, scenario, 'default').slice(0, 5);
    console.log('');
    console.log(
      `Slowest crates, ${scenario} (default): ${top.map((item) => `${item.crate} ${formatDurationMs(item.medianMs)}`).join(', ')}`,
    );
  }
  const linkSpeedups = results.speedups.filter((speedup) => speedup.scenario === 'link');
  if (results.plan.scenarios.includes('link')) {
    const linkSamples = results.samples.filter((sample) => sample.scenario === 'link');
    const roundsMs = linkSamples.reduce((sum, sample) => sum + sample.wallMs, 0);
    const record = results.rounds.find((item) => item.scenario === 'link');
    console.log('');
    console.log(
      `Scenario link: ${record?.rounds ?? 0} rounds (${record?.stoppedBy ?? '—'}) in ${formatDurationMs(roundsMs)} of replays; each variant's replayed outputs verified.`,
    );
    console.log('| variant | median | against default | 95 % CI | claim |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    console.log(`| default | ${formatDurationMs(medianOf(results, 'link', 'default', 'wallMs'))} | | | |`);
    for (const speedup of linkSpeedups) {
      // The change of the variant's time against default's: 1 / speedup − 1.
      const change = speedup.pairedSpeedup === null ? null : 1 / speedup.pairedSpeedup - 1;
      const interval =
        speedup.pairedInterval === null
          ? null
          : { low: 1 / speedup.pairedInterval.high - 1, high: 1 / speedup.pairedInterval.low - 1 };
      console.log(
        `| ${speedup.variant} | ${formatDurationMs(medianOf(results, 'link', speedup.variant, 'wallMs'))} | ${change === null ? '—' : percentOf(change)} | ${interval === null ? '—' : `${percentOf(interval.low)} … ${percentOf(interval.high)}`} | ${speedup.claim ?? '—'} |`,
      );
    }
    const capture = await measureCaptureCost(Number(flags['capture-pairs']), {
      directory: workspace.directory,
      touched: workspace.appSource,
    });
    console.log('');
    console.log(
      `Keeping the links of the app's rebuild (${formatDurationMs(capture.buildMs)}, ${capture.links} links, ${formatBytesKb(capture.bytes / 1024)} kept): ` +
        `${capture.change >= 0 ? '+' : ''}${(capture.change * 100).toFixed(2)} % (95 % CI ${(capture.low * 100).toFixed(2)} % … ${(capture.high * 100).toFixed(2)} %), ${capture.pairs} interleaved pairs  target ≤ 2 %`,
    );
  }
  // `--side-by-side-pairs 0` leaves it out (it costs two more full builds).
  if (Number(flags['side-by-side-pairs']) > 0) {
    const side = await measureSideBySide(Number(flags['side-by-side-pairs']), {
      directory: workspace.directory,
      touched: workspace.appSource,
    });
    console.log('');
    console.log(
      `Incremental build of the app (${formatDurationMs(side.buildMs)}), with the shims against plain cargo, ` +
        `${side.pairs} interleaved pairs in target directories of their own: ${side.change >= 0 ? '+' : ''}${(side.change * 100).toFixed(2)} % ` +
        `(95 % CI ${(side.low * 100).toFixed(2)} % … ${(side.high * 100).toFixed(2)} %); the shims' own logged time ` +
        `${(side.loggedShare * 100).toFixed(2)} % of the build  target ≤ 1 %`,
    );
    console.log('');
  }
  const disk = Object.entries(results.targetBytes).map(
    ([variant, bytes]) => `${variant} ${formatBytesKb((bytes ?? 0) / 1024)}`,
  );
  console.log(`Disk per variant (target directory at the end): ${disk.join(', ')}.`);
  if (flags.keep) console.log(`Kept: ${workspace.directory}`);
} finally {
  if (!flags.keep) rmSync(parent, { recursive: true, force: true });
}
