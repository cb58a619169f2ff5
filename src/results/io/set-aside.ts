/** An earlier run's results file at this run's results path is moved aside first: an interrupted run leaves none. */
import { existsSync, renameSync } from 'node:fs';
import type { Logger } from '../../system/ports.js';

/** `results.json` → `results.previous.json` (replacing an older one); nothing when there is no file. */
export function setAsideEarlierResults(resultsPath: string, logger: Logger): void {
  if (!existsSync(resultsPath)) return;
  const previous = resultsPath.replace(/(\.json)?$/, '.previous.json');
  renameSync(resultsPath, previous);
  logger.info(`Moved the results of an earlier run to ${previous}, so they are not taken for this run's.`);
}
