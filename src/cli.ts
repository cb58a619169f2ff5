/** The local CLI over the same pipeline: progress on stderr; the table, comparison and analysis on stdout, once. */
import { describeError } from './system/errors.js';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as toolCache from '@actions/tool-cache';
import { CLI_DEFAULTS, parseCliArgs, usage, UsageError } from './cli-args.js';
import { ConfigError } from './config/config.js';
import { ensureToolCacheEnv } from './install/io/install-mold.js';
import { createRunnerBaselineStore } from './baseline/io/baseline-store.js';
import { run } from './main.js';
import { GateFailedError, StepFailedError, type RunOutcome } from './pipeline/deps.js';
import { speakCli } from './config/cli-words.js';
import type { Logger } from './system/ports.js';
import { renderTextComparison, renderTextTable } from './report/render-text.js';
import { renderTextAnalysis } from './report/render-text-analysis.js';
import { installSignalHandlers } from './system/cleanup.js';
import { systemClock } from './system/clock.js';
import { createTerminalLogger } from './system/terminal-logger.js';
import { createProcessRunner } from './system/process-runner.js';
import { createRunnerGitHubApi } from './github/create-api.js';

/** The example project shipped in the repository, found upwards from this file (src/, build/src/ or dist/). */
function findExampleProject(): string | null {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = path.join(directory, 'examples', 'demo');
    if (existsSync(path.join(candidate, 'Cargo.toml'))) return candidate;
    directory = path.dirname(directory);
  }
  return null;
}

/** The terminal logger, saying flags where the engine says inputs. */
function createCliLogger(): Logger {
  const terminal = createTerminalLogger(process.stderr);
  return {
    info: (message) => terminal.info(speakCli(message)),
    warning: (message) => terminal.warning(speakCli(message)),
    notice: (message) => terminal.notice(speakCli(message)),
    progress: (message) => terminal.progress(speakCli(message)),
    group: (title, body) => terminal.group(speakCli(title), body),
  };
}

/**
 * The exit status a script can act on: 0 the gate passed (or nothing was gated), 1 a regression (or an
 * inconclusive result with `--fail-on inconclusive`), 2 a usage or configuration error, 3 a build or measurement
 * that failed.
 */
export const EXIT_STATUS = { pass: 0, regression: 1, usage: 2, failed: 3 } as const;

/** What the terminal shows at the end: the table, what was compared (if anything), why builds are slow. */
function renderSummary(outcome: RunOutcome): string {
  const parts = [renderTextTable(outcome.results)];
  const comparison = outcome.comparison;
  if (comparison !== null && comparison.baseline !== null) parts.push(renderTextComparison(comparison, null));
  else if (
    outcome.absence &&
    !outcome.absence.startsWith("Not compared with anything: input 'compare-to' is none")
  )
    parts.push(outcome.absence);
  const analysis = renderTextAnalysis(outcome.results);
  if (analysis !== '') parts.push(analysis);
  return parts.join('\n\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const inputs: Record<string, string> = {
    'mold-version': CLI_DEFAULTS['mold-version']!,
    'compare-to': CLI_DEFAULTS['compare-to']!,
    'time-budget': CLI_DEFAULTS['time-budget']!,
    ...args.inputs,
  };
  if (inputs['working-directory'] === undefined) {
    const example = findExampleProject();
    if (example === null)
      throw new UsageError('No project directory given and the example project was not found.');
    inputs['working-directory'] = example;
  }
  ensureToolCacheEnv(process.env, path.join(os.homedir(), '.cache', 'build-bench'));
  const logger = createCliLogger();
  installSignalHandlers((message) => logger.warning(message));
  let outcome: RunOutcome;
  let status: number = EXIT_STATUS.pass;
  try {
    outcome = await run({
      inputs,
      logger,
      runner: createProcessRunner(),
      clock: systemClock,
      env: process.env,
      platform: process.platform,
      arch: os.arch(),
      baseDirectory: process.cwd(),
      toolCache,
      baselineStore: createRunnerBaselineStore(process.env),
      createGitHubApi: createRunnerGitHubApi(process.env, logger),
      addPath: (directory) => {
        process.env.PATH = `${directory}${path.delimiter}${process.env.PATH ?? ''}`;
      },
      setOutput: () => undefined,
      writeSummary: () => Promise.resolve(),
      surface: 'cli',
    });
  } catch (error) {
    if (!(error instanceof StepFailedError)) throw error;
    outcome = error.outcome;
    status = error instanceof GateFailedError ? EXIT_STATUS.regression : EXIT_STATUS.failed;
    logger.warning(error.message);
  }
  const markdownPath = args.markdownPath ?? path.join(path.dirname(outcome.resultsPath), 'report.md');
  await mkdir(path.dirname(markdownPath), { recursive: true });
  await writeFile(markdownPath, speakCli(outcome.markdown));
  process.stdout.write(`\n${speakCli(renderSummary(outcome))}\n\n`);
  process.stdout.write(`Results: ${outcome.resultsPath}\nMarkdown: ${markdownPath}\n`);
  return status;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof UsageError || error instanceof ConfigError;
  process.stderr.write(`build-bench: ${speakCli(describeError(error))}\n`);
  if (error instanceof UsageError) process.stderr.write('Run with --help for the flags.\n');
  process.exitCode = known ? EXIT_STATUS.usage : EXIT_STATUS.failed;
}
