/** The configuration of one step: a measuring run (`run`, `measure`) or a report over results files (`report`). */
import { ConfigError, type ReportConfig, type StepConfig } from './config.js';
import { parseConfig, parseResultsPath } from './parse-config.js';
import { type ConfigFacts } from './config-facts.js';
import { parseId, parseMode, parsePublishInputs, read, splitList, type RawInputs } from './parse-inputs.js';

export function parseStepConfig(raw: RawInputs, facts: ConfigFacts): StepConfig {
  return parseMode(raw) === 'report' ? parseReportConfig(raw, facts) : parseConfig(raw, facts);
}

/** `mode: report` reads no project: only the results files, the gate, the baseline and the comment. */
export function parseReportConfig(raw: RawInputs, facts: ConfigFacts): ReportConfig {
  const patterns = splitList(read(raw, 'results'));
  if (patterns.length === 0) {
    throw new ConfigError(
      'results',
      '',
      "mode 'report' needs the paths or globs of the results files to read",
    );
  }
  return {
    mode: 'report',
    id: parseId(raw),
    resultsPatterns: patterns,
    resultsPath: parseResultsPath(raw, facts),
    historyFile: parseResultsPath(raw, facts, 'history-file'),
    ...parsePublishInputs(raw),
  };
}
