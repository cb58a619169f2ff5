/** Asks cargo which crates the build compiles for the target: `cargo metadata --filter-platform <triple>`. */
import { readFeatureFlags } from '../command-flags.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeError } from '../../system/errors.js';
import type { CommandResult, ProcessRunner } from '../../system/ports.js';
import type { DependencyReport } from '../../analysis/analysis.js';
import { readDependencyReport } from '../dependency-graph.js';

export interface DependenciesRequest {
  readonly workingDirectory: string;
  readonly triple: string;
  /** The build command: its feature flags decide which optional dependencies are in the graph. */
  readonly command?: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface DependenciesOutcome {
  /** Null when cargo could not tell; the reason is in `problems`. */
  readonly report: DependencyReport | null;
  readonly problems: string[];
}

const OUTPUT_TAIL_LINES = 15;
const METADATA_TIMEOUT_MS = 5 * 60_000;

/** Never throws: a failure of cargo, or output that is not metadata, is a problem sentence. */
export async function readDependencies(
  request: DependenciesRequest,
  runner: ProcessRunner,
): Promise<DependenciesOutcome> {
  const args = [
    'metadata',
    '--format-version',
    '1',
    '--offline',
    '--filter-platform',
    request.triple,
    ...readFeatureFlags(request.command ?? ''),
  ];
  const shown = `\`cargo ${args.join(' ')}\``;
  // Metadata of a large graph runs to megabytes, more than the runner keeps of stdout: it goes to a file.
  const directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-metadata-'));
  const outputFile = path.join(directory, 'metadata.json');
  try {
    let result: CommandResult;
    try {
      result = await runner.run(
        '/bin/sh',
        ['-c', 'out=$1; shift; exec cargo "$@" > "$out"', 'sh', outputFile, ...args],
        {
          cwd: request.workingDirectory,
          env: request.env,
          timeoutMs: METADATA_TIMEOUT_MS,
          tailLines: OUTPUT_TAIL_LINES,
        },
      );
    } catch (error) {
      return failed(
        `The crates of the build were not listed: cargo could not be started (${describeError(error)}).`,
      );
    }
    if (result.exitCode !== 0) {
      const status = result.timedOut
        ? `did not finish within ${METADATA_TIMEOUT_MS / 1000} s`
        : result.exitCode === null
          ? `was stopped by signal ${result.signal}`
          : `failed with exit code ${result.exitCode}`;
      return failed(`The crates of the build were not listed: ${shown} ${status}:\n${result.outputTail}`);
    }
    try {
      return { report: readDependencyReport(readFileSync(outputFile, 'utf8')), problems: [] };
    } catch (error) {
      return failed(
        `The crates of the build were not listed: ${shown} printed no usable metadata (${describeError(error)}).`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function failed(problem: string): DependenciesOutcome {
  return { report: null, problems: [problem] };
}
