/** Touches source files for the incremental scenario and restores their exact timestamps afterwards. */
import { statSync, utimesSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

interface SavedTimes {
  readonly path: string;
  readonly atimeNs: bigint;
  readonly mtimeNs: bigint;
}

function formatEpochNs(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `@${seconds}.${fraction}`;
}

/** Sets one timestamp to the nanosecond with GNU touch; falls back to utimes (sub-µs rounding) elsewhere. */
function setTimes(saved: SavedTimes): void {
  const atime = spawnSync('touch', ['-c', '-a', '-d', formatEpochNs(saved.atimeNs), saved.path]);
  const mtime = spawnSync('touch', ['-c', '-m', '-d', formatEpochNs(saved.mtimeNs), saved.path]);
  const exact = statSync(saved.path, { bigint: true });
  if (atime.status === 0 && mtime.status === 0 && exact.mtimeNs === saved.mtimeNs) return;
  utimesSync(saved.path, Number(saved.atimeNs) / 1e9, Number(saved.mtimeNs) / 1e9);
}

/** Remembers the original timestamps of `paths` at creation; `touch()` marks them changed, `restore()` undoes it. */
export class TouchedFiles {
  private readonly saved: SavedTimes[];
  private touched = false;

  constructor(readonly paths: readonly string[]) {
    this.saved = paths.map((path) => {
      const stat = statSync(path, { bigint: true });
      return { path, atimeNs: stat.atimeNs, mtimeNs: stat.mtimeNs };
    });
  }

  /** Sets the modification time of every file to now, as an editor's save would. */
  touch(): void {
    const now = new Date();
    this.touched = true;
    for (const { path } of this.saved) utimesSync(path, now, now);
  }

  /** Puts every original timestamp back; safe to call more than once. */
  restore(): void {
    if (!this.touched) return;
    for (const saved of this.saved) setTimes(saved);
    this.touched = false;
  }
}
