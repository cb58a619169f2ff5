/** Putting the user's touched and edited files back at the end (also on failure and on SIGINT/SIGTERM). */
import type { Logger } from '../system/ports.js';
import type { SideSources } from './run-build.js';

/** How many files a log line names before it says "and N more". */
const NAMED_FILES = 3;

/** `a.rs, b.rs, c.rs and 9,997 more`. */
export function nameSomeFiles(files: readonly string[]): string {
  const named = files.slice(0, NAMED_FILES).join(', ');
  const rest = files.length - NAMED_FILES;
  return rest > 0 ? `${named} and ${rest.toLocaleString('en-US')} more` : named;
}

export function describeTouchedFiles(files: readonly string[]): string {
  return `The incremental and edit scenarios change ${files.length === 1 ? '1 file' : `${files.length.toLocaleString('en-US')} files`}: ${nameSomeFiles(files)}`;
}

/**
 * Restores every side's files that are still as the benchmark left them; warns, naming them, about files the user
 * changed meanwhile (they keep the user's content and time). Old times come back only when every build since the
 * last edit saw the user's content (see SourceEdit.settled).
 */
export function restoreSources(sides: readonly SideSources[], logger: Logger): void {
  for (const sources of sides) {
    const report = sources.files.restore(sources.edit?.settled ?? true);
    if (report.changedByUser.length > 0) {
      logger.warning(
        `Left as you changed them during the run: ${nameSomeFiles(report.changedByUser)}. ` +
          'Their content and new modification time are yours, so the next build compiles them.',
      );
    }
    if (report.newerTime.length > 0) {
      logger.info(
        `Restored the content of ${nameSomeFiles(report.newerTime)} with a new modification time: ` +
          'the run stopped before rebuilding it, so the next build compiles it again.',
      );
    }
  }
}
