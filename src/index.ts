/** The Action's entry: runs the pipeline with the runner's adapters, reports a failure once, then exits. */
import { describeError } from './system/errors.js';
import * as core from '@actions/core';
import { createActionDeps } from './github/action-deps.js';
import { run } from './main.js';
import { installSignalHandlers } from './system/cleanup.js';
import { exitWhenWritten } from './system/exit-process.js';

installSignalHandlers((message) => core.warning(message));
try {
  await run(createActionDeps());
} catch (error) {
  core.setFailed(describeError(error));
}
// A request given up on at its time limit may keep a socket open; the step is done, so the process ends here.
await exitWhenWritten();
