/**
 * Putting the user's touched and edited files back at the end (also on failure and on SIGINT/SIGTERM), and at the
 * start what a killed run left changed (its journal).
 */
import path from 'node:path';
import { openJournal, type Journal } from '../edits/journal.js';
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

/** `1 file`, `12,000 files` (the report's countOf is a layer above). */
function countFiles(count: number): string {
  return count === 1 ? '1 file' : `${count.toLocaleString('en-US')} files`;
}

export function describeTouchedFiles(files: readonly string[]): string {
  return `The incremental and edit scenarios change ${countFiles(files.length)}: ${nameSomeFiles(files)}`;
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

/**
 * The project's journal (`<build-bench folder>/journal`), opened before any file is changed: files a killed run
 * left changed are put back first, and the log says so.
 */
export function openProjectJournal(benchDir: string, logger: Logger): Journal {
  const { journal, recovery } = openJournal(path.join(benchDir, 'journal'));
  if (recovery.restored.length > 0) {
    logger.warning(
      `An earlier run was stopped before it could put back ${countFiles(recovery.restored.length)}; ` +
        `restored them byte for byte from its journal: ${nameSomeFiles(recovery.restored)}. ` +
        'They have a new modification time, so the next build compiles them.',
    );
  }
  if (recovery.changedByUser.length > 0) {
    logger.warning(
      `An earlier run was stopped while it had changed ${nameSomeFiles(recovery.changedByUser)}, ` +
        'and they have been changed since: left as they are now.',
    );
  }
  return journal;
}
