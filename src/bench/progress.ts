/** One progress line per build: what, which round, how long, and the estimated time left. */
import { formatDurationMs } from '../report/format-numbers.js';
import type { CommandResult } from '../system/ports.js';
import type { PlannedBuild } from './plan.js';

export function describeProgress(
  build: PlannedBuild,
  index: number,
  total: number,
  result: CommandResult,
  linkMs: number | null,
  remainingMs: number | null,
): string {
  const what =
    build.phase === 'sample'
      ? `round ${build.round + 1}`
      : build.phase === 'warmup'
        ? `warm-up ${build.round + 1}`
        : 'prepare';
  const outcome =
    result.exitCode === 0
      ? formatDurationMs(result.wallMs)
      : `FAILED (exit ${result.exitCode ?? result.signal})`;
  const link = linkMs === null ? '' : ` (link ${formatDurationMs(linkMs)})`;
  const left =
    remainingMs === null || index + 1 === total ? '' : ` · about ${formatDurationMs(remainingMs)} left`;
  const side = build.side === 'base' ? ' · base' : '';
  return `[${index + 1}/${total}] ${build.scenario} · ${build.variant}${side} · ${what}: ${outcome}${link}${left}`;
}
