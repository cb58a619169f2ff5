/** The baseline: the newest results of the default branch and a bounded history of earlier ones. */
import { ResultsFormatError, validateResults } from '../results/read-results.js';
import type { Results } from '../results/results.js';

export const BASELINE_SCHEMA_VERSION = 1;
export const BASELINE_FILE_NAME = 'baseline.json';

export interface Baseline {
  readonly schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  readonly id: string;
  /** Complete results, newest first; the first one is what a run is compared with. */
  readonly history: readonly Results[];
}

/** The baseline in `text`, checked; throws ResultsFormatError (`future` for a newer schema). */
export function parseBaseline(text: string, id: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ResultsFormatError(`the baseline is not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null)
    throw new ResultsFormatError('the baseline is not an object');
  const { schemaVersion, history } = json as Record<string, unknown>;
  if (typeof schemaVersion !== 'number') throw new ResultsFormatError('the baseline has no schemaVersion');
  if (schemaVersion > BASELINE_SCHEMA_VERSION) {
    throw new ResultsFormatError(
      `the baseline has schema version ${schemaVersion}, newer than the ${BASELINE_SCHEMA_VERSION} this build-bench reads`,
      true,
    );
  }
  if (schemaVersion !== BASELINE_SCHEMA_VERSION) {
    throw new ResultsFormatError(`the baseline has schema version ${schemaVersion}`);
  }
  if (!Array.isArray(history) || history.length === 0) {
    throw new ResultsFormatError('the baseline has no results in its history');
  }
  const checked = history.map((entry, index) => validateResults(entry, `baseline history[${index}]`));
  const foreign = checked.find((entry) => entry.id !== id);
  if (foreign) throw new ResultsFormatError(`the baseline holds results of id '${foreign.id}', not '${id}'`);
  return { schemaVersion: BASELINE_SCHEMA_VERSION, id, history: checked };
}

/** The next baseline: `results` first, then the previous history, at most `historySize` in all. */
export function extendBaseline(previous: Baseline | null, results: Results, historySize: number): Baseline {
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    id: results.id,
    history: [results, ...(previous?.history ?? [])].slice(0, historySize),
  };
}
