/** What the pipeline is handed (every external system, as ports) and what it gives back, or throws. */
import type { BaselineStore } from '../baseline/io/baseline-store.js';
import type { RawInputs } from '../config/parse-inputs.js';
import type { Comparison } from '../gate/comparison.js';
import type { PullRequestApi } from '../github/io/github-api.js';
import type { ToolCacheLike } from '../install/io/install-mold.js';
import type { Results } from '../results/results.js';
import type { Clock, Logger, ProcessRunner } from '../system/ports.js';

/** Every external system the pipeline talks to; the entry points pass real ones, tests pass local ones. */
export interface Deps {
  readonly inputs: RawInputs;
  readonly logger: Logger;
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** Relative `working-directory`, `results-path` and `results` are resolved against it. */
  readonly baseDirectory: string;
  /** The Action's workspace, which paths stay inside unless `allow-outside-workspace`; absent for the CLI. */
  readonly workspace?: string;
  readonly toolCache: ToolCacheLike;
  readonly baselineStore: BaselineStore;
  /** The GitHub API for one repository (`owner/name`) with a token, for the PR comment. */
  createGitHubApi(token: string, repository: string): PullRequestApi;
  addPath(directory: string): void;
  setOutput(name: string, value: string): void;
  writeSummary(markdown: string): Promise<void>;
  /** How often a long build prints a line of progress; LIVE_PROGRESS_INTERVAL_MS when absent. */
  readonly liveProgressIntervalMs?: number;
  /**
   * `cli`: a run on a developer's machine: no pull request comment, no baseline save unless asked, and the tables
   * are the CLI's to print (on stdout, once). Absent: the Action.
   */
  readonly surface?: 'action' | 'cli';
}

export interface RunOutcome {
  readonly results: Results;
  readonly resultsPath: string;
  readonly markdown: string;
  /** Null in `mode: measure`, which compares nothing. */
  readonly comparison: Comparison | null;
  /** Why nothing was compared; null when something was (or in `mode: measure`). */
  readonly absence?: string | null;
}

/** The step fails, and everything was still measured, written and reported: the outcome says what. */
export class StepFailedError extends Error {
  constructor(
    message: string,
    readonly outcome: RunOutcome,
  ) {
    super(message);
    this.name = 'StepFailedError';
  }
}

/** A benchmark that stopped on a failing build or an unverified linker. */
export class BenchmarkFailedError extends StepFailedError {
  override name = 'BenchmarkFailedError';
}

/** The gate found builds slower than the threshold allows (or could not tell, with `fail-on: inconclusive`). */
export class GateFailedError extends StepFailedError {
  override name = 'GateFailedError';
}
