/** Cleanups that must run whatever happens: success, failure, SIGINT or SIGTERM. Run once, newest first. */
import { describeError } from './errors.js';
import { killLiveProcesses } from './process-runner.js';

type Cleanup = () => void | Promise<void>;

const cleanups: Cleanup[] = [];

/** Registers a cleanup; returns a function that runs it now and unregisters it. */
export function registerCleanup(cleanup: Cleanup): () => Promise<void> {
  cleanups.push(cleanup);
  return async () => {
    const index = cleanups.indexOf(cleanup);
    if (index < 0) return;
    cleanups.splice(index, 1);
    await cleanup();
  };
}

/** Runs every registered cleanup, newest first; a failing cleanup does not stop the others. */
export async function runCleanups(report: (message: string) => void): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    try {
      await cleanup();
    } catch (error) {
      report(`A cleanup step failed: ${describeError(error)}`);
    }
  }
}

/** On SIGINT/SIGTERM: stop the running build, run the cleanups, exit with 128 + signal number. */
export function installSignalHandlers(report: (message: string) => void): void {
  const codes: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // A second signal must not cut the restore of the user's files short.
      if (stopping) return report(`Received ${signal} again: still restoring touched files.`);
      stopping = true;
      report(`Received ${signal}: stopping the build and restoring touched files.`);
      killLiveProcesses('SIGKILL');
      void runCleanups(report).finally(() => process.exit(128 + (codes[signal] ?? 0)));
    });
  }
}
