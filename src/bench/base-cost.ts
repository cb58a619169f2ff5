/** What building the pull request's base adds to a run: the copy its target directory starts from, and its builds. */
import { formatDurationMs } from '../format/format-numbers.js';
import type { BaseCost, TargetSeed } from '../results/results.js';
import type { Logger, ProcessRunner } from '../system/ports.js';
import { freshenSources, seedTargetDirectory } from './seed-target.js';

export class BaseCostMeter {
  private started: TargetSeed | null = null;
  private firstBuildMs: number | null = null;
  private totalMs = 0;
  private builds = 0;

  constructor(
    private readonly deps: {
      readonly runner: ProcessRunner;
      readonly logger: Logger;
      readonly nowMs: () => number;
    },
  ) {}

  /**
   * Starts the base's target directory from a copy of the head's (once), so that its first build rebuilds the
   * workspace's crates and not their dependencies (its sources, in `baseDirectory`'s checkout, made newer than the
   * copy); says how, or why it builds from scratch. True when the base's sources got new times.
   */
  async seed(headTargetDir: string, baseTargetDir: string, baseDirectory: string): Promise<boolean> {
    if (this.started !== null) return false;
    const seed = await seedTargetDirectory(headTargetDir, baseTargetDir, this.deps.runner, () =>
      this.deps.nowMs(),
    );
    if (seed.how !== 'none') freshenSources(baseDirectory);
    this.started = seed;
    this.totalMs += seed.durationMs;
    const how = seed.how === 'reflink' ? 'a block-sharing copy (reflink)' : 'a copy';
    const size = `${Math.round(seed.bytes / 2 ** 20)} MiB, ${formatDurationMs(seed.durationMs)}`;
    this.deps.logger.info(
      seed.how === 'none'
        ? `The base builds from scratch: ${seed.note ?? 'no copy'}.`
        : `The base starts from ${how} of the head's target directory (${size}).`,
    );
    return seed.how !== 'none';
  }

  countBuild(wallMs: number): void {
    this.firstBuildMs ??= wallMs;
    this.totalMs += wallMs;
    this.builds += 1;
  }

  get cost(): BaseCost {
    return {
      seed: this.started,
      firstBuildMs: this.firstBuildMs,
      totalMs: this.totalMs,
      builds: this.builds,
    };
  }
}
