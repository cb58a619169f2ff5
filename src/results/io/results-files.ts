/** `mode: report`: finds the results files, reads and checks each, and merges them into one document. */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, type ReportConfig } from '../../config/config.js';
import { findFiles } from '../../system/find-files.js';
import { describeError } from '../../system/errors.js';
import { ResultsFormatError, validateResults } from '../read-results.js';
import { writeResultsFile } from './results-file.js';
import { mergeResults, ResultsMergeError, type ResultsDocument } from '../merge-results.js';
import type { Results } from '../results.js';
import type { BaseRun } from '../../gate/compare-base.js';
import type { Logger } from '../../system/ports.js';

export interface ReadResults {
  readonly results: Results;
  /** The files read, absolute, sorted. */
  readonly files: readonly string[];
}

async function readDocument(
  file: string,
  source: string,
  input: string,
  inputName = 'results',
): Promise<ResultsDocument> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(inputName, input, `${source} is not readable JSON (${describeError(error)})`);
  }
  try {
    return { source, results: validateResults(json, source) };
  } catch (error) {
    if (!(error instanceof ResultsFormatError)) throw error;
    const fix = error.future ? '; update build-bench in this workflow' : '';
    throw new ConfigError(inputName, input, `${error.message}${fix}`);
  }
}

/** `compare-to` naming an earlier run's results file: read and checked before any build; errors name the input. */
export async function readEarlierResults(file: string, given: string, id: string): Promise<Results> {
  const { results } = await readDocument(file, file, given, 'compare-to');
  if (results.id !== id) {
    throw new ConfigError('compare-to', given, `${file} holds results for id '${results.id}', not '${id}'`);
  }
  return results;
}

/** Every error names input `results` (or `id`) and the file at fault. */
export async function readResultsFiles(config: ReportConfig, baseDirectory: string): Promise<ReadResults> {
  const input = config.resultsPatterns.join(', ');
  const files = findFiles(baseDirectory, config.resultsPatterns, 'results', { searchBuildOutput: true });
  const documents = await Promise.all(
    files.map((file) => readDocument(file, path.relative(baseDirectory, file) || file, input)),
  );
  let results: Results;
  try {
    results = mergeResults(documents);
  } catch (error) {
    if (error instanceof ResultsMergeError) throw new ConfigError('results', input, error.message);
    throw error;
  }
  if (results.id !== config.id) {
    throw new ConfigError('id', config.id, `the results files are for id '${results.id}'; give the same id`);
  }
  return { results, files };
}

/** What a run measured or read, for the outputs: the results, where they are written, and the mold used. */
export interface Measured {
  readonly results: Results;
  readonly resultsPath: string;
  readonly mold: { readonly version: string; readonly binary: string } | null;
  /** With `compare-to: base`: the base built in the same run, or why there was none. */
  readonly base?: BaseRun | { readonly absence: string } | null;
}

/**
 * `mode: report`: the merged results, written to `results-path` (or the runner's temp folder). The mold version
 * for the outputs comes from a file a fork may have written, so only a plain version number passes.
 */
export async function readReportResults(
  config: ReportConfig,
  deps: { readonly baseDirectory: string; readonly env: NodeJS.ProcessEnv; readonly logger: Logger },
): Promise<Measured> {
  const { results, files } = await readResultsFiles(config, deps.baseDirectory);
  deps.logger.info(`Read ${files.length} results file(s): ${files.join(', ')}`);
  const resultsPath =
    config.resultsPath ??
    path.join(deps.env.RUNNER_TEMP ?? os.tmpdir(), 'build-bench', config.id, 'results.json');
  await writeResultsFile(resultsPath, results);
  const moldVersion = /\b(\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)\b/.exec(
    results.environment.linkerVersions.mold ?? '',
  )?.[1];
  return {
    results,
    resultsPath,
    mold: moldVersion === undefined ? null : { version: moldVersion, binary: '' },
  };
}
