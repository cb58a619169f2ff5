/** One progress line per build: what, which round of how many, how long it took and how long its link took. */
import { formatDurationMs } from '../format/format-numbers.js';
import type { CommandResult } from '../system/ports.js';
import type { PlannedBuild } from '../rounds/plan.js';
import type { RoundBounds } from '../stats/sequential.js';

/** `incremental · default · base · round 3`, the build's name in every line about it. */
export function describeBuild(build: PlannedBuild, bounds: RoundBounds | null): string {
  const range =
    bounds === null ? '' : bounds.min === bounds.max ? ` of ${bounds.min}` : ` (${bounds.min}–${bounds.max})`;
  const what =
    build.phase === 'sample'
      ? `round ${build.round + 1}${range}`
      : build.phase === 'warmup'
        ? `warm-up ${build.round + 1}`
        : 'prepare';
  const side = build.side === 'base' ? ' · base' : '';
  return `${build.scenario} · ${build.variant}${side} · ${what}`;
}

export function describeProgress(
  build: PlannedBuild,
  bounds: RoundBounds | null,
  result: CommandResult,
  linkMs: number | null,
): string {
  const outcome =
    result.exitCode === 0
      ? formatDurationMs(result.wallMs)
      : `FAILED (exit ${result.exitCode ?? result.signal})`;
  const link = linkMs === null ? '' : ` (link ${formatDurationMs(linkMs)})`;
  return `${describeBuild(build, bounds)}: ${outcome}${link}`;
}
