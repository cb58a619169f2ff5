/** `mode: report`: finds the results files, reads and checks each, and merges them into one document. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type ReportConfig } from '../config/config.js';
import { findFiles } from '../bench/find-files.js';
import { describeError } from '../system/errors.js';
import { ResultsFormatError, validateResults } from './read-results.js';
import { mergeResults, ResultsMergeError, type ResultsDocument } from './merge-results.js';
import type { Results } from './results.js';

export interface ReadResults {
  readonly results: Results;
  /** The files read, absolute, sorted. */
  readonly files: readonly string[];
}

async function readDocument(file: string, source: string, input: string): Promise<ResultsDocument> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('results', input, `${source} is not readable JSON (${describeError(error)})`);
  }
  try {
    return { source, results: validateResults(json, source) };
  } catch (error) {
    if (!(error instanceof ResultsFormatError)) throw error;
    const fix = error.future ? '; update build-bench in this workflow' : '';
    throw new ConfigError('results', input, `${error.message}${fix}`);
  }
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
