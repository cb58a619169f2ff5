/**
 * Ends the process once what it wrote has been handed on. A call whose time limit ran out may still hold a socket
 * (the cache client's requests cannot be aborted from outside), and Node stays alive while one is open: an Action
 * that does not exit holds its job until the job's own timeout.
 */

/** The parts of `process` this needs; tests pass a stand-in. */
export interface ExitingProcess {
  readonly stdout: Pick<NodeJS.WriteStream, 'write'>;
  readonly stderr: Pick<NodeJS.WriteStream, 'write'>;
  exit(): void;
}

function flush(stream: Pick<NodeJS.WriteStream, 'write'>): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Waits until stdout and stderr have taken everything written before, then exits with `process.exitCode`. */
export async function exitWhenWritten(target: ExitingProcess = process): Promise<void> {
  await Promise.all([flush(target.stdout), flush(target.stderr)]);
  target.exit();
}
