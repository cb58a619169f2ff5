/** The adapters the pipeline talks through; `run(deps)` receives them, tests hand in real local ones. */

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  notice(message: string): void;
  /** One line per build: what, which round, how long, estimated time left. */
  progress(message: string): void;
  /** Folds the logs of one stage. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the process tree after this long. */
  readonly timeoutMs?: number;
  /** Lines of combined output kept for an error message. */
  readonly tailLines?: number;
  /** Called with each chunk of output (stdout and stderr) as it arrives, for live progress. */
  readonly onOutput?: (chunk: string) => void;
}

/** What one finished process reported. */
export interface CommandResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  /** Last lines of stdout and stderr interleaved. */
  readonly outputTail: string;
  readonly wallMs: number;
  /** CPU user+sys of the reaped process tree; null where the platform does not tell. */
  readonly cpuMs: number | null;
  /** Largest sum of resident memory over the live process tree, sampled; null where unknown. */
  readonly peakRssKb: number | null;
  readonly timedOut: boolean;
}

export interface ProcessRunner {
  /** Runs a program with arguments (no shell); never throws for a non-zero exit. */
  run(file: string, args: readonly string[], options?: CommandOptions): Promise<CommandResult>;
}

export interface Clock {
  /** Monotonic milliseconds. */
  nowMs(): number;
  /** Wall-clock time for timestamps. */
  date(): Date;
}

/** What the disk says about path inputs, for the checks before any build. */
export interface PathFacts {
  /** The directory `working-directory` and `results-path` must stay inside; null: anywhere (the CLI). */
  readonly workspace: string | null;
  /** The absolute path with symbolic links resolved in the part of it that exists. */
  resolveReal(absolutePath: string): string;
  /** Why no file can be written at the absolute path, or null when one can. */
  whyNotWritable(absolutePath: string): string | null;
}
